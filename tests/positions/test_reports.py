"""The printed reports: DUK, bezetting per unit and daftar nominatif."""

from __future__ import annotations

import io
import random
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from positions.dates import add_years, years_and_months
from positions.models import EducationHistory, EducationLevel, Employee, Position
from positions.querysets import today
from positions.views import reports
from tests.helpers import assert_constant_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
    rank,
)

REPORTS = ["report_duk", "report_bezetting", "report_nominatif"]


def edu(name: str) -> EducationLevel:
    return EducationLevel.objects.get(name=name)


def url(name: str, query: str = "") -> str:
    return reverse(f"positions:{name}") + (f"?{query}" if query else "")


def workbook_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def nips_in(html: str) -> list[str]:
    return re.findall(r'data-nip="(\d{18})"', html)


@pytest.fixture
def hr(client_for):
    return client_for("hr_officer")


@pytest.fixture
def tree(db):
    city = OrgUnitFactory(code="KOTA", name="Pemerintah Kota Uji", kind="PEMKOT")
    dinas = OrgUnitFactory(code="DINAS-A", name="Dinas Alpha", parent=city)
    bidang = OrgUnitFactory(
        code="BIDANG-A1", name="Bidang Alpha Satu", kind="BIDANG", parent=dinas
    )
    other = OrgUnitFactory(code="DINAS-B", name="Dinas Beta", parent=city)
    return {"city": city, "dinas": dinas, "bidang": bidang, "other": other}


# ---------------------------------------------------------------- access


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("hr_officer", 200),
        ("supervisor", 403),
        ("employee", 403),
        ("moderator", 403),
        ("citizen", 403),
    ],
)
def test_only_hr_officers_see_the_reports(client_for, name, persona, status):
    client = client_for(persona)
    assert client.get(url(name)).status_code == status
    assert client.get(url(name, "format=xlsx")).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS)
