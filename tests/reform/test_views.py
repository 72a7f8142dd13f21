"""Audiences of the reform dashboard, the transparency page and the open data."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from sawahlunto_asn.lib.spreadsheet import XLSX
from sawahlunto_asn.reform.open_data import COLUMNS
from sawahlunto_asn.reform.pages import DASHBOARD_ORDER
from sawahlunto_asn.reform.tables import FAMILIES
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
)
from tests.reform.dataset import YEAR, build_city

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reform:dashboard")
TRANSPARENCY = reverse("reform:transparency")


@pytest.fixture
def city(settings):
    """The hand-made city plus Dinas C of three people, so that with a minimum
    of 5 the two small units (B 2, C 3) hide each other and Dinas A shows."""
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    settings.REFORM_MIN_GROUP = 5
    made = build_city()
    c = OrgUnitFactory(name="Dinas C", parent=made.root)
    seat = PositionFactory(unit=c, needs=3)
    for birth in (date(1981, 1, 1), date(1982, 1, 1), date(1983, 1, 1)):
        PlacementFactory(
            employee=EmployeeFactory(birth_date=birth),
            position=seat,
            start_date=date(2023, 1, 1),
        )
    made.c = c
    return made


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["hr_officer", "ppk"])
def test_hr_and_the_ppk_see_the_city_and_any_unit(city, client_for, persona):
    client = client_for(persona)
    html = page(client, DASHBOARD, tahun=YEAR)
    for family in FAMILIES:
        assert f'data-testid="family-{family}"' in html
    assert 'id="trend"' in html
    assert 'data-unit="KOTA"' in html
    assert f'data-unit="{city.b.code}"' in html
    html = page(client, DASHBOARD, tahun=YEAR, unit=city.b.pk)
    assert "Dinas B" in html


def test_a_unit_head_sees_his_unit_and_sub_units_only(city, a1_head, client):
    client.force_login(a1_head)
    html = page(client, DASHBOARD, tahun=YEAR)
    assert f'data-unit="{city.a1.code}"' in html
    assert 'data-unit="KOTA"' not in html
    assert client.get(DASHBOARD, {"unit": city.b.pk}).status_code == 404
    assert client.get(DASHBOARD, {"unit": city.a.pk}).status_code == 404
    assert client.get(DASHBOARD, {"unit": city.a1.pk}).status_code == 200
    export = reverse("reform:export", args=["workforce"])
    assert client.get(export, {"unit": city.b.pk}).status_code == 404


@pytest.mark.parametrize("persona", ["employee", "supervisor", "moderator", "citizen"])
def test_everyone_else_is_refused(city, client_for, persona):
    assert client_for(persona).get(DASHBOARD).status_code == 403
    export = reverse("reform:export", args=["workforce"])
    assert client_for(persona).get(export).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "next=/reformasi/" in response["Location"]


def test_a_bad_year_or_unit_is_a_message_or_404_not_500(city, client_for):
    client = client_for("hr_officer")
    html = page(client, DASHBOARD, tahun="dua ribu")
    assert 'data-testid="problem"' in html
    assert client.get(DASHBOARD, {"unit": "x"}).status_code == 404
    assert client.get(reverse("reform:export", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("family", DASHBOARD_ORDER)
def test_every_table_exports_as_xlsx(city, client_for, family):
    response = client_for("hr_officer").get(
        reverse("reform:export", args=[family]), {"tahun": YEAR}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX


def test_the_workforce_export_holds_the_page_numbers(city, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for("hr_officer").get(
        reverse("reform:export", args=["workforce"]), {"tahun": YEAR}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Kode unit", "Unit", "Kebutuhan (ABK)", "Terisi (definitif)")
    # The city with Dinas C: needs 9 + 3, filled 7 + 3, 83.3 %, 2 vacant,
    # 1 and 2 retiring (C's three are born 1981-1983).
    assert rows[1] == ("KOTA", "Kota Sawahlunto", 12, 10, 83.3, 2, 1, 2)


def test_the_dashboard_is_printable(city, client_for):
    html = page(client_for("hr_officer"), DASHBOARD, tahun=YEAR)
    assert 'class="row g-2 align-items-end mb-3 no-print"' in html


# ---------------------------------------------------------------- public


def _rows_of(html: str, code: str) -> list[str]:
    parts = html.split(f'data-unit="{code}"')[1:]
    return [p.split("</tr>")[0] for p in parts]


def test_the_transparency_page_is_public_and_hides_the_unit_of_two(city, client):
    html = page(client, TRANSPARENCY, tahun=YEAR)
    # The city and Dinas A (5 people) show their figures: A's 5 filled of 7.
    assert ">83,3<" in html  # the city's fill share, (7 + 3) / (9 + 3)
    a_rows = _rows_of(html, city.a.code)
    assert any(">71,4<" in r for r in a_rows)  # A: 5 / 7
    # Dinas B has two employees: none of its employee figures, only "< 5".
    b_rows = _rows_of(html, city.b.code)
    assert len(b_rows) == len(FAMILIES)
    for row in b_rows[:-1]:  # every family but the public service
        cells = row.split("<td")[1:]
        assert cells, row
        assert all("&lt; 5" in c for c in cells), row
    # No sub-unit (Bidang A1, 3 people) and no individual appears at all.
    assert city.a1.code not in html
    assert "Bidang A1" not in html
    for person in city.people.values():
        assert person.nip not in html
    assert "Butuh Perbaikan (%)" in html  # appraisal only as unit-level shares
    assert "pola distribusi" not in html.lower()


def test_small_cells_are_hidden_with_a_second_cell_so_totals_do_not_reveal_them(
    city, client
):
    html = page(client, TRANSPARENCY, tahun=YEAR)
    a_profile = _rows_of(html, city.a.code)[1]  # family "profile"
    # A: 5 people, L 2 and P 3: both under 5, both hidden; the total 5 shown.
    cells = [c.split(">", 1)[1].split("<")[0] for c in a_profile.split("<td")[1:]]
    assert cells[0] == "5"
    assert cells[1] == cells[2] == "&lt; 5"


def test_the_only_small_unit_hides_one_more_so_the_city_total_does_not_reveal_it(
    city, client, settings
):
    # Minimum 3: B (2) is the only small unit; the smallest other, C (3), goes
    # too, so that the city minus A gives only B and C together (5 people).
    settings.REFORM_MIN_GROUP = 3
    html = page(client, TRANSPARENCY, tahun=YEAR)
    c_rows = _rows_of(html, city.c.code)
    assert all("&lt; 3" in c for c in c_rows[0].split("<td")[1:])
    a_rows = _rows_of(html, city.a.code)
    assert ">71,4<" in a_rows[0]


def test_the_open_data_csv_has_the_licence_and_the_exact_header(city, client):
    response = client.get(reverse("reform:open_data", args=["csv"]), {"tahun": YEAR})
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "# Lisensi: CC BY 4.0, Pemerintah Kota Sawahlunto"
    assert lines[1] == "tahun,kode_unit,nama_unit,kelompok,indikator,nilai,catatan"
    assert tuple(lines[1].split(",")) == COLUMNS
    assert f"{YEAR},KOTA,Kota Sawahlunto,workforce,kebutuhan,12," in lines


def test_the_open_data_json_keeps_the_minimum_group(city, client):
    response = client.get(reverse("reform:open_data", args=["json"]), {"tahun": YEAR})
    body = json.loads(response.content)
    assert (
        body["metadata"]["lisensi"] == "Lisensi: CC BY 4.0, Pemerintah Kota Sawahlunto"
    )
    assert body["metadata"]["kolom"] == list(COLUMNS)
    assert body["metadata"]["kelompok_minimum"] == 5
    assert all(set(row) == set(COLUMNS) for row in body["data"])
    b_rows = [r for r in body["data"] if r["kode_unit"] == city.b.code]
    employee_rows = [r for r in b_rows if r["kelompok"] != "public"]
    assert employee_rows
    assert all(r["nilai"] is None for r in employee_rows)
    assert {r["catatan"] for r in employee_rows} <= {"< 5", ""}
    assert not any(r["kode_unit"] == city.a1.code for r in body["data"])
    city_filled = next(
        r
        for r in body["data"]
        if r["kode_unit"] == "KOTA" and r["indikator"] == "terisi"
    )
    assert city_filled["nilai"] == 10  # 7 + Dinas C's 3
    assert client.get(reverse("reform:open_data", args=["xml"])).status_code == 404


def test_the_open_data_carries_the_public_pyramid(city, client, settings):
    settings.REFORM_MIN_GROUP = 1  # nothing hidden: the counts themselves
    response = client.get(reverse("reform:open_data", args=["json"]), {"tahun": YEAR})
    rows = {
        r["indikator"]: r["nilai"]
        for r in json.loads(response.content)["data"]
        if r["kelompok"] == "pyramid"
    }
    assert len(rows) == 9 * 2
    # The men e1, e3 (55-59); Dinas C's three, born 1981-83, are 42-44.
    assert rows["usia_55_59_laki_laki"] == 2
    assert rows["usia_di_bawah_25_perempuan"] == 0
    assert "usia_60_ke_atas_laki_laki" in rows
    assert sum(rows.values()) == 10


def test_two_indicators_are_drawn_as_bars_beside_their_tables(city, client_for):
    html = page(client_for("hr_officer"), DASHBOARD, tahun=YEAR)
    for key in ("workforce", "competency"):
        section = html.split(f'data-testid="family-{key}"')[1].split("</section>")[0]
        assert f'data-testid="chart-{key}"' in section
        assert "<table" in section  # the numbers stay beside the chart
    chart = html.split('data-testid="chart-workforce"')[1].split("</figure>")[0]
    # The city 83.3 %, Dinas A 71.4 %, Dinas B 100 %, Dinas C 100 % (3 / 3).
    assert 'width="83.3"' in chart
    assert 'width="71.4"' in chart
    assert 'width="100.0"' in chart
    assert "style=" not in chart  # no inline style under the CSP


def test_hidden_figures_draw_no_bar_on_the_transparency_page(city, client):
    html = page(client, TRANSPARENCY, tahun=YEAR)
    chart = html.split('data-testid="chart-workforce"')[1].split("</figure>")[0]
    assert chart.count("<rect") == 2  # the city and Dinas A; B and C hidden
    assert "&lt; 5" in chart


def test_a_share_never_gives_away_a_hidden_count(city, client):
    html = page(client, TRANSPARENCY, tahun=YEAR)
    rotation = _rows_of(html, "KOTA")[4]  # family "rotation"
    cells = [c.split(">", 1)[1].split("<")[0] for c in rotation.split("<td")[1:]]
    # City: 10 in post, 3 overdue: the count and its share (30 %) both hidden.
    assert cells[:3] == ["10", "&lt; 5", "&lt; 5"]
    appraisal = _rows_of(html, "KOTA")[6]
    cells = [c.split(">", 1)[1].split("<")[0] for c in appraisal.split("<td")[1:]]
    # 7 SKPs, 5 rated (71,4 %); 3 rated on time, and its share (42,9 %), stand
    # for fewer than 5: hidden. Sangat Baik 1 of 5 (20 %) and Baik 4 of 5
    # (80 %) stand for fewer than 5 people: hidden; the zero shares stay.
    assert cells[:5] == ["7", "5", "71,4", "&lt; 5", "&lt; 5"]
    assert cells[5:7] == ["&lt; 5", "&lt; 5"]
    assert cells[7:10] == ["0,0", "0,0", "0,0"]


def test_a_small_group_outside_every_row_hides_one_row_more(city, client, settings):
    # Minimum 2: every unit is large enough (A 5, B 2, C 3), but one person
    # sits in the root unit itself; the city minus A, B and C would give him
    # alone, so the smallest unit, B, is hidden to cover him.
    settings.REFORM_MIN_GROUP = 2
    PlacementFactory(
        employee=EmployeeFactory(birth_date=date(1979, 1, 1)),
        position=PositionFactory(unit=city.root, needs=1),
        start_date=date(2023, 1, 1),
    )
    html = page(client, TRANSPARENCY, tahun=YEAR)
    b_rows = _rows_of(html, city.b.code)
    assert all("&lt; 2" in c for c in b_rows[0].split("<td")[1:]), b_rows[0]
    c_rows = _rows_of(html, city.c.code)
    assert "&lt; 2" not in c_rows[0]
