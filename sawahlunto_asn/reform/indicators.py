"""The reform indicators (issue 8 item 1) of a year, for the city and every unit.

Pure reads. `compute(year)` sends a constant number of grouped queries whatever
the size of the city (one per figure family, grouped by unit), adds each unit's
own figures to itself and to every ancestor through the materialized path, and
returns plain dataclasses: a unit's figures include its sub-units.

Definitions (the day of a year is competency.jp.reference_day: today for the
current year, 31 December for a past one):

- workforce: needs = Σ Position.needs of active positions; filled = definitive
  placements on the day; the profiles (gender, golongan, education, age band)
  count the employees holding those placements; retiring in 12 / 24 months =
  those whose TMT pensiun falls after the day and on or before the day plus one
  / two years.
- rotation: overdue = definitive posts held longer than ROTATION_MAX_YEARS on the
  day (positions.watch); moves = rotasi, promosi and demosi of EXECUTED batches
  whose effective date falls in the year, counted in the unit the employee left;
  a move WIDENS experience when it goes to another perangkat daerah (the path's
  second segment) or to a position of another rumpun (Position.field).
- competency: employees placed on the day whose YearlyJp for the year reaches
  COMPETENCY_JP_YEARLY_MINIMUM; reached by reform socialisation = those placed on
  the day who completed an event, starting in the year, of a program marked
  TrainingProgram.is_reform_socialisation.
- appraisal: SKPs of the year's period and the evaluations given on them (rated),
  by the unit recorded on the SKP; the predikat counts against the pattern of the
  unit's organisation rating (UnitResult; none for the city); rated on time =
  evaluations given no later than REFORM_APPRAISAL_DUE_DAYS after the period's
  end; the 9-box counts (performance.rules: box from the predikat and the
  period's TalentPotential; 0 for an evaluation without a potential yet);
  objections by status and decision.
- public: verified feedback (not new, not rejected) submitted in the year, those
  answered, and answered by the deadline (as community.services.feedback.
  unit_stats counts them); the IKM of the year's survey periods: a unit's own
  latest published IKM, and for a subtree the number of units with a published
  IKM and their plain mean (each unit weighs the same).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear, Substr

from community import ikm
from community.models import Feedback, SurveyPeriod
from community.services import survey
from competency.jp import reference_day, yearly_minimum
from competency.models import Registration, YearlyJp
from performance import rules
from performance.models import Evaluation, Objection, Period, Skp, UnitResult
from positions import watch
from positions.dates import add_years
from positions.models import (
    Employee,
    Move,
    OrgUnit,
    Placement,
    Position,
    RotationBatch,
)

AGE_BANDS = ("<30", "30-39", "40-49", "50+")
# The population pyramid's five-year bands (youngest first) and the coarse band
# each one falls in.
PYRAMID_BANDS = (
    "<25",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60+",
)
COARSE_BAND = dict(
    zip(
        PYRAMID_BANDS, [AGE_BANDS[i] for i in (0, 0, 1, 1, 2, 2, 3, 3, 3)], strict=False
    )
)
PREDIKATS = tuple(rules.Predikat.values)


def share(part: int, whole: int) -> float | None:
    """Percentage to one decimal; None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Workforce:
    needs: int = 0
    filled: int = 0
    retiring_12: int = 0
    retiring_24: int = 0
    gender: dict[str, int] = field(default_factory=dict)
    golongan: dict[str, int] = field(default_factory=dict)
    education: dict[str, int] = field(default_factory=dict)
    age: dict[str, int] = field(default_factory=dict)
    # five-year band -> {gender code: n}
    pyramid: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def fill_share(self) -> float | None:
        return share(self.filled, self.needs)

    @property
    def vacant(self) -> int:
        return max(self.needs - self.filled, 0)


@dataclass
class Rotation:
    posts: int = 0
    overdue: int = 0
    moves: int = 0
    widening: int = 0

    @property
    def overdue_share(self) -> float | None:
        return share(self.overdue, self.posts)

    @property
    def widening_share(self) -> float | None:
        return share(self.widening, self.moves)


@dataclass
class Competency:
    employees: int = 0
    meeting: int = 0
    socialised: int = 0

    @property
    def meeting_share(self) -> float | None:
        return share(self.meeting, self.employees)

    @property
    def socialised_share(self) -> float | None:
        return share(self.socialised, self.employees)


@dataclass
class Appraisal:
    skps: int = 0
    rated: int = 0
    on_time: int = 0
    predikat: dict[str, int] = field(default_factory=dict)
    boxes: dict[int, int] = field(default_factory=dict)  # 1..9, 0: no potential
    org_rating: str = ""
    breaches: list[str] = field(default_factory=list)
    objections: int = 0
    objections_pending: int = 0
    objections_kept: int = 0
    objections_changed: int = 0

    @property
    def rated_share(self) -> float | None:
        return share(self.rated, self.skps)

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.skps)

    def predikat_share(self, value: str) -> float | None:
        return share(self.predikat.get(value, 0), self.rated)