def test_anonymous_is_sent_to_the_login_page(client_for, name):
    response = client_for("anonymous").get(url(name, "format=xlsx"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------- DUK


def duk_people(tree) -> list[Employee]:
    """Employees in the expected DUK order; each one differs from the next in one
    key only, so every key of domain.md 11.1 decides at least one pair."""
    dinas = tree["dinas"]
    base_post = PositionFactory(unit=dinas, title="Pengadministrasi", needs=20)
    post = {
        "III.b": PositionFactory(
            unit=dinas, kind="ADMINISTRATOR", eselon="III.b", job_class=11, needs=1
        ),
        "IV.a": PositionFactory(
            unit=dinas, kind="PENGAWAS", eselon="IV.a", job_class=8, needs=1
        ),
        "kelas12": PositionFactory(
            unit=dinas, kind="FUNGSIONAL", level="AHLI_MADYA", job_class=12, needs=1
        ),
        "kelas9": PositionFactory(unit=dinas, job_class=9, needs=1),
    }
    base = {
        "status": "PNS",
        "rank": rank("III_D"),
        "rank_date": date(2019, 4, 1),
        "appointment_date": date(2000, 3, 1),
        "education": edu("S-1"),
        "birth_date": date(1975, 5, 5),
    }
    variants = [
        ("rank", {"rank": rank("IV_A")}, base_post),
        ("TMT pangkat", {"rank_date": date(2018, 10, 1)}, base_post),
        ("eselon III.b", {}, post["III.b"]),
        ("eselon IV.a above a higher kelas", {}, post["IV.a"]),
        ("kelas 12", {}, post["kelas12"]),
        ("kelas 9", {}, post["kelas9"]),
        ("masa kerja", {"appointment_date": date(1998, 3, 1)}, base_post),
        ("pendidikan", {"education": edu("S-2")}, base_post),
        ("usia", {"birth_date": date(1970, 1, 1)}, base_post),
        ("base", {}, base_post),
        ("no definitive post", {}, None),
        ("CPNS, lower rank", {"status": "CPNS", "rank": rank("III_A")}, None),
    ]
    # Created shuffled and named against the expected order, so neither the
    # primary key nor the name can produce the order by accident.
    order = list(range(len(variants)))
    random.Random(7).shuffle(order)
    people: dict[int, Employee] = {}
    for index in order:
        label, overrides, position = variants[index]
        person = EmployeeFactory(
            name=f"{chr(ord('Z') - index)} {label}", **{**base, **overrides}
        )
        if position is not None:
            PlacementFactory(employee=person, position=position)
        people[index] = person
    # Never listed: PPPK (no pangkat), an inactive PNS.
    EmployeeFactory(status="PPPK", rank=rank("PPPK_XVII"), nip="197001012020212001")
    EmployeeFactory(is_active=False, **{**base, "rank": rank("IV_E")})
    return [people[i] for i in range(len(variants))]


@pytest.mark.django_db
def test_duk_order_follows_every_key_of_pp_15_1979(tree):
    expected = duk_people(tree)
    ordered = list(Employee.objects.filter(pk__in=[e.pk for e in expected]).duk_order())
    assert [e.name for e in ordered] == [e.name for e in expected]


@pytest.mark.django_db
def test_duk_page_and_xlsx_list_active_pns_and_cpns_in_order(tree, hr):
    expected = duk_people(tree)
    response = hr.get(url("report_duk"))
    html = response.content.decode()
    assert nips_in(html) == [e.nip for e in expected]
    assert "latihan jabatan" in html.lower()  # the footnote on the missing key
    assert [row.number for row in response.context["rows"]] == list(range(1, 13))

    rows = workbook_rows(hr.get(url("report_duk", "format=xlsx")))
    assert rows[0][:3] == ("No urut", "Nama", "NIP")
    assert [r[2] for r in rows[1:]] == [e.nip_display for e in expected]
    first = rows[1]
    assert first[0] == 1
    assert first[1] == expected[0].full_name
    assert first[3:5] == ("Pembina", "IV/a")
    assert first[5].date() == date(2019, 4, 1)  # TMT pangkat stays a date
    # Masa kerja from TMT CPNS 1 March 2000 to today.
    years, months = years_and_months(date(2000, 3, 1), today())
    assert first[10:12] == (years, months)


@pytest.mark.django_db
def test_duk_filters_by_unit_and_its_sub_units(tree, hr):
    inside = PlacementFactory(position=PositionFactory(unit=tree["bidang"])).employee
    head = PlacementFactory(position=PositionFactory(unit=tree["dinas"])).employee
    outside = PlacementFactory(position=PositionFactory(unit=tree["other"])).employee
    html = hr.get(url("report_duk", f"unit={tree['dinas'].pk}")).content.decode()
    assert sorted(nips_in(html)) == sorted([inside.nip, head.nip])
    assert outside.nip not in html
    assert "Dinas Alpha" in html
    rows = workbook_rows(
        hr.get(url("report_duk", f"unit={tree['bidang'].pk}&format=xlsx"))
    )
    assert [r[2] for r in rows[1:]] == [inside.nip_display]


@pytest.mark.django_db
def test_duk_pages_on_screen_and_prints_whole(tree, hr, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_SIZE", 2)
    people = [
        EmployeeFactory(rank=rank(code), rank_date=date(2020, 1, 1))
        for code in ("IV_C", "IV_B", "IV_A")
    ]
    second = hr.get(url("report_duk", "page=2"))
    assert [row.number for row in second.context["rows"]] == [3]
    assert nips_in(second.content.decode()) == [people[2].nip]
    assert "Halaman 2 dari 2" in second.content.decode()
    printed = hr.get(url("report_duk", "print=1&page=2")).content.decode()
    assert nips_in(printed) == [p.nip for p in people]
    assert "Halaman 2 dari 2" not in printed
    assert "Kembali ke tampilan layar" in printed


@pytest.mark.django_db
def test_an_unknown_unit_is_an_error_not_the_whole_city(tree, hr):
    PlacementFactory(position=PositionFactory(unit=tree["dinas"]))
    response = hr.get(url("report_duk", "unit=999999"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "Saringan tidak valid" in response.content.decode()


# ---------------------------------------------------------------- bezetting

PAST = date(2022, 6, 30)
AS_OF = date(2025, 6, 30)


@pytest.fixture
def staffing(tree):
    """Dinas Alpha: P1 (needs 3) held by W and X in mid-2022 and by Y from 2024;
    Bidang Alpha Satu: P2 (needs cut to 1 after two appointments: overfilled)
    with a Plt; Dinas Beta: P3, empty; an inactive position is never listed."""
    p1 = PositionFactory(
        unit=tree["dinas"], code="P1", title="Pengelola Arsip", needs=3
    )
    p2 = PositionFactory(
        unit=tree["bidang"],
        code="P2",
        title="Kepala Bidang",
        kind="ADMINISTRATOR",
        eselon="III.b",
        job_class=11,
        needs=2,
    )
    p3 = PositionFactory(unit=tree["other"], code="P3", title="Analis", needs=1)
    PositionFactory(unit=tree["dinas"], code="P4", is_active=False, needs=5)

    def hold(position, name, born, start, end=None, kind="DEFINITIF"):
        person = EmployeeFactory(name=name, birth_date=born)
        PlacementFactory(
            employee=person,
            position=position,
            start_date=start,
            end_date=end,
            kind=kind,
        )
        return person

    hold(p1, "Wati", date(1980, 1, 1), date(2021, 1, 1), date(2022, 12, 31))
    hold(p1, "Xaverius", date(1981, 1, 1), date(2020, 1, 1), date(2023, 12, 31))
    # BUP 58: TMT pensiun 1 October 2025, within a year of AS_OF.
    hold(p1, "Yusuf", date(1967, 9, 10), date(2024, 1, 1))
    # BUP 58: TMT pensiun 1 March 2029, within five years of AS_OF.
    hold(p2, "Amir", date(1971, 2, 15), date(2023, 1, 1))
    hold(p2, "Budi", date(1985, 1, 1), date(2023, 1, 1))
    hold(p2, "Citra", date(1984, 1, 1), date(2025, 1, 1), kind="PLT")
    Position.objects.filter(pk=p2.pk).update(needs=1)
    return {"p1": p1, "p2": p2, "p3": p3}


def lines_by_code(groups) -> dict:
    return {line.position.code: line for group in groups for line in group.lines}


@pytest.mark.django_db
def test_bezetting_counts_needs_holders_and_difference_on_a_date(
    tree, staffing, hr_officer
):
    groups, overall = reports.bezetting(hr_officer, None, AS_OF)
    assert [g.unit.code for g in groups] == ["DINAS-A", "BIDANG-A1", "DINAS-B"]
    lines = lines_by_code(groups)
    assert "P4" not in lines  # inactive
    p1, p2, p3 = lines["P1"], lines["P2"], lines["P3"]
    assert (p1.needs, p1.incumbents, p1.difference) == (3, 1, 2)
    assert [h.employee.name for h in p1.holders] == ["Yusuf"]
    assert (p1.retiring_1, p1.retiring_5) == (1, 1)
    # Overfilled: the difference is negative; the Plt is shown but not counted.
    assert (p2.needs, p2.incumbents, p2.difference) == (1, 2, -1)
    assert sorted(h.employee.name for h in p2.holders) == ["Amir", "Budi"]
    assert [a.employee.name for a in p2.acting] == ["Citra"]
    assert (p2.retiring_1, p2.retiring_5) == (0, 1)
    assert (p3.needs, p3.incumbents, p3.difference) == (1, 0, 1)
    assert (overall.needs, overall.incumbents, overall.difference) == (5, 3, 2)
    assert (overall.retiring_1, overall.retiring_5, overall.positions) == (1, 2, 3)
    assert groups[1].totals.difference == -1


@pytest.mark.django_db
def test_bezetting_as_of_a_past_date(tree, staffing, hr_officer):
    groups, overall = reports.bezetting(hr_officer, None, PAST)
    lines = lines_by_code(groups)
    assert sorted(h.employee.name for h in lines["P1"].holders) == ["Wati", "Xaverius"]
    assert (lines["P1"].incumbents, lines["P1"].difference) == (2, 1)
    assert (lines["P2"].incumbents, lines["P2"].difference) == (0, 1)
    assert (overall.needs, overall.incumbents, overall.difference) == (5, 2, 3)
    # Wati (BUP 1 Feb 2038) and Xaverius (2039) are far from retirement in 2022.
    assert (overall.retiring_1, overall.retiring_5) == (0, 0)


@pytest.mark.django_db
def test_bezetting_page_for_a_unit_subtree_and_date(tree, staffing, hr):
    query = f"unit={tree['dinas'].pk}&tanggal={AS_OF.isoformat()}"
    response = hr.get(url("report_bezetting", query))
    html = response.content.decode()
    assert response.context["day"] == AS_OF
    assert 'data-position="P1"' in html
    assert 'data-position="P2"' in html
    assert 'data-position="P3"' not in html  # another OPD
    assert 'data-selisih="-1"' in html
    assert "Plt" in html
    assert "Citra" in html
    assert "30 Juni 2025" in html
    total = response.context["overall"]
    assert (total.needs, total.incumbents, total.difference) == (4, 3, 1)
    assert (total.retiring_1, total.retiring_5) == (1, 2)


@pytest.mark.django_db
def test_bezetting_defaults_to_today_and_the_whole_city(tree, staffing, hr):
    response = hr.get(url("report_bezetting"))
    assert response.context["day"] == today()
    assert response.context["unit"] is None
    assert response.context["overall"].positions == 3
    assert "Seluruh Pemerintah Kota Sawahlunto" in response.content.decode()


@pytest.mark.django_db
def test_bezetting_xlsx_has_one_row_per_position_and_the_total(tree, staffing, hr):
    query = f"tanggal={PAST.isoformat()}&format=xlsx"
    rows = workbook_rows(hr.get(url("report_bezetting", query)))
    assert rows[0][:3] == ("Unit", "Kode jabatan", "Jabatan")
    by_code = {r[1]: r for r in rows[1:-1]}
    assert set(by_code) == {"P1", "P2", "P3"}
    assert by_code["P1"][0] == "Dinas Alpha"
    assert by_code["P1"][6:9] == (3, 2, 1)
    assert set(by_code["P1"][9].split("; ")) == {
        e.full_name for e in Employee.objects.filter(name__in=["Wati", "Xaverius"])
    }
    assert by_code["P2"][6:9] == (1, 0, 1)
    assert rows[-1][0] == "Jumlah seluruhnya"
    assert rows[-1][6:9] == (5, 2, 3)


@pytest.mark.django_db
def test_bezetting_rejects_a_malformed_date(tree, staffing, hr):
    response = hr.get(url("report_bezetting", "tanggal=kemarin"))
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "Saringan tidak valid" in response.content.decode()


# ---------------------------------------------------------------- daftar nominatif


@pytest.fixture
def roster(tree):
    def person(unit, kind="PELAKSANA", level="", **fields):
        employee = EmployeeFactory(**fields)
        position = PositionFactory(unit=unit, kind=kind, level=level, needs=1)
        PlacementFactory(employee=employee, position=position)
        return employee

    people = {
        "ani": person(
            tree["bidang"],
            kind="FUNGSIONAL",
            level="AHLI_MUDA",
            name="Ani",
            gender="2",
            rank=rank("III_C"),
            rank_date=date(2021, 4, 1),
            education=edu("S-2"),
            birth_place="Talawi",
        ),
        "budi": person(
            tree["dinas"],
            name="Budi",
            gender="1",
            rank=rank("II_C"),
            education=edu("SLTA"),
        ),
        "cici": person(
            tree["other"],
            name="Cici",
            gender="2",
            status="CPNS",
            rank=rank("III_A"),
            education=edu("S-1"),
        ),
        "dedi": person(
            tree["other"],
            name="Dedi",
            gender="1",
            status="PPPK",
            nip="198001012021211001",
            rank=rank("PPPK_IX"),
            education=edu("S-1"),
        ),
    }
    EducationHistory.objects.create(
        employee=people["ani"],
        level=edu("S-2"),
        major="Administrasi Publik",
        graduation_year=2015,
    )
    EducationHistory.objects.create(
        employee=people["ani"], level=edu("S-1"), major="Hukum", graduation_year=2005
    )
    EmployeeFactory(name="Eko Nonaktif", is_active=False)
    return people


NOMINATIF_FILTERS = [
    ("", {"ani", "budi", "cici", "dedi"}),
    ("unit={dinas}", {"ani", "budi"}),
    ("unit={bidang}", {"ani"}),
    ("rank={III_C}", {"ani"}),
    ("rank={PPPK_IX}", {"dedi"}),
    ("kind=FUNGSIONAL", {"ani"}),
    ("kind=PELAKSANA", {"budi", "cici", "dedi"}),
    ("gender=2", {"ani", "cici"}),
    ("education={S-1}", {"cici", "dedi"}),
    ("status=CPNS", {"cici"}),
    ("status=PPPK", {"dedi"}),
    ("unit={other}&gender=1", {"dedi"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), NOMINATIF_FILTERS)
def test_nominatif_filters(tree, roster, hr, query, expected):
    ids = {
        "dinas": tree["dinas"].pk,
        "bidang": tree["bidang"].pk,
        "other": tree["other"].pk,
        "III_C": rank("III_C").pk,
        "PPPK_IX": rank("PPPK_IX").pk,
        "S-1": edu("S-1").pk,
    }
    response = hr.get(url("report_nominatif", query.format(**ids)))
    shown = {row.employee.name.lower() for row in response.context["rows"]}
    assert shown == expected
    rows = workbook_rows(
        hr.get(url("report_nominatif", query.format(**ids) + "&format=xlsx"))
    )
    assert {r[1].lower() for r in rows[1:]} == expected


@pytest.mark.django_db
def test_nominatif_columns(tree, roster, hr):
    ani = roster["ani"]
    html = hr.get(url("report_nominatif", f"unit={tree['bidang'].pk}")).content.decode()
    assert ani.nip_display in html
    assert "Talawi" in html
    assert "Fungsional Ahli Muda" in html
    assert "Administrasi Publik (2015)" in html
    assert "Bidang Alpha Satu" in html
    rows = workbook_rows(
        hr.get(url("report_nominatif", f"unit={tree['bidang'].pk}&format=xlsx"))
    )
    header, row = rows[0], rows[1]
    record = dict(zip(header, row, strict=True))
    assert record["No"] == 1
    assert record["NIP"] == ani.nip_display
    assert record["Tempat lahir"] == "Talawi"
    assert record["L/P"] == "P"
    assert record["Pangkat/golongan"] == "Penata, III/c"
    assert record["TMT pangkat"].date() == date(2021, 4, 1)
    assert record["Jenis jabatan"] == "Fungsional Ahli Muda"
    assert record["Pendidikan terakhir"] == "S-2"
    assert record["Jurusan"] == "Administrasi Publik"
    assert record["Tahun lulus"] == 2015
    assert record["Unit kerja"] == "Bidang Alpha Satu"
    assert record["Status"] == "PNS"


# ---------------------------------------------------------------- query counts


def employee_builder(tree):
    unit = tree["bidang"]
    position = PositionFactory(unit=unit, needs=1000)

    def build(n: int) -> None:
        for _ in range(n):
            employee = EmployeeFactory(
                rank=rank("III_B"), rank_date=date(2020, 4, 1), education=edu("S-1")
            )
            PlacementFactory(employee=employee, position=position)
            EducationHistory.objects.create(
                employee=employee,
                level=edu("S-1"),
                major="Ekonomi",
                graduation_year=2010,
            )

    return build


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["report_duk", "report_nominatif"])
@pytest.mark.parametrize("query", ["", "print=1", "format=xlsx", "unit={unit}"])
def test_employee_reports_query_count_does_not_grow(tree, hr, name, query):
    target = url(name, query.format(unit=tree["dinas"].pk))
    assert_constant_queries(employee_builder(tree), lambda: hr.get(target))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "print=1", "format=xlsx", "unit={unit}"])
def test_bezetting_query_count_does_not_grow(tree, hr, query):
    def build(n: int) -> None:
        for _ in range(n):
            position = PositionFactory(unit=tree["bidang"], needs=2)
            PlacementFactory(position=position)
            PlacementFactory(position=position, kind="PLT")

    target = url("report_bezetting", query.format(unit=tree["dinas"].pk))
    assert_constant_queries(build, lambda: hr.get(target))


# ---------------------------------------------------------------- markup


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("query", ["", "print=1"])
def test_report_markup_is_accessible_and_csp_safe(tree, staffing, hr, name, query):
    html = hr.get(url(name, query)).content.decode()
    assert "<caption>" in html
    assert '<th scope="col">' in html
    assert 'style="' not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "Cetak di peramban" in html
    assert 'class="breadcrumb"' in html
    assert ("format=xlsx") in html


def test_years_months_counts_whole_months():
    assert years_and_months(date(2000, 3, 15), date(2026, 3, 14)) == (25, 11)
    assert years_and_months(date(2000, 3, 15), date(2026, 3, 15)) == (26, 0)
    assert years_and_months(date(2030, 1, 1), date(2026, 1, 1)) == (0, 0)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
