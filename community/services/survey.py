"""The SKM survey's use cases and the figures of the public unit pages and the
office dashboard.

Writes: submit_response (a citizen's answer), open_period/close_period (HR).
Reads: results (the IKM of many units and periods in one query), unit_rows
(the public unit list), unit_trend, headed_units (who heads which unit), and
the personal-data hooks of the accounts area.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, DateField, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from community import ikm
from community.errors import CommunityError
from community.identity import ensure_may_post
from community.models import SurveyPeriod, SurveyResponse
from community.models.survey import ONE_ANSWER_MESSAGE
from performance.appraisers import seat_holders, unit_head_position
from positions.models import OrgUnit, Placement

ALREADY_ANSWERED = ONE_ANSWER_MESSAGE


def public_units() -> QuerySet[OrgUnit]:
    """The active units that serve the public (COMMUNITY_SERVICE_UNIT_KINDS),
    by name: the units of the public pages and of the questionnaire."""
    return OrgUnit.objects.filter(
        is_active=True, kind__in=settings.COMMUNITY_SERVICE_UNIT_KINDS
    ).order_by("name", "pk")


# ---------------------------------------------------------------- writes


@transaction.atomic(durable=True)
def submit_response(
    period: SurveyPeriod,
    *,
    unit: OrgUnit,
    respondent,
    scores: Mapping[str, int],
    gender: str,
    age_group: str,
    education: str,
    job: str,
    service=None,
) -> SurveyResponse:
    """Afterwards the citizen has exactly one answer for the unit in the period."""
    ensure_may_post(respondent)
    period = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
    today = timezone.localdate()
    if not period.accepts_on(today):
        raise CommunityError(
            _("Periode survei %(period)s tidak sedang menerima jawaban.")
            % {"period": period.name}
        )
    if not public_units().filter(pk=unit.pk).exists():
        raise CommunityError(_("Unit ini tidak termasuk unit layanan publik."))
    if service is not None and service.unit_id != unit.pk:
        raise CommunityError(_("Layanan yang dipilih bukan layanan unit ini."))
    if set(scores) != set(ikm.ELEMENTS) or any(
        v not in ikm.SCORES for v in scores.values()
    ):
        raise CommunityError(_("Setiap unsur survei harus diberi nilai 1 sampai 4."))
    if SurveyResponse.objects.filter(
        period=period, unit=unit, respondent=respondent
    ).exists():
        raise CommunityError(ALREADY_ANSWERED)
    response = SurveyResponse(
        period=period,
        unit=unit,
        service=service,
        respondent=respondent,
        gender=gender,
        age_group=age_group,
        education=education,
        job=job,
        **{ikm.ELEMENTS[code].field: value for code, value in scores.items()},
    )
    response.full_clean(exclude=["period", "unit", "service", "respondent"])
    try:
        # Two tabs sending at once both pass the check above; the constraint
        # stops the second, and the savepoint keeps the transaction usable.
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise CommunityError(ALREADY_ANSWERED) from None
    return response


@transaction.atomic(durable=True)
def open_period(*, name: str, start_date: date, end_date: date) -> SurveyPeriod:
    """Afterwards an open period with these dates exists, overlapping no other."""
    if end_date < start_date:
        # Checked first: the overlap check cannot even build a reversed range.
        raise CommunityError(
            _("Tanggal akhir periode survei tidak boleh sebelum tanggal mulai.")
        )
    period = SurveyPeriod(name=name, start_date=start_date, end_date=end_date)
    period.full_clean()
    period.save()
    return period


@transaction.atomic(durable=True)
def close_period(period: SurveyPeriod) -> SurveyPeriod:
    """Afterwards the period takes no more answers; its results stay public."""
    period = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
    period.status = SurveyPeriod.Status.CLOSED
    period.save(update_fields=["status"])
    return period


# ---------------------------------------------------------------- results


def _result(row: Mapping, minimum: int) -> ikm.Result:
    """A SQL results() row as an ikm.Result (hidden below the minimum)."""
    if row["respondents"] < max(minimum, 1):
        return ikm.Result(row["respondents"], None, None, None, minimum)
    nrr = {code: row[f"nrr_{code}"] for code in ikm.ELEMENTS}
    return ikm.Result(
        row["respondents"], nrr, row["ikm"], ikm.band_for(row["ikm"]), minimum
    )


def results(
    unit_ids: Iterable[int] | None = None, period_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], ikm.Result]:
    """{(unit_id, period_id): Result} for the units and periods with answers
    (one query, whatever their number)."""
    rows = SurveyResponse.objects.all()
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    if period_ids is not None:
        rows = rows.filter(period_id__in=list(period_ids))
    minimum = ikm.min_respondents()
    return {(r["unit_id"], r["period_id"]): _result(r, minimum) for r in rows.results()}


def empty_result() -> ikm.Result:
    return ikm.Result(0, None, None, None, ikm.min_respondents())


@dataclass(frozen=True)
class PeriodResult:
    period: SurveyPeriod
    result: ikm.Result


def unit_trend(
    unit_id: int, periods: list[SurveyPeriod], found: Mapping | None = None
) -> list[PeriodResult]:
    """The unit's result in every started period, oldest first."""
    found = results([unit_id]) if found is None else found
    return [
        PeriodResult(p, found.get((unit_id, p.pk)) or empty_result())
        for p in sorted(periods, key=lambda p: p.start_date)
    ]