@dataclass
class Public:
    feedback: int = 0
    answered: int = 0
    on_time: int = 0
    ikm: Decimal | None = None  # the unit's own latest published IKM of the year
    band: str = ""
    ikm_units: int = 0  # units in the subtree with a published IKM
    ikm_mean: Decimal | None = None
    mean_band: str = ""

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.answered)


@dataclass
class UnitIndicators:
    unit: OrgUnit | None  # None: the whole city
    workforce: Workforce
    rotation: Rotation
    competency: Competency
    appraisal: Appraisal
    public: Public

    @property
    def headcount(self) -> int:
        return self.workforce.filled


@dataclass
class Indicators:
    year: int
    day: date
    city: UnitIndicators
    units: dict[int, UnitIndicators]  # every unit, in tree (path) order

    def scope(self, unit: OrgUnit | None) -> UnitIndicators:
        return self.city if unit is None else self.units[unit.pk]


def _segments(path: str) -> list[str]:
    return [part + "/" for part in path.split("/") if part]


class _Tally:
    """Own counters per unit id, rolled up to ancestors by path."""

    def __init__(self, units: list[OrgUnit]):
        self.units = units
        self.own: dict[int, Counter] = {u.pk: Counter() for u in units}

    def add(self, unit_id: int | None, key, n: int) -> None:
        if unit_id in self.own and n:
            self.own[unit_id][key] += n

    def rolled(self) -> tuple[dict[int, Counter], Counter]:
        by_segment = {u.path_segment(): u.pk for u in self.units}
        total: dict[int, Counter] = {u.pk: Counter() for u in self.units}
        city: Counter = Counter()
        for unit in self.units:
            own = self.own[unit.pk]
            if not own:
                continue
            city.update(own)
            for segment in _segments(unit.path):
                ancestor = by_segment.get(segment)
                if ancestor is not None:
                    total[ancestor].update(own)
        return total, city


def _golongan(scheme: str | None, grade: str | None) -> str:
    """PNS: the roman part of "III/a"; PPPK: "PPPK IX"; none recorded: "-"."""
    if not grade:
        return "-"
    return f"PPPK {grade}" if scheme == "PPPK" else grade.split("/")[0]


