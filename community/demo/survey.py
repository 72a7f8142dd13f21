"""Demo SKM answers for `seed_demo`: last year's period (closed) and the current
semester (open), every public-service unit answered, most of them by enough
citizens to be published and a few not, with scores chosen so that the units
spread over the bands A to D."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from community import ikm
from community.models import CitizenProfile, SurveyPeriod, SurveyResponse
from community.services.survey import public_units
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User

# The mean score each unit's answers aim at, in turn: mostly good service, some
# poor, so that the public pages show every band (A >= 3.5324, B >= 3.0644,
# C >= 2.6 as mean NRR).
TARGETS = (3.75, 3.3, 3.8, 2.85, 3.35, 2.2, 3.65, 3.25)
# Every this-many-th unit gets fewer answers than the minimum (not published).
SHORT_EVERY = 7
# How much each element sits above or below the unit's mean (sums to zero), so
# the NRR table shows strong and weak elements.
ELEMENT_OFFSETS = dict(
    zip(
        ikm.DEFAULT_ORDER,
        (0.1, 0.0, -0.15, 0.2, 0.0, 0.05, 0.1, -0.2, -0.1),
        strict=True,
    )
)
PROFILE_CYCLE = (
    ("L", "20_29", "SMA", "SWASTA"),
    ("P", "30_39", "D4_S1", "ASN"),
    ("P", "40_49", "SMP", "WIRAUSAHA"),
    ("L", "LT20", "SMA", "PELAJAR"),
    ("L", "50_59", "D1_D3", "LAINNYA"),
    ("P", "GE60", "SD", "LAINNYA"),
    ("L", "30_39", "S2_UP", "TNI_POLRI"),
)


def demo_periods(as_of: date) -> list[SurveyPeriod]:
    """Last year (closed) and the semester of `as_of` (open)."""
    last = as_of.year - 1
    first_half = as_of.month <= 6
    semester = (
        ("I", date(as_of.year, 1, 1), date(as_of.year, 6, 30))
        if first_half
        else ("II", date(as_of.year, 7, 1), date(as_of.year, 12, 31))
    )
    specs = [
        (f"Tahun {last}", date(last, 1, 1), date(last, 12, 31), "CLOSED"),
        (f"Semester {semester[0]} {as_of.year}", semester[1], semester[2], "OPEN"),
    ]
    periods = []
    for name, start, end, status in specs:
        period, _created = SurveyPeriod.objects.get_or_create(
            name=name, defaults={"start_date": start, "end_date": end, "status": status}
        )
        periods.append(period)
    return periods


def _scores(mean: float, index: int, count: int) -> dict[str, int]:
    """Respondent `index` of `count`: scores whose column sums track
    (mean + offset) x count exactly, by error diffusion."""
    scores = {}
    for code in ikm.ELEMENTS:
        target = min(4.0, max(1.0, mean + ELEMENT_OFFSETS[code]))
        before = round(target * index)
        after = round(target * (index + 1))
        scores[code] = min(4, max(1, after - before))
    return scores


def _respondents(citizens: list, needed: int) -> list:
    """The given citizens, topped up with demo respondents when too few."""
    if len(citizens) >= needed:
        return citizens
    group = Group.objects.get(name=roles.CITIZEN.group)
    extra = []
    for number in range(len(citizens) + 1, needed + 1):
        user, created = User.objects.get_or_create(
            username=f"responden-skm-{number:03d}",
            defaults={"password": make_password(None), "first_name": ""},
        )
        if created:
            user.groups.add(group)
            CitizenProfile.objects.create(
                user=user,
                display_name=f"Responden SKM {number}",
                email_confirmed_at=timezone.now(),
            )
        extra.append(user)
    return [*citizens, *extra]


@transaction.atomic
def seed_survey(citizens: list, *, as_of: date) -> int:
    """Create the demo periods and answers; returns how many answers were
    added (0 on a second run)."""
    minimum = ikm.min_respondents()
    most = minimum + 6
    people = _respondents(list(citizens), most)
    units = list(public_units())
    before = SurveyResponse.objects.count()
    rows = []
    for period in demo_periods(as_of):
        last_day = min(period.end_date, as_of)
        span = max((last_day - period.start_date).days, 0)
        for u, unit in enumerate(units):
            short = u % SHORT_EVERY == SHORT_EVERY - 1
            count = max(1, minimum - 1 - u % 3) if short else minimum + u % 6
            # Last year a little worse than now, so trends move.
            mean = TARGETS[u % len(TARGETS)] - (0.1 if period.end_date < as_of else 0)
            offset = (u * 5) % len(people)
            for i in range(count):
                person = people[(offset + i) % len(people)]
                gender, age, education, job = PROFILE_CYCLE[
                    (u + i) % len(PROFILE_CYCLE)
                ]
                day = period.start_date + timedelta(days=(u * 7 + i * 3) % (span + 1))
                rows.append(
                    SurveyResponse(
                        period=period,
                        unit=unit,
                        respondent=person,
                        gender=gender,
                        age_group=age,
                        education=education,
                        job=job,
                        submitted_at=timezone.make_aware(
                            datetime.combine(day, time(9 + i % 8, (u * 11) % 60))
                        ),
                        **{
                            ikm.ELEMENTS[c].field: s
                            for c, s in _scores(mean, i, count).items()
                        },
                    )
                )
    SurveyResponse.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return SurveyResponse.objects.count() - before