def latest_public(
    unit_id: int, periods: list[SurveyPeriod], found: Mapping
) -> PeriodResult | None:
    """The unit's most recent published result (periods newest first)."""
    for period in sorted(periods, key=lambda p: p.start_date, reverse=True):
        result = found.get((unit_id, period.pk))
        if result is not None and result.is_public:
            return PeriodResult(period, result)
    return None


def feedback_stats(unit_ids: list[int] | None) -> dict:
    """The feedback area's figures per unit ({} while that area is not installed)."""
    try:
        from community.services.feedback import unit_stats
    except ImportError:
        return {}
    return unit_stats(unit_ids)


@dataclass(frozen=True)
class UnitRow:
    """A unit on the public pages: its latest published IKM and its feedback
    figures (None when the feedback area has none for it)."""

    unit: OrgUnit
    latest: PeriodResult | None
    feedback: object | None
    trend: list[PeriodResult] = field(default_factory=list)


def unit_rows(
    units: list[OrgUnit], *, day: date | None = None, with_trend: bool = False
) -> list[UnitRow]:
    """Rows for the given units (three queries plus the feedback area's)."""
    day = day or timezone.localdate()
    periods = list(SurveyPeriod.objects.started(day))
    ids = [u.pk for u in units]
    found = results(ids, [p.pk for p in periods])
    stats = feedback_stats(ids)
    return [
        UnitRow(
            unit,
            latest_public(unit.pk, periods, found),
            stats.get(unit.pk),
            unit_trend(unit.pk, periods, found) if with_trend else [],
        )
        for unit in units
    ]


# ---------------------------------------------------------------- unit heads


def headed_units(user, day: date | None = None) -> list[OrgUnit]:
    """The units whose head position `user` holds on `day` (definitive, else the
    Plt, else the Plh, as for appraisals): a few queries, one per held seat."""
    if not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    held = list(
        Placement.objects.on(day)
        .filter(employee__user=user)
        .select_related("position__unit")
    )
    heads = {}
    for placement in held:
        unit = placement.position.unit
        if unit.pk not in heads:
            heads[unit.pk] = (unit, unit_head_position(unit))
    seats = seat_holders([h.pk for _u, h in heads.values() if h is not None], day)
    employee_ids = {p.employee_id for p in held}
    return sorted(
        (
            unit
            for unit, head in heads.values()
            if head is not None
            and seats.get(head.pk)
            and seats[head.pk][0].employee_id in employee_ids
        ),
        key=lambda u: u.name,
    )


# ---------------------------------------------------------------- personal data