def compute(year: int) -> Indicators:
    """Every indicator of `year` for the city and each unit (a constant number of
    queries: 15 whatever the number of units or employees)."""
    day = reference_day(year)
    units = list(OrgUnit.objects.order_by("path"))
    tally = _Tally(units)

    # -- workforce
    for unit_id, n in (
        Position.objects.filter(is_active=True)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Sum("needs"))
    ):
        tally.add(unit_id, "needs", n)
    people = Employee.objects.with_current_position(day).filter(
        position_id__isnull=False
    )
    one, two = add_years(day, 1), add_years(day, 2)
    # Born after the day minus 25 years: under 25 on the day; and so on.
    age_band = Case(
        *(
            When(birth_date__gt=add_years(day, -25 - 5 * i), then=Value(band))
            for i, band in enumerate(PYRAMID_BANDS[:-1])
        ),
        default=Value(PYRAMID_BANDS[-1]),
        output_field=CharField(),
    )
    for row in (
        people.annotate(age_band=age_band)
        .order_by()
        .values("unit_id", "gender", "age_band")
        .annotate(
            n=Count("id"),
            r12=Count("id", filter=Q(retirement_on__gt=day, retirement_on__lte=one)),
            r24=Count("id", filter=Q(retirement_on__gt=day, retirement_on__lte=two)),
        )
    ):
        unit_id = row["unit_id"]
        tally.add(unit_id, "filled", row["n"])
        tally.add(unit_id, ("gender", row["gender"]), row["n"])
        tally.add(unit_id, ("age", COARSE_BAND[row["age_band"]]), row["n"])
        tally.add(unit_id, ("pyramid", row["age_band"], row["gender"]), row["n"])
        tally.add(unit_id, "r12", row["r12"])
        tally.add(unit_id, "r24", row["r24"])
    # Profiles list golongan and education in rank / education order ("-" last).
    order: dict[str, int] = {"-": 10_000}
    for unit_id, scheme, grade, rank_no, education, edu_no, n in (
        people.order_by()
        .values_list(
            "unit_id",
            "rank__scheme",
            "rank__grade",
            "rank__ordinal",
            "education__name",
            "education__ordinal",
        )
        .annotate(n=Count("id"))
    ):
        golongan = _golongan(scheme, grade)
        if grade:
            rank_order = (100 if scheme == "PPPK" else 0) + rank_no
            order[golongan] = min(order.get(golongan, 9_999), rank_order)
        order.setdefault(education or "-", edu_no or 10_000)
        tally.add(unit_id, ("golongan", golongan), n)
        tally.add(unit_id, ("education", education or "-"), n)

    # -- rotation
    for unit_id, category, n in (
        watch.current_posts(day)
        .order_by()
        .values_list("position__unit_id", "category")
        .annotate(n=Count("id"))
    ):
        tally.add(unit_id, "posts", n)
        if category == watch.OVERDUE:
            tally.add(unit_id, "overdue", n)
    segment = (watch.SEGMENT + 1, watch.SEGMENT)
    for unit_id, from_opd, to_opd, from_field, to_field, n in (
        _executed_moves(year)
        .annotate(
            from_opd=Substr("from_position__unit__path", *segment),
            to_opd=Substr("to_position__unit__path", *segment),
        )
        .order_by()
        .values_list(
            "from_position__unit_id",
            "from_opd",
            "to_opd",
            "from_position__field",
            "to_position__field",
        )
        .annotate(n=Count("id"))
    ):
        tally.add(unit_id, "moves", n)
        if from_opd != to_opd or from_field != to_field:
            tally.add(unit_id, "widening", n)

    # -- competency
    met = YearlyJp.objects.filter(year=year, counted__gte=yearly_minimum())
    socialised = Registration.objects.filter(
        status=Registration.Status.COMPLETED,
        event__program__is_reform_socialisation=True,
        event__start_date__year=year,
    )
    for unit_id, employees, meeting, reached in (
        Placement.objects.definitive()
        .on(day)
        .order_by()
        .values_list("position__unit_id")
        .annotate(
            employees=Count("employee_id", distinct=True),
            meeting=Count(
                "employee_id",
                distinct=True,
                filter=Q(employee_id__in=met.values("employee_id")),
            ),
            reached=Count(
                "employee_id",
                distinct=True,
                filter=Q(employee_id__in=socialised.values("employee_id")),
            ),
        )
    ):
        tally.add(unit_id, "jp_employees", employees)
        tally.add(unit_id, "jp_meeting", meeting)
        tally.add(unit_id, "socialised", reached)

    # -- appraisal
    period = Period.objects.filter(year=year).first()
    org_ratings: dict[int, str] = {}
    if period is not None:
        for unit_id, n in (
            Skp.objects.filter(period=period)
            .order_by()
            .values_list("unit_id")
            .annotate(n=Count("id"))
        ):
            tally.add(unit_id, "skps", n)
        due = period.end_date + timedelta(days=settings.REFORM_APPRAISAL_DUE_DAYS)
        for unit_id, predikat, potential, n, on_time in (
            Evaluation.objects.filter(period=period)
            .annotate(
                potential_of=FilteredRelation(
                    "employee__talent_potentials",
                    condition=Q(employee__talent_potentials__period=period),
                )
            )
            .order_by()
            .values_list("skp__unit_id", "predikat", "potential_of__level")
            .annotate(
                n=Count("id"), on_time=Count("id", filter=Q(rated_at__date__lte=due))
            )
        ):
            tally.add(unit_id, "rated", n)
            tally.add(unit_id, "appraisal_on_time", on_time)
            tally.add(unit_id, ("predikat", predikat), n)
            box = (
                rules.talent_box(rules.performance_axis(predikat), potential)
                if potential
                else 0
            )
            tally.add(unit_id, ("box", box), n)
        for unit_id, status, decision, n in (
            Objection.objects.filter(evaluation__period=period)
            .order_by()
            .values_list("evaluation__skp__unit_id", "status", "decision")
            .annotate(n=Count("id"))
        ):
            tally.add(unit_id, "objections", n)
            if status != Objection.Status.DECIDED:
                tally.add(unit_id, "objections_pending", n)
            elif decision == Objection.Decision.CHANGED:
                tally.add(unit_id, "objections_changed", n)
            else:
                tally.add(unit_id, "objections_kept", n)
        org_ratings = dict(
            UnitResult.objects.filter(period=period)
            .exclude(org_rating="")
            .values_list("unit_id", "org_rating")
        )

    # -- public
    answered = Q(status__in=[Feedback.Status.ANSWERED, Feedback.Status.CLOSED])
    for unit_id, total, n_answered, on_time in (
        Feedback.objects.exclude(
            status__in=[Feedback.Status.NEW, Feedback.Status.REJECTED]
        )
        .filter(created_at__year=year)
        .order_by()
        .values_list("unit_id")
        .annotate(
            total=Count("id"),
            answered=Count("id", filter=answered),
            on_time=Count(
                "id",
                filter=answered & Q(answered_at__date__lte=F("answer_due")),
            ),
        )
    ):
        tally.add(unit_id, "feedback", total)
        tally.add(unit_id, "answered", n_answered)
        tally.add(unit_id, "on_time", on_time)
    own_ikm = _own_ikm(year)
    for unit_id, value in own_ikm.items():
        tally.add(unit_id, "ikm_units", 1)
        # Summed in hundredths so the Counter stays integral.
        tally.add(unit_id, "ikm_sum", int(value * 100))

    totals, city = tally.rolled()
    result = {
        u.pk: _build(
            u, totals[u.pk], org_ratings.get(u.pk, ""), own_ikm.get(u.pk), order
        )
        for u in units
    }
    return Indicators(year, day, _build(None, city, "", None, order), result)


