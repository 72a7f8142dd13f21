from __future__ import annotations

import time
from datetime import date
from io import StringIO

import pytest
from django.db.models import Count, F, Q

from competency import demo, jp
from competency.models import (
    Assessment,
    Attendance,
    Evaluation,
    ExternalLearning,
    Registration,
    StandardDefault,
    TrainingEvent,
)
from positions import demo as registry_demo
from positions.models import Employee

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 9, 15)
SMALL = 300


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            StandardDefault,
            Assessment,
            TrainingEvent,
            Registration,
            Attendance,
            Evaluation,
            ExternalLearning,
        )
    }


@pytest.fixture
def seeded():
    registry_demo.seed_registry(SMALL, as_of=AS_OF.replace(day=1))
    started = time.perf_counter()
    summary = demo.seed_competency(as_of=AS_OF)
    return summary, time.perf_counter() - started


def test_about_a_third_of_the_employees_are_below_the_minimum(seeded):
    summary, _elapsed = seeded
    assert summary.seeded
    report = jp.jp_summary(AS_OF.year, day=AS_OF)
    assert report.employees == summary.employees == Employee.objects.count()
    assert 0.25 <= report.below / report.employees <= 0.42
    assert summary.below_minimum == report.below
    assert f"{summary.below_minimum:,} of {summary.employees:,} employees" in (
        summary.line()
    )


def test_most_employees_are_assessed_and_history_is_kept(seeded):
    summary, _elapsed = seeded
    placed = Employee.objects.with_current_position(AS_OF).filter(
        position_id__isnull=False
    )
    assert summary.assessed_employees >= 0.75 * placed.count()
    assert summary.assessed_employees < placed.count()  # some still "belum diases"
    assert Assessment.objects.count() > Assessment.objects.latest().count()


def test_events_never_exceed_their_seats_and_finished_ones_have_forms(seeded):
    over = TrainingEvent.objects.annotate(
        seated=Count(
            "registrations", filter=Q(registrations__status__in=Registration.SEATED)
        )
    ).filter(seated__gt=F("capacity"))
    assert not over.exists()
    assert TrainingEvent.objects.filter(end_date__lt=AS_OF).count() >= 8
    assert TrainingEvent.objects.filter(start_date__gt=AS_OF).count() == 3
    assert Registration.objects.filter(status="WAITLISTED").exists()
    assert Attendance.objects.exists()
    assert Evaluation.objects.exists()
    titles = set(TrainingEvent.objects.values_list("program__title", flat=True))
    assert {
        "Pelatihan Literasi Digital dan Keamanan Informasi",
        "Sosialisasi Reformasi Birokrasi dan Budaya Kerja BerAKHLAK",
        "Pelatihan Kepemimpinan Pengawas (PKP)",
    } <= titles
    assert ExternalLearning.objects.filter(status="PENDING").exists()


def test_a_second_run_changes_nothing(seeded):
    before = counts()
    out = StringIO()
    again = demo.seed_competency(out, as_of=AS_OF)
    assert not again.seeded
    assert counts() == before
    assert out.getvalue().startswith("Competency already seeded, left as is")


def test_it_is_quick_at_demo_scale(seeded):
    _summary, elapsed = seeded
    # 300 employees here; 2,500 stays within a few seconds at the same rate.
    assert elapsed < 3