def personal_data(user) -> list[dict]:
    """The citizen's own answers, for the "download my data" file."""
    rows = (
        SurveyResponse.objects.filter(respondent=user)
        .select_related("period", "unit", "service")
        .order_by("submitted_at")
    )
    return [
        {
            "periode": r.period.name,
            "unit": r.unit.name,
            "layanan": r.service.name if r.service else "",
            "nilai": {str(e.label): getattr(r, e.field) for e in ikm.elements()},
            "jenis_kelamin": r.get_gender_display(),
            "usia": r.get_age_group_display(),
            "pendidikan": r.get_education_display(),
            "pekerjaan": r.get_job_display(),
            "dikirim_pada": r.submitted_at.isoformat(),
        }
        for r in rows
    ]


def erase_personal_data(user) -> int:
    """Detach the citizen's answers from his account; the scores stay so that
    published indexes do not change. Runs inside the deleting transaction."""
    return SurveyResponse.objects.filter(respondent=user).update(respondent=None)


# ---------------------------------------------------------------- office


@dataclass(frozen=True)
class MonthVolume:
    month: date
    count: int


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class OfficeFigures:
    """What the office dashboard shows of one unit: nothing about any single
    civil servant, only the unit's feedback handling and its IKM."""

    feedback: object | None
    volume: list[MonthVolume]
    statuses: list[StatusCount]
    overdue: int
    trend: list[PeriodResult]
    latest: PeriodResult | None

    @property
    def peak(self) -> int:
        """The busiest month's count (at least 1), to scale the bars."""
        return max([v.count for v in self.volume] + [1])


def _months_back(day: date, months: int) -> list[date]:
    first = day.replace(day=1)
    out = []
    for _i in range(months):
        out.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return out[::-1]


def office_figures(
    unit: OrgUnit, *, day: date | None = None, months: int = 12
) -> OfficeFigures:
    """The unit's feedback volume per month (the last `months`), its feedback by
    status, how many are overdue, and its IKM per period (six queries)."""
    from community.models import Feedback

    day = day or timezone.localdate()
    mine = Feedback.objects.filter(unit=unit)
    months_shown = _months_back(day, months)
    per_month = dict(
        mine.filter(created_at__date__gte=months_shown[0])
        .annotate(month=TruncMonth("created_at", output_field=DateField()))
        .order_by()
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    by_status = dict(
        mine.order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    periods = list(SurveyPeriod.objects.started(day))
    found = results([unit.pk], [p.pk for p in periods])
    return OfficeFigures(
        feedback=feedback_stats([unit.pk]).get(unit.pk),
        volume=[MonthVolume(m, per_month.get(m, 0)) for m in months_shown],
        statuses=[
            StatusCount(value, str(label), by_status.get(value, 0))
            for value, label in Feedback.Status.choices
        ],
        overdue=mine.overdue(day).count(),
        trend=unit_trend(unit.pk, periods, found),
        latest=latest_public(unit.pk, periods, found),
    )


def office_overview(units: list[OrgUnit], *, day: date | None = None) -> list[tuple]:
    """For HR's overview: (UnitRow, overdue count) per unit (five queries)."""
    from community.models import Feedback

    day = day or timezone.localdate()
    overdue = dict(
        Feedback.objects.filter(unit__in=[u.pk for u in units])
        .overdue(day)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    return [(row, overdue.get(row.unit.pk, 0)) for row in unit_rows(units, day=day)]


def period_rows(units: list[OrgUnit], period: SurveyPeriod) -> list[tuple]:
    """(unit, Result) for every given unit in one period (one query)."""
    found = results([u.pk for u in units], [period.pk])
    return [(u, found.get((u.pk, period.pk)) or empty_result()) for u in units]


# ---------------------------------------------------------------- appraisal


def public_input_for(unit: OrgUnit) -> UnitRow | None:
    """The unit's public figures (latest IKM, feedback) for the page where its
    organisation rating is set (settings.PERFORMANCE_PUBLIC_INPUT_PROVIDER), so
    that citizens' input reaches that discussion; None for a unit that does not
    serve the public."""
    if not unit.is_active or unit.kind not in settings.COMMUNITY_SERVICE_UNIT_KINDS:
        return None
    return unit_rows([unit])[0]