def _executed_moves(year: int):
    return Move.objects.filter(
        batch__status=RotationBatch.Status.EXECUTED,
        batch__effective_date__year=year,
        from_position__isnull=False,
        to_position__isnull=False,
    )


def _own_ikm(year: int) -> dict[int, Decimal]:
    """Each unit's latest published IKM among the survey periods starting in the
    year (two queries)."""
    periods = sorted(
        SurveyPeriod.objects.filter(start_date__year=year),
        key=lambda p: p.start_date,
    )
    if not periods:
        return {}
    found = survey.results(None, [p.pk for p in periods])
    latest: dict[int, Decimal] = {}
    for period in periods:  # oldest first: later periods overwrite
        for (unit_id, period_id), result in found.items():
            if period_id == period.pk and result.is_public:
                latest[unit_id] = result.ikm
    return latest


def _ordered(c: Counter, kind: str, order: dict[str, int]) -> dict[str, int]:
    found = [(k[1], n) for k, n in c.items() if isinstance(k, tuple) and k[0] == kind]
    return dict(sorted(found, key=lambda kv: (order.get(kv[0], 9_999), kv[0])))


def _build(
    unit: OrgUnit | None,
    c: Counter,
    org_rating: str,
    own_ikm: Decimal | None,
    order: dict[str, int],
) -> UnitIndicators:
    predikat = {value: c[("predikat", value)] for value in PREDIKATS}
    breaches = (
        [str(b.message) for b in rules.distribution_breaches(org_rating, predikat)]
        if org_rating
        else []
    )
    ikm_units = c["ikm_units"]
    ikm_mean = (
        (Decimal(c["ikm_sum"]) / 100 / ikm_units).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if ikm_units
        else None
    )
    return UnitIndicators(
        unit=unit,
        workforce=Workforce(
            needs=c["needs"],
            filled=c["filled"],
            retiring_12=c["r12"],
            retiring_24=c["r24"],
            gender={g: c[("gender", g)] for g in Employee.Gender.values},
            golongan=_ordered(c, "golongan", order),
            education=_ordered(c, "education", order),
            age={band: c[("age", band)] for band in AGE_BANDS},
            pyramid={
                band: {g: c[("pyramid", band, g)] for g in Employee.Gender.values}
                for band in PYRAMID_BANDS
            },
        ),
        rotation=Rotation(
            posts=c["posts"],
            overdue=c["overdue"],
            moves=c["moves"],
            widening=c["widening"],
        ),
        competency=Competency(
            employees=c["jp_employees"],
            meeting=c["jp_meeting"],
            socialised=c["socialised"],
        ),
        appraisal=Appraisal(
            skps=c["skps"],
            rated=c["rated"],
            on_time=c["appraisal_on_time"],
            predikat=predikat,
            boxes={box: c[("box", box)] for box in range(10)},
            org_rating=org_rating,
            breaches=breaches,
            objections=c["objections"],
            objections_pending=c["objections_pending"],
            objections_kept=c["objections_kept"],
            objections_changed=c["objections_changed"],
        ),
        public=Public(
            feedback=c["feedback"],
            answered=c["answered"],
            on_time=c["on_time"],
            ikm=own_ikm,
            band=ikm.band_for(own_ikm).grade if own_ikm is not None else "",
            ikm_units=ikm_units,
            ikm_mean=ikm_mean,
            mean_band=ikm.band_for(ikm_mean).grade if ikm_mean is not None else "",
        ),
    )


def years() -> list[int]:
    """The years the data covers (appraisal periods, JP, survey periods, executed
    batches) plus the current one, newest first, at most REFORM_TREND_YEARS."""
    found = set(Period.objects.values_list("year", flat=True))
    found |= set(YearlyJp.objects.order_by().values_list("year", flat=True).distinct())
    found |= set(
        SurveyPeriod.objects.annotate(y=ExtractYear("start_date"))
        .order_by()
        .values_list("y", flat=True)
        .distinct()
    )
    found.add(reference_day(9999).year)
    return sorted(found, reverse=True)[: settings.REFORM_TREND_YEARS]


def trend(year_list: list[int]) -> list[Indicators]:
    """compute() for each year, oldest first (15 queries a year)."""
    return [compute(y) for y in sorted(year_list)]
