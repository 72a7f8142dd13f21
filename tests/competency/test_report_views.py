"""The report pages: gap analysis, training needs and the 20 JP report."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from competency import services
from competency.models import Competency
from tests.competency.factories import (
    AssessmentFactory,
    CompletedRegistrationFactory,
    TrainingEventFactory,
    TrainingProgramFactory,
    today,
)
from tests.helpers import count_queries
from tests.positions.factories import (
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db
GAPS = reverse("competency:gap_report")
NEEDS = reverse("competency:training_needs")
JP = reverse("competency:jp_report")


def comp(code: str) -> Competency:
    return Competency.objects.get(code=code)


@pytest.mark.parametrize(
    ("persona", "gaps", "needs", "jp"),
    [
        ("hr_officer", 200, 200, 200),
        ("supervisor", 200, 403, 200),
        ("employee", 403, 403, 403),
        ("citizen", 403, 403, 403),
    ],
)
def test_who_may_open_the_reports(client_for, team, persona, gaps, needs, jp):
    client = client_for(persona)
    assert client.get(GAPS).status_code == gaps
    assert client.get(NEEDS).status_code == needs
    assert client.get(JP).status_code == jp


def test_anonymous_is_sent_to_login(client_for, team):
    response = client_for("anonymous").get(JP)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_gap_report_lists_who_is_below_standard(client_for, team):
    integritas = comp("M.01")
    html = (
        client_for("hr_officer")
        .get(GAPS, {"competency": integritas.pk})
        .content.decode()
    )
    # The employee persona and the outsider were never assessed; the colleague is at 3.
    assert "Dewi Lestari" in html
    assert "Siti Aminah" in html
    assert "Yusuf Hakim" not in html
    assert "belum diases" in html


def test_a_supervisor_sees_only_his_team_and_no_unit_picker(client_for, team):
    html = (
        client_for("supervisor")
        .get(GAPS, {"competency": comp("M.01").pk, "unit": team["other"].pk})
        .content.decode()
    )
    assert "Dewi Lestari" in html
    assert "Siti Aminah" not in html
    assert 'name="unit"' not in html


def test_hr_narrows_the_gap_report_to_a_unit(client_for, team):
    html = (
        client_for("hr_officer")
        .get(GAPS, {"competency": comp("M.01").pk, "unit": team["other"].pk})
        .content.decode()
    )
    assert "Siti Aminah" in html
    assert "Dewi Lestari" not in html


def test_the_gap_export_is_a_workbook_of_the_shortfalls(client_for, team):
    response = client_for("hr_officer").get(
        GAPS, {"competency": comp("M.01").pk, "format": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    names = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Dewi Lestari", "Siti Aminah"]


def test_training_needs_export_lists_the_competency(client_for, team):
    response = client_for("hr_officer").get(NEEDS, {"format": "xlsx", "year": "x"})
    assert response.status_code == 200  # a bad year falls back to this year
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3]) for r in rows] == [("M.01", 2)]


def test_the_jp_report_counts_completed_training_and_lists_who_is_short(
    client_for, team
):
    program = TrainingProgramFactory(jp_credit=24)
    event = TrainingEventFactory(program=program, start_date=today(), end_date=today())
    CompletedRegistrationFactory(event=event, employee=team["colleague"])
    client = client_for("hr_officer")
    html = client.get(JP, {"below_only": "on"}).content.decode()
    assert "Dewi Lestari" in html
    assert "Siti Aminah" in html
    assert "Yusuf Hakim" not in html
    workbook = client.get(JP, {"format": "xlsx"})
    sheet = load_workbook(BytesIO(workbook.content)).active
    totals = {r[1]: r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert totals["Yusuf Hakim"] == 24
    assert totals["Dewi Lestari"] == 0
    mine = client_for("supervisor").get(JP).content.decode()
    assert "Siti Aminah" not in mine


def test_the_gap_and_jp_reports_take_the_same_queries_for_a_small_and_a_large_unit(
    client_for, team
):
    client = client_for("hr_officer")
    unit = team["other"]
    position = PositionFactory(unit=unit, kind="PELAKSANA", needs=600)
    event = TrainingEventFactory(program=TrainingProgramFactory(jp_credit=8))

    def build(n):
        for _ in range(n):
            person = PlacementFactory(position=position).employee
            AssessmentFactory(employee=person, competency=comp("M.01"), level=1)
            CompletedRegistrationFactory(event=event, employee=person)

    pages = [
        (GAPS, {"unit": unit.pk, "competency": comp("M.01").pk}),
        (JP, {"unit": unit.pk}),
        (JP, {"unit": unit.pk, "below_only": "on"}),
    ]

    def queries():
        return [count_queries(lambda u=u, p=p: client.get(u, p)) for u, p in pages]

    build(20)
    services.refresh_gap_summary()
    few = queries()
    build(480)
    services.refresh_gap_summary()
    assert queries() == few


def test_the_profile_shows_competencies_gaps_and_this_years_jp(client_for, team):
    program = TrainingProgramFactory(title="Pelatihan Integritas", jp_credit=12)
    event = TrainingEventFactory(program=program, start_date=today(), end_date=today())
    CompletedRegistrationFactory(event=event, employee=team["mine"])
    url = reverse("positions:employee_detail", args=[team["mine"].pk])
    for persona in ("hr_officer", "supervisor", "employee"):
        html = client_for(persona).get(url).content.decode()
        assert 'data-testid="competency-gaps"' in html, persona
        assert "belum diases" in html
        assert '<strong data-testid="profile-jp">12</strong> dari 20 JP' in html
        assert "Pelatihan Integritas" in html
    # The employee persona still cannot open a colleague's profile.
    other = reverse("positions:employee_detail", args=[team["colleague"].pk])
    assert client_for("employee").get(other).status_code == 404


def test_training_needs_plan_for_the_coming_year_by_default(client_for, team):
    client = client_for("hr_officer")
    coming = timezone.localdate().year + 1
    assert (
        f"kebutuhan-pengembangan-{coming}.xlsx"
        in (client.get(NEEDS, {"format": "xlsx"})["Content-Disposition"])
    )
    assert (
        "kebutuhan-pengembangan-2024.xlsx"
        in (
            client.get(NEEDS, {"format": "xlsx", "year": "2024"})["Content-Disposition"]
        )
    )
