"""A small hand-made city for the reform tests (year 2025, day 31-12-2025).

    Pemerintah Kota (R)
    ├── Dinas A (A)          pA: needs 3, UMUM     e1, e2
    │   └── Bidang A1 (A1)   pA1: needs 4, UMUM    e3, e4, e5
    └── Dinas B (B)          pB: needs 2, KESEHATAN e6, e7   (a unit of two)

Every figure the tests expect is worked out by hand in tests/reform/test_indicators.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from community.models import Feedback
from competency.models import Registration, YearlyJp
from performance import rules
from performance.models import Objection, UnitResult
from positions.models import EducationLevel, Move, OrgUnit, RotationBatch
from tests.accounts.factories import UserFactory
from tests.community.factories_feedback import FeedbackFactory
from tests.community.factories_survey import SurveyPeriodFactory, answers
from tests.competency.factories import TrainingEventFactory, TrainingProgramFactory
from tests.performance.factories import (
    EvaluationFactory,
    PeriodFactory,
    SkpFactory,
    TalentPotentialFactory,
)
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
    rank,
)

YEAR = 2025
DAY = date(2025, 12, 31)
WIB = ZoneInfo("Asia/Jakarta")


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 10, 0, tzinfo=WIB)


@dataclass
class City:
    root: OrgUnit
    a: OrgUnit
    a1: OrgUnit
    b: OrgUnit
    people: dict


def education(name: str) -> EducationLevel:
    return EducationLevel.objects.get(name=name)


def build_city() -> City:
    root = OrgUnitFactory(name="Pemerintah Kota Uji", kind="PEMKOT")
    a = OrgUnitFactory(name="Dinas A", parent=root)
    a1 = OrgUnitFactory(name="Bidang A1", kind="BIDANG", parent=a)
    b = OrgUnitFactory(name="Dinas B", parent=root)
    pa = PositionFactory(unit=a, needs=3, field="UMUM")
    pa1 = PositionFactory(unit=a1, needs=4, field="UMUM")
    pb = PositionFactory(unit=b, needs=2, field="KESEHATAN")
    # An inactive position's needs do not count.
    PositionFactory(unit=b, needs=9, is_active=False)

    spec = {
        # name: (position, birth, gender, rank, education, placement start)
        "e1": (pa, date(1968, 3, 15), "1", "IV_A", "S-1", date(2015, 1, 1)),
        "e2": (pa, date(1990, 5, 5), "2", "III_A", "S-1", date(2023, 1, 1)),
        "e3": (pa1, date(1969, 2, 10), "1", "III_B", "D-III", date(2019, 6, 1)),
        "e4": (pa1, date(2000, 1, 1), "2", "II_A", "SLTA", date(2023, 1, 1)),
        "e5": (pa1, date(1980, 7, 7), "2", "III_C", "S-2", date(2023, 1, 1)),
        "e6": (pb, date(1975, 1, 1), "1", "III_D", "S-1", date(2010, 1, 1)),
        "e7": (pb, date(1985, 12, 31), "2", None, None, date(2023, 1, 1)),
    }
    people = {}
    for name, (position, birth, gender, rank_code, edu, start) in spec.items():
        person = EmployeeFactory(
            name=name,
            birth_date=birth,
            appointment_date=date(birth.year + 25, 1, 1),
            gender=gender,
            rank=rank(rank_code) if rank_code else None,
            education=education(edu) if edu else None,
        )
        PlacementFactory(employee=person, position=position, start_date=start)
        people[name] = person
    # Someone who left before the day: not counted anywhere.
    gone = EmployeeFactory(name="gone", birth_date=date(1980, 1, 1))
    PlacementFactory(
        employee=gone,
        position=pa,
        start_date=date(2020, 1, 1),
        end_date=date(2024, 6, 30),
    )

    _moves(pa, pa1, pb, people)
    _jp(people)
    _socialisation(people)
    _appraisals(a, a1, b, people)
    _feedback(a1, b)
    _survey(a1, b)
    return City(root, a, a1, b, people)


def _moves(pa, pa1, pb, p) -> None:
    hr = UserFactory()
    done = RotationBatch.objects.create(
        title="Rotasi 2025",
        effective_date=date(2025, 6, 1),
        status=RotationBatch.Status.EXECUTED,
        created_by=hr,
    )
    for employee, kind, src, dst in [
        (p["e3"], "ROTASI", pa, pa1),  # same OPD, same rumpun: does not widen
        (p["e7"], "ROTASI", pa, pb),  # to another OPD: widens
        (p["e6"], "PROMOSI", pb, pa),  # to another OPD and rumpun: widens
        (p["e1"], "MUTASI_KELUAR", pa, None),  # leaves the city: not a move here
    ]:
        Move.objects.create(
            batch=done,
            employee=employee,
            kind=kind,
            from_position=src,
            to_position=dst,
            reason="uji",
        )
    # A draft batch and a batch of another year do not count.
    for status, effective in [
        ("DRAFT", date(2025, 7, 1)),
        ("EXECUTED", date(2024, 6, 1)),
    ]:
        batch = RotationBatch.objects.create(
            title="Lain", effective_date=effective, status=status, created_by=hr
        )
        Move.objects.create(
            batch=batch,
            employee=p["e2"],
            kind="ROTASI",
            from_position=pa,
            to_position=pb,
            reason="uji",
        )


def _jp(p) -> None:
    for name, year, counted in [
        ("e1", 2025, 20),  # exactly the minimum: meets it
        ("e2", 2025, 19),
        ("e3", 2025, 25),
        ("e6", 2025, 40),
        ("e4", 2024, 30),  # another year
    ]:
        YearlyJp.objects.create(employee=p[name], year=year, counted=counted)


def _socialisation(p) -> None:
    reform = TrainingProgramFactory(kind="SOSIALISASI", is_reform_socialisation=True)
    other_topic = TrainingProgramFactory(kind="SOSIALISASI")
    march = TrainingEventFactory(
        program=reform,
        start_date=date(2025, 3, 3),
        registration_deadline=date(2025, 3, 1),
    )
    late_2024 = TrainingEventFactory(
        program=reform,
        start_date=date(2024, 12, 30),
        end_date=date(2025, 1, 2),
        registration_deadline=date(2024, 12, 20),
    )
    germas = TrainingEventFactory(
        program=other_topic,
        start_date=date(2025, 5, 5),
        registration_deadline=date(2025, 5, 1),
    )
    for event, name, status in [
        (march, "e1", "COMPLETED"),  # reached
        (march, "e5", "COMPLETED"),  # reached
        (march, "e2", "REGISTERED"),  # registered, never completed: not reached
        (late_2024, "e7", "COMPLETED"),  # the event started in 2024
        (germas, "e6", "COMPLETED"),  # a sosialisasi on another topic
    ]:
        done = status == "COMPLETED"
        # Written directly: the factory's JP recount would overwrite _jp's figures.
        Registration.objects.create(
            event=event,
            employee=p[name],
            status=status,
            source="NOMINATED",
            certificate_number=f"SERT/{name}/{event.pk}" if done else "",
            completed_on=event.end_date if done else None,
        )


def _appraisals(a, a1, b, p) -> None:
    period = PeriodFactory(year=YEAR)
    other = PeriodFactory(year=2024)
    R = rules.Rating
    ratings = {
        "e1": (R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI),  # Sangat Baik
        "e2": (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI),  # Baik
        "e3": (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI),
        "e4": (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI),
        "e5": None,  # SKP without an evaluation yet
        "e6": (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI),
        "e7": None,
    }
    unit_of = {"e1": a, "e2": a, "e3": a1, "e4": a1, "e5": a1, "e6": b, "e7": b}
    # Rated on: due by 31-01-2026 (period end + REFORM_APPRAISAL_DUE_DAYS 31).
    # e2's 06:00 WIB on 01-02-2026 is still 31-01 in UTC: late all the same.
    rated_on = {
        "e1": at(2026, 1, 31),  # the last day: on time
        "e2": datetime(2026, 2, 1, 6, 0, tzinfo=WIB),  # late
        "e3": at(2025, 12, 20),  # on time
        "e4": at(2026, 1, 15),  # on time
        "e6": at(2026, 3, 1),  # late
    }
    # The 9-box potential of the period (e3 has none yet).
    potentials = {
        "e1": rules.Potential.TINGGI,
        "e2": rules.Potential.MENENGAH,
        "e4": rules.Potential.RENDAH,
        "e6": rules.Potential.TINGGI,
    }
    evaluations = {}
    for name, pair in ratings.items():
        skp = SkpFactory(period=period, employee=p[name], unit=unit_of[name])
        if pair:
            evaluations[name] = EvaluationFactory(
                skp=skp,
                work_results_rating=pair[0],
                behaviour_rating=pair[1],
                rated_at=rated_on[name],
            )
        if name in potentials:
            TalentPotentialFactory(
                period=period, employee=p[name], level=potentials[name]
            )
    # Another period's potential does not place e3.
    TalentPotentialFactory(period=other, employee=p["e3"], level="TINGGI")
    # Last year's evaluation does not count in 2025.
    EvaluationFactory(skp=SkpFactory(period=other, employee=p["e1"], unit=a))
    UnitResult.objects.create(period=period, unit=a, org_rating="BAIK")

    def objection(name, **extra):
        e = evaluations[name]
        Objection.objects.create(
            evaluation=e,
            reasons="uji",
            original_work_results_rating=e.work_results_rating,
            original_behaviour_rating=e.behaviour_rating,
            original_predikat=e.predikat,
            **extra,
        )

    objection("e2")  # filed: pending
    decided = {
        "status": "DECIDED",
        "decision_reason": "uji",
        "decided_at": timezone.now(),
    }
    objection("e3", decision="KEPT", **decided)
    objection(
        "e4",
        decision="CHANGED",
        new_work_results_rating=R.DI_ATAS_EKSPEKTASI,
        new_behaviour_rating=R.DI_ATAS_EKSPEKTASI,
        new_predikat=rules.Predikat.SANGAT_BAIK,
        **decided,
    )


def _feedback(a1, b) -> None:
    S = Feedback.Status
    for unit, status, created, answered, due in [
        (a1, S.ANSWERED, at(2025, 3, 1), at(2025, 3, 5), date(2025, 3, 10)),  # on time
        (a1, S.ANSWERED, at(2025, 3, 1), at(2025, 3, 20), date(2025, 3, 10)),  # late
        (a1, S.ASSIGNED, at(2025, 4, 1), None, date(2025, 4, 10)),  # open
        (b, S.CLOSED, at(2025, 5, 1), at(2025, 5, 10), date(2025, 5, 10)),  # on the day
        (a1, S.NEW, at(2025, 6, 1), None, None),  # not verified: left out
        (a1, S.REJECTED, at(2025, 6, 1), None, None),  # rejected: left out
        (b, S.ANSWERED, at(2024, 6, 1), at(2024, 6, 2), date(2024, 6, 9)),  # 2024
    ]:
        FeedbackFactory(
            unit=unit,
            status=status,
            created_at=created,
            verified_at=created if status not in (S.NEW,) else None,
            answered_at=answered,
            answer_due=due,
            rejection_reason="Bukan kewenangan" if status == S.REJECTED else "",
        )


def _survey(a1, b) -> None:
    period = SurveyPeriodFactory(
        start_date=date(2025, 1, 1), end_date=date(2025, 6, 30)
    )
    answers(period, a1, [4, 4])  # every NRR 4: IKM 4 x 25 = 100.00, band A
    answers(period, b, [3, 2])  # every NRR 2.5: IKM 62.50, band D
    earlier = SurveyPeriodFactory(
        start_date=date(2024, 1, 1), end_date=date(2024, 6, 30)
    )
    answers(earlier, b, [1, 1])  # 2024: not in 2025's figures
