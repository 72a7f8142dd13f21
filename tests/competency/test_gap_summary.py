"""The counted gap summary behind the city and unit reports, and the live list of
who is below standard in one competency."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from competency import gaps, services
from competency.models import Competency, UnitGapSummary
from tests.competency.factories import (
    AssessmentFactory,
    PositionStandardFactory,
    StandardDefaultFactory,
)
from tests.helpers import count_queries
from tests.positions.factories import OrgUnitFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def comp(code: str) -> Competency:
    return Competency.objects.get(code=code)


@pytest.fixture
def city():
    """Two dinas under the city; every rule of the standard in play: kind-wide and
    jenjang defaults, a technical default in one rumpun, an override, an override
    to 0, an inactive competency, people never assessed and people reassessed."""
    for kind, level, code, required in (
        ("PELAKSANA", "", "M.01", 2),
        ("PELAKSANA", "", "M.02", 1),
        ("PELAKSANA", "", "T.KEU.01", 2),
        ("PELAKSANA", "", "M.03", 2),
        ("FUNGSIONAL", "", "M.01", 1),
        ("FUNGSIONAL", "AHLI_MUDA", "M.01", 3),
    ):
        StandardDefaultFactory(
            position_kind=kind,
            functional_level=level,
            competency=comp(code),
            required_level=required,
        )
    Competency.objects.filter(code="M.03").update(is_active=False)
    root = OrgUnitFactory(kind="PEMKOT")
    finance = OrgUnitFactory(parent=root, name="Badan Keuangan")
    health = OrgUnitFactory(parent=root, name="Dinas Kesehatan")
    clinic = OrgUnitFactory(parent=health, name="Puskesmas Lunto")
    people = []
    for unit, kind, level, fld, assessed in (
        (finance, "PELAKSANA", "", "KEUANGAN", {"M.01": [1, 3], "T.KEU.01": [1]}),
        (finance, "PELAKSANA", "", "KEUANGAN", {}),
        (health, "FUNGSIONAL", "AHLI_MUDA", "KESEHATAN", {"M.01": [3, 2]}),
        (clinic, "FUNGSIONAL", "AHLI_PERTAMA", "KESEHATAN", {"M.01": [1]}),
        (clinic, "PELAKSANA", "", "UMUM", {"M.02": [1]}),
    ):
        placement = PlacementFactory(
            position__unit=unit,
            position__kind=kind,
            position__level=level,
            position__field=fld,
        )
        for code, levels in assessed.items():
            for offset, value in enumerate(levels):
                AssessmentFactory(
                    employee=placement.employee,
                    competency=comp(code),
                    level=value,
                    assessed_on=date(2024, 1, 1) + timedelta(days=offset),
                )
        people.append(placement)
    PositionStandardFactory(
        position=people[4].position, competency=comp("M.01"), required_level=4
    )
    PositionStandardFactory(
        position=people[4].position, competency=comp("M.02"), required_level=0
    )
    # Someone who left: his post ended, he counts nowhere.
    gone = PlacementFactory(position__unit=finance, position__kind="PELAKSANA")
    gone.end_date = date(2024, 1, 1)
    gone.save()
    return {"root": root, "finance": finance, "health": health, "clinic": clinic}


def live_totals(unit=None):
    report = (gaps.unit_gaps(unit) if unit else gaps.city_gaps()).competencies
    return {
        s.code: (
            s.required_count,
            s.unassessed_count,
            s.below_count,
            sum(x.gap.gap for x in s.below),
            s.min_required_below,
        )
        for s in report
    }


def counted_totals(unit=None):
    return {
        t.code: (
            t.required_count,
            t.unassessed_count,
            t.below_count,
            t.gap_sum,
            t.min_required_below,
        )
        for t in gaps.summary_report(unit).competencies
    }


def test_the_count_agrees_with_the_live_computation_for_the_city_and_each_unit(city):
    assert gaps.summary_report().computed_at is None
    services.refresh_gap_summary()
    assert counted_totals() == live_totals()
    for name in ("finance", "health", "clinic"):
        assert counted_totals(city[name]) == live_totals(city[name]), name
    # The hand-worked figures: M.01 required of all five, below for the unassessed
    # finance officer (0<2), the Ahli Muda reassessed down (2<3) and the override
    # (0<4); nobody else.
    assert counted_totals()["M.01"] == (5, 2, 3, 2 + 1 + 4, 2)
    assert "M.03" not in counted_totals()
    assert gaps.summary_report().computed_on == timezone.localdate()


def test_a_refresh_replaces_the_previous_count(city):
    services.refresh_gap_summary()
    first = UnitGapSummary.objects.count()
    assert services.refresh_gap_summary() == first
    assert UnitGapSummary.objects.count() == first
    Competency.objects.filter(code="M.02").update(is_active=False)
    services.refresh_gap_summary()
    assert "M.02" not in counted_totals()


def test_who_is_below_standard_is_read_live_and_paged_in_sql(city):
    integrity = comp("M.01").pk
    live = {
        (s.employee.employee_id, s.gap.gap, s.gap.unassessed)
        for s in next(
            c for c in gaps.city_gaps().competencies if c.code == "M.01"
        ).below
    }
    below = gaps.BelowStandard(integrity)
    assert below.count() == 3
    assert {
        (s.employee.employee_id, s.gap.gap, s.gap.unassessed) for s in below
    } == live
    # Largest gap first; a page is a slice.
    page = Paginator(below, 2).get_page(1)
    assert [s.gap.gap for s in page] == [4, 2]
    assert [s.gap.gap for s in Paginator(below, 2).get_page(2)] == [1]
    in_health = gaps.BelowStandard(integrity, unit=city["health"])
    assert sorted(s.gap.gap for s in in_health) == [1, 4]


def test_the_counted_report_takes_two_queries_at_any_size(city):
    services.refresh_gap_summary()
    few = count_queries(lambda: gaps.summary_report(city["root"]))
    for _ in range(30):
        PlacementFactory(position__unit=city["clinic"], position__kind="PELAKSANA")
    services.refresh_gap_summary()
    assert count_queries(lambda: gaps.summary_report(city["root"])) == few == 2


def test_the_daily_command_counts(city):
    out = StringIO()
    call_command("refresh_competency_gaps", stdout=out)
    assert UnitGapSummary.objects.exists()
    assert "unit/competency rows" in out.getvalue()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("hr_officer", 302), ("supervisor", 403), ("employee", 403), ("citizen", 403)],
)
def test_only_hr_may_recount(client_for, city, persona, status):
    url = reverse("competency:gap_refresh")
    assert client_for(persona).post(url).status_code == status
    assert UnitGapSummary.objects.exists() == (status == 302)
    assert client_for("hr_officer").get(url).status_code == 405


def test_the_hr_page_says_whether_and_when_the_summary_was_counted(client_for, city):
    client = client_for("hr_officer")
    url = reverse("competency:gap_report")
    assert "belum pernah dihitung" in client.get(url).content.decode()
    response = client.post(reverse("competency:gap_refresh"), follow=True)
    html = response.content.decode()
    assert "dihitung ulang" in html
    assert "belum pernah dihitung" not in html
    assert timezone.localdate().strftime("%d-%m-%Y") in html
    assert "Integritas" in html
