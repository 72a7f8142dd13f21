"""The charts beside their tables: the numbers drawn are the numbers in the
table and in its xlsx, and the public ones keep the minimum-group rule."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sawahlunto_asn.reform import indicators, visuals
from sawahlunto_asn.reform.tables import (
    Column,
    Row,
    Table,
    build_tables,
    public_tables,
    suppress_cells,
)
from tests.reform.dataset import YEAR, build_city

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reform:dashboard")
TRANSPARENCY = reverse("reform:transparency")


@pytest.fixture
def city(settings):
    settings.COMMUNITY_SKM_MIN_RESPONDENTS = 2
    settings.REFORM_MIN_GROUP = 5
    return build_city()


def _section(html: str, key: str) -> str:
    return html.split(f'data-testid="family-{key}"')[1].split("</section>")[0]


def _sheet(client, key: str, **params) -> list[tuple]:
    response = client.get(reverse("reform:export", args=[key]), params)
    assert response.status_code == 200
    return list(load_workbook(BytesIO(response.content)).active.values)


@pytest.mark.parametrize(
    ("key", "chart"),
    [
        ("workforce", "workforce"),
        ("competency", "competency"),
        ("pyramid", "pyramid"),
        ("appraisal", "appraisal-stacked"),
        ("ninebox", "ninebox"),
        ("trend", "trend-line"),
    ],
)
def test_each_chart_sits_beside_its_table_and_its_xlsx(city, client_for, key, chart):
    html = client_for("hr_officer").get(DASHBOARD, {"tahun": YEAR}).content.decode()
    section = _section(html, key)
    assert f'data-testid="chart-{chart}"' in section
    assert "<table" in section
    assert f'data-testid="export-{key}"' in section


def test_the_pyramid_xlsx_holds_the_pyramid_numbers(city, client_for):
    rows = _sheet(client_for("hr_officer"), "pyramid", tahun=YEAR)
    assert rows[0] == ("Kode", "Kelompok usia", "Laki-laki", "Perempuan")
    by_band = {row[0]: row[2:] for row in rows[1:]}
    # Oldest first; e1 and e3 are men of 55-59, e6 a man of 50-54, the women
    # e5 45-49, e7 40-44, e2 35-39, e4 25-29 (tests/reform/test_indicators.py).
    assert rows[1][0] == "60+"
    assert by_band["55-59"] == (2, 0)
    assert by_band["50-54"] == (1, 0)
    assert by_band["25-29"] == (0, 1)
    assert sum(m + f for m, f in by_band.values()) == 7


def test_the_pyramid_chart_draws_the_table(city):
    scope = indicators.compute(YEAR).city
    table = visuals.pyramid_table(scope, "Kota")
    visuals.attach_pyramid_chart(table)
    bands = {band.label: band for band in table.chart.bands}
    assert bands["55-59"].left.value == 2
    assert bands["55-59"].right.value == 0
    assert table.chart.bands[0].label == "60+"  # the oldest at the top


def test_the_ninebox_xlsx_and_grid_agree(city, client_for):
    rows = _sheet(client_for("hr_officer"), "ninebox", tahun=YEAR)
    by_box = {row[0]: row[2:] for row in rows[1:]}
    # Boxes 9, 8, 5, 2 hold one each of the four mapped; e3 has no potential.
    assert by_box["9"] == ("Di atas ekspektasi", "Tinggi", 1, 25.0)
    assert by_box["1"][2] == 0
    assert by_box["0"][2] == 1
    table = visuals.ninebox_table(indicators.compute(YEAR).city, "Kota")
    visuals.attach_ninebox_chart(table)
    assert table.chart.box(9).count == 1
    assert table.chart.box(7).count == 0


def test_the_stacked_bars_are_the_predikat_shares_of_the_table(city):
    figures = indicators.compute(YEAR)
    tables = build_tables([figures.scope(city.a), figures.scope(city.a1)])
    visuals.attach_predikat_chart(tables["appraisal"])
    row = tables["appraisal"].chart.rows[0]
    # Dinas A: Sangat Baik 1 of 4 (25 %), Baik 3 of 4 (75 %).
    assert {s.code: s.value for s in row.segments if s.value} == {
        "SANGAT_BAIK": 25.0,
        "BAIK": 75.0,
    }


def test_public_hidden_shares_are_drawn_as_one_grey_rest(city):
    figures = indicators.compute(YEAR)
    tables = public_tables(figures.city, [figures.scope(city.a), figures.scope(city.b)])
    visuals.attach_predikat_chart(tables["appraisal"])
    # The city's 1 Sangat Baik and 4 Baik are each fewer than 5 people: both
    # hidden, so the whole bar is the grey rest.
    (segment,) = tables["appraisal"].chart.rows[0].segments
    assert (segment.code, segment.value) == (visuals.HIDDEN, 100.0)
    assert segment.colour == visuals.HIDDEN_COLOUR


def test_the_grey_rest_is_what_the_shown_shares_leave(settings):
    settings.REFORM_MIN_GROUP = 5
    columns = [Column(f"persen_{p.lower()}", p) for p in indicators.PREDIKATS]
    table = Table("appraisal", "Penilaian", columns)
    table.rows.append(Row("X", "Dinas X", [15.0, "< 5", 70.0, "< 5", 0.0]))
    table.rows.append(Row("Y", "Dinas Y", [10.0, 90.0, 0.0, 0.0, 0.0]))
    visuals.attach_predikat_chart(table)
    x, y = table.chart.rows
    assert [(s.code, s.value) for s in x.segments] == [
        ("SANGAT_BAIK", 15.0),
        ("BUTUH_PERBAIKAN", 70.0),
        (visuals.HIDDEN, 15.0),
    ]
    assert [s.code for s in y.segments] == ["SANGAT_BAIK", "BAIK"]  # nothing hidden
    assert "< 5" in table.chart.categories[-1].label


def test_the_transparency_page_has_no_ninebox_and_a_suppressed_trend(city, client):
    html = client.get(TRANSPARENCY, {"tahun": YEAR}).content.decode()
    assert 'data-testid="family-ninebox"' not in html
    trend = _section(html, "trend")
    row = trend.split(f'data-unit="{YEAR}"')[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:]]
    # 7 seats filled of 9 (77,8 %) shows; 3 overdue, and 3 of 7 meeting the JP,
    # stand for fewer than 5 people; the IKM is not about people.
    assert cells[0] == "77,8"
    assert cells[1] == "&lt; 5"
    assert cells[3] == "&lt; 5"
    assert cells[-1] == "81,25"


def test_the_public_pyramid_hides_small_cells_and_what_would_reveal_them(city):
    table = visuals.public_pyramid(indicators.compute(YEAR).city, "Kota")
    # Every band of the small city holds 1 or 2 people: all hidden.
    assert {c for row in table.rows for c in row.cells} <= {"< 5", 0}


def test_secondary_suppression_follows_every_published_total():
    values = {("a", "1"): 2, ("a", "2"): 10, ("b", "1"): 7, ("b", "2"): 12}
    # Row totals and column totals are published: hiding only a1 (2 < 5) would
    # let "column 1 total - b1" give it away, so b1 goes too; then row b has a
    # single hidden cell, so b2 goes; then column 2 hides a2.
    groups = [
        [("a", "1"), ("a", "2")],
        [("b", "1"), ("b", "2")],
        [("a", "1"), ("b", "1")],
        [("a", "2"), ("b", "2")],
    ]
    assert suppress_cells(values, groups) == set(values)
    # One group only (row a): a1 and then a2.
    assert suppress_cells(values, groups[:1]) == {("a", "1"), ("a", "2")}
    # Nothing small, nothing hidden; zeros are shown, never counted as hidden.
    assert suppress_cells({("x",): 0, ("y",): 9}, [[("x",), ("y",)]]) == set()


def test_a_unit_head_sees_the_pyramid_of_his_unit(city, a1_head, client):
    client.force_login(a1_head)
    html = client.get(DASHBOARD, {"tahun": YEAR}).content.decode()
    assert "Piramida usia pegawai: Bidang A1" in html
    rows = _sheet(client, "pyramid", tahun=YEAR)
    # A1's e3 (L, 55-59), e4 (P, 25-29), e5 (P, 45-49) and the head himself,
    # born 02-02-1980 (45 on the day; gender as the factory made him).
    assert sum(sum(row[2:]) for row in rows[1:]) == 4
