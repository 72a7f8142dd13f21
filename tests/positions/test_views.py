from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from positions import services
from positions.models import EducationLevel, Employee, Placement, Position
from tests.helpers import count_queries
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
    make_nip,
    rank,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def city():
    """A small city: a dinas with a head, a bidang head and staff under him; another dinas."""
    root = OrgUnitFactory(kind="PEMKOT", name="Pemerintah Kota Sawahlunto")
    dinas = OrgUnitFactory(parent=root, name="Dinas Kesehatan")
    other = OrgUnitFactory(parent=root, name="Dinas Pendidikan")
    head = PositionFactory(
        unit=dinas, kind="JPT_PRATAMA", eselon="II.b", needs=1, job_class=14
    )
    kabid = PositionFactory(
        unit=dinas, kind="ADMINISTRATOR", eselon="III.b", needs=1, supervisor=head
    )
    staff = PositionFactory(
        unit=dinas, needs=3, supervisor=kabid, title="Pengadministrasi Umum"
    )
    teacher = PositionFactory(unit=other, needs=2, title="Guru")
    return {
        "root": root,
        "dinas": dinas,
        "other": other,
        "head": head,
        "kabid": kabid,
        "staff": staff,
        "teacher": teacher,
    }


@pytest.fixture
def team(city, supervisor, employee):
    """The supervisor persona holds the bidang head post; the employee persona is his staff."""
    boss = PlacementFactory(
        position=city["kabid"],
        employee=EmployeeFactory(user=supervisor, name="Hendra Saputra"),
    ).employee
    mine = PlacementFactory(
        position=city["staff"],
        employee=EmployeeFactory(user=employee, name="Dewi Lestari"),
    ).employee
    colleague = PlacementFactory(
        position=city["staff"], employee=EmployeeFactory(name="Yusuf Hakim")
    ).employee
    outsider = PlacementFactory(
        position=city["teacher"], employee=EmployeeFactory(name="Siti Aminah")
    ).employee
    return {"boss": boss, "mine": mine, "colleague": colleague, "outsider": outsider}


# ---------------------------------------------------------------- permissions


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
def test_position_map_is_for_hr(client_for, city, persona, status):
    assert (
        client_for(persona).get(reverse("positions:position_map")).status_code == status
    )


def test_anonymous_is_sent_to_login(client, city):
    for url in [reverse("positions:position_map"), reverse("positions:employee_list")]:
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_supervisor_sees_only_his_subordinates(client_for, team):
    html = (
        client_for("supervisor")
        .get(reverse("positions:employee_list"))
        .content.decode()
    )
    assert team["mine"].name in html
    assert team["colleague"].name in html
    assert team["outsider"].name not in html


@pytest.mark.parametrize(
    ("persona", "whom", "status"),
    [
        ("hr_officer", "outsider", 200),
        ("supervisor", "mine", 200),
        ("supervisor", "boss", 200),
        ("supervisor", "outsider", 404),
        ("employee", "mine", 200),
        ("employee", "colleague", 404),
        ("moderator", "mine", 403),
        ("citizen", "mine", 403),
    ],
)
def test_profile_scope(client_for, team, persona, whom, status):
    url = reverse("positions:employee_detail", args=[team[whom].pk])
    assert client_for(persona).get(url).status_code == status


def test_supervisor_and_employee_read_only(client_for, team):
    for persona in ("supervisor", "employee"):
        client = client_for(persona)
        html = client.get(
            reverse("positions:employee_detail", args=[team["mine"].pk])
        ).content.decode()
        assert reverse("positions:employee_update", args=[team["mine"].pk]) not in html
        assert (
            client.get(
                reverse("positions:employee_update", args=[team["mine"].pk])
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("positions:placement_create", args=[team["mine"].pk])
            ).status_code
            == 403
        )


def test_employee_role_cannot_list_employees(client_for, team):
    assert (
        client_for("employee").get(reverse("positions:employee_list")).status_code
        == 403
    )


def test_my_profile_redirects_to_own_record(client_for, team):
    response = client_for("employee").get(reverse("positions:my_profile"))
    assert response["Location"] == reverse(
        "positions:employee_detail", args=[team["mine"].pk]
    )


def test_my_profile_without_linked_record_says_so(client_for, role_groups):
    response = client_for("employee").get(reverse("positions:my_profile"))
    assert response.status_code == 200
    assert "belum terhubung" in response.content.decode()


# ---------------------------------------------------------------- position map


def test_position_map_shows_needs_incumbents_and_difference(client_for, team, city):
    html = (
        client_for("hr_officer")
        .get(reverse("positions:position_map"), {"unit": city["dinas"].pk})
        .content.decode()
    )
    assert "Pengadministrasi Umum" in html
    assert reverse("positions:position_update", args=[city["staff"].pk]) in html
    assert reverse("positions:unit_update", args=[city["dinas"].pk]) in html
    # Dinas: needs 1+1+3 = 5, incumbents 1 (kabid) + 2 (staff) = 3, shortage +2.
    context = (
        client_for("hr_officer")
        .get(reverse("positions:position_map"), {"unit": city["dinas"].pk})
        .context
    )
    dinas_row = context["map"].rows[0]
    assert (dinas_row.needs, dinas_row.incumbents, dinas_row.difference) == (5, 3, 2)


def test_position_map_whole_city_rolls_totals_up_and_as_of_a_past_date(
    client_for, team, city
):
    client = client_for("hr_officer")
    the_map = client.get(reverse("positions:position_map")).context["map"]
    assert (the_map.needs, the_map.incumbents) == (7, 4)
    assert not the_map.shows_positions
    past = client.get(reverse("positions:position_map"), {"on": "2019-12-31"}).context[
        "map"
    ]
    assert past.incumbents == 0  # the factories start placements on 2020-01-01


def test_position_map_marks_an_overfill(client_for, team, city):
    Position.objects.filter(pk=city["staff"].pk).update(
        needs=1
    )  # a new ABK lowers the needs
    response = client_for("hr_officer").get(
        reverse("positions:position_map"), {"unit": city["dinas"].pk}
    )
    staff = next(
        p
        for row in response.context["map"].rows
        for p in row.positions
        if p.pk == city["staff"].pk
    )
    assert staff.difference == -1
    assert "text-bg-danger" in response.content.decode()


def test_position_map_filters_by_kind(client_for, team, city):
    response = client_for("hr_officer").get(
        reverse("positions:position_map"),
        {"unit": city["dinas"].pk, "kind": "ADMINISTRATOR"},
    )
    positions = [p for row in response.context["map"].rows for p in row.positions]
    assert [p.pk for p in positions] == [city["kabid"].pk]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_position_map_exports(client_for, team, city, fmt):
    response = client_for("hr_officer").get(
        reverse("positions:position_map"), {"format": fmt}
    )
    assert response.status_code == 200
    assert f'.{fmt}"' in response["Content-Disposition"]
    if fmt == "csv":
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Pengadministrasi Umum" in body
        assert "Guru" in body


# ---------------------------------------------------------------- employee list


def test_list_filters(client_for, team, city):
    client = client_for("hr_officer")
    url = reverse("positions:employee_list")

    def names(**params):
        return {e.pk for e in client.get(url, params).context["page"]}

    assert names(unit=city["dinas"].pk) == {
        team["boss"].pk,
        team["mine"].pk,
        team["colleague"].pk,
    }
    assert names(unit=city["root"].pk) == {e.pk for e in team.values()}
    assert names(kind="ADMINISTRATOR") == {team["boss"].pk}
    assert names(q=team["outsider"].nip[:14]) >= {team["outsider"].pk}
    assert names(q=team["outsider"].name) == {team["outsider"].pk}
    assert names(years_in_position="over") == {
        e.pk for e in team.values()
    }  # since 2020


def test_list_filters_by_retirement_and_rank(client_for, city, role_groups):
    near = EmployeeFactory(
        birth_date=TODAY.replace(year=TODAY.year - 58) + timedelta(days=40),
        appointment_date=date(1995, 3, 1),
    )
    near.nip = make_nip(near.birth_date, near.appointment_date, near.gender, 7)
    near.save()
    services.place_employee(
        employee=near, position=city["staff"], start_date=date(2020, 1, 1)
    )
    far = PlacementFactory(position=city["staff"]).employee
    services.record_rank(far, rank("III_C"), date(2021, 4, 1))
    client = client_for("hr_officer")
    url = reverse("positions:employee_list")
    assert {e.pk for e in client.get(url, {"retiring_within": 1}).context["page"]} == {
        near.pk
    }
    assert {
        e.pk for e in client.get(url, {"rank": rank("III_C").pk}).context["page"]
    } == {far.pk}


def test_list_invalid_filter_value_shows_a_message_not_an_error(client_for, team):
    response = client_for("hr_officer").get(
        reverse("positions:employee_list"), {"retiring_within": "abc"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_list_export_follows_the_filter(client_for, team, city, fmt):
    response = client_for("hr_officer").get(
        reverse("positions:employee_list"), {"unit": city["other"].pk, "format": fmt}
    )
    assert response.status_code == 200
    if fmt == "csv":
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert team["outsider"].nip_display in body
        assert team["mine"].nip_display not in body


# ---------------------------------------------------------------- query counts


def add_staff(position: Position, n: int, start_index: int) -> None:
    """Bulk-add n employees holding `position` (needs raised to fit)."""
    Position.objects.filter(pk=position.pk).update(needs=position.needs + n + 1000)
    people = []
    for i in range(start_index, start_index + n):
        birth = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        tmt = date(birth.year + 25, birth.month, 1)
        people.append(
            Employee(
                nip=make_nip(birth, tmt, "1", i % 999 + 1)[:14] + "1" + f"{i:03d}"[-3:],
                name=f"Pegawai {i:04d}",
                status="PNS",
                birth_date=birth,
                appointment_date=tmt,
                gender="1",
                rank=rank("III_A"),
            )
        )
    Employee.objects.bulk_create(people)
    Placement.objects.bulk_create(
        Placement(employee=e, position=position, start_date=date(2022, 1, 1))
        for e in people
    )


def test_pages_run_the_same_queries_for_20_and_500_employees(
    client_for, city, role_groups
):
    client = client_for("hr_officer")
    profile_of = PlacementFactory(position=city["head"]).employee
    urls = [
        reverse("positions:position_map"),
        reverse("positions:position_map") + f"?unit={city['dinas'].pk}",
        reverse("positions:employee_list"),
        reverse("positions:employee_list")
        + f"?unit={city['dinas'].pk}&sort=-retirement_on",
        reverse("positions:employee_detail", args=[profile_of.pk]),
    ]
    add_staff(city["staff"], 19, 0)
    small = [count_queries(lambda u=u: client.get(u)) for u in urls]
    add_staff(city["staff"], 480, 100)
    # More history for the profile too.
    for year in range(2021, 2026):
        services.record_rank(
            profile_of, rank(f"IV_{'ABCDE'[year - 2021]}"), date(year, 4, 1)
        )
    large = [count_queries(lambda u=u: client.get(u)) for u in urls]
    assert small == large
    # Each page: session, user, two permission reads, then its own reads. Map: unit
    # choices, units, needs, holders [+ chosen unit, positions]. List: unit, rank and
    # education lists (they also label the rows), count, page (the filtered one adds
    # the chosen unit's path). Profile: employee, placements, supervisor, ranks,
    # education, decreed moves, then the competency section (position, effective
    # standard, latest assessments, competencies; JP; trainings). Every page adds
    # the navbar's unread notifications count (issue 8).
    assert large == [9, 11, 10, 11, 16]
    assert Employee.objects.count() >= 500


# ---------------------------------------------------------------- editing


def test_hr_creates_an_employee_with_a_spaced_nip(client_for, role_groups):
    response = client_for("hr_officer").post(
        reverse("positions:employee_create"),
        {
            "nip": "19900115 201503 2 004",
            "name": "Rina Marlina",
            "status": "PNS",
            "birth_date": "1990-01-15",
            "gender": "2",
            "appointment_date": "2015-03-01",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Employee.objects.get(nip="199001152015032004").name == "Rina Marlina"


def test_employee_form_shows_nip_defects_in_indonesian(client_for, role_groups):
    response = client_for("hr_officer").post(
        reverse("positions:employee_create"),
        {
            "nip": "19900115 201503 2 004",
            "name": "Rina",
            "status": "PNS",
            "birth_date": "1991-01-15",
            "gender": "1",
            "appointment_date": "2015-03-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tanggal lahir tidak sesuai dengan NIP" in html
    assert "Jenis kelamin tidak sesuai" in html
    assert not Employee.objects.exists()


def test_placement_form_reports_an_overfill(client_for, team, city):
    newcomer = EmployeeFactory()
    response = client_for("hr_officer").post(
        reverse("positions:placement_create", args=[newcomer.pk]),
        {"position": city["kabid"].pk, "kind": "DEFINITIF", "start_date": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "sudah terisi penuh" in response.content.decode()
    assert not newcomer.placements.exists()


def test_placement_form_moves_an_employee(client_for, team, city):
    response = client_for("hr_officer").post(
        reverse("positions:placement_create", args=[team["mine"].pk]),
        {
            "position": city["teacher"].pk,
            "kind": "DEFINITIF",
            "start_date": "2025-07-01",
            "decree_number": "800/123/BKPSDM/2025",
        },
    )
    assert response.status_code == 302
    old, new = team["mine"].placements.order_by("start_date")
    assert old.end_date == date(2025, 6, 30)
    assert new.position == city["teacher"]


def test_end_placement_form_refuses_end_before_start(client_for, team):
    placement = team["mine"].placements.get()
    response = client_for("hr_officer").post(
        reverse("positions:placement_end", args=[placement.pk]),
        {"end_date": "2019-01-01"},
    )
    assert "tidak boleh sebelum" in response.content.decode()


def test_position_form_rules_in_indonesian(client_for, city):
    response = client_for("hr_officer").post(
        reverse("positions:position_create"),
        {
            "code": "X1",
            "title": "Analis",
            "unit": city["dinas"].pk,
            "kind": "FUNGSIONAL",
            "level": "",
            "eselon": "IV.a",
            "job_class": 20,
            "needs": 1,
            "field": "UMUM",
        },
    )
    html = response.content.decode()
    assert "wajib memiliki jenjang" in html
    assert "Eselon hanya berlaku" in html
    assert "Kelas jabatan harus 1 sampai 17" in html
    assert not Position.objects.filter(code="X1").exists()


def test_hr_creates_a_unit_and_a_position(client_for, city):
    client = client_for("hr_officer")
    response = client.post(
        reverse("positions:unit_create"),
        {
            "code": "DISKOMINFO",
            "name": "Dinas Komunikasi dan Informatika",
            "kind": "DINAS",
            "parent": city["root"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    unit = city["root"].children.get(code="DISKOMINFO")
    assert unit.path.startswith(city["root"].path)
    response = client.post(
        reverse("positions:position_create"),
        {
            "code": "KOMINFO-PK",
            "title": "Pranata Komputer",
            "unit": unit.pk,
            "kind": "FUNGSIONAL",
            "level": "AHLI_MADYA",
            "job_class": 11,
            "needs": 2,
            "field": "TI",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Position.objects.get(code="KOMINFO-PK").retirement_rule.age == 60


def test_unit_cannot_move_under_its_own_child(client_for, city):
    child = OrgUnitFactory(parent=city["dinas"], kind="BIDANG")
    response = client_for("hr_officer").post(
        reverse("positions:unit_update", args=[city["dinas"].pk]),
        {
            "code": city["dinas"].code,
            "name": city["dinas"].name,
            "kind": "DINAS",
            "parent": child.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "turunannya sendiri" in response.content.decode()


def test_hr_adds_rank_and_education(client_for, team):
    client = client_for("hr_officer")
    pk = team["mine"].pk
    client.post(
        reverse("positions:rank_create", args=[pk]),
        {"rank": rank("III_B").pk, "effective_date": "2024-04-01"},
    )
    client.post(
        reverse("positions:education_create", args=[pk]),
        {
            "level": EducationLevel.objects.get(code="40").pk,
            "major": "Ilmu Komputer",
            "graduation_year": 2012,
        },
    )
    mine = Employee.objects.get(pk=pk)
    assert mine.rank.code == "III_B"
    assert mine.education is not None


def test_other_roles_cannot_edit(client_for, city, team):
    for persona in ("supervisor", "employee", "moderator", "citizen"):
        client = client_for(persona)
        assert client.get(reverse("positions:unit_create")).status_code == 403
        assert (
            client.get(
                reverse("positions:position_update", args=[city["staff"].pk])
            ).status_code
            == 403
        )


def test_only_staff_accounts_can_be_linked_to_an_employee(
    client_for, citizen, employee
):
    form = (
        client_for("hr_officer")
        .get(reverse("positions:employee_create"))
        .context["form"]
    )
    linkable = set(form.fields["user"].queryset)
    assert employee in linkable
    assert citizen not in linkable


def test_city_map_lists_perangkat_daerah_and_counts_deeper_units(
    client_for, team, city
):
    bidang = OrgUnitFactory(
        parent=city["dinas"], kind="BIDANG", name="Bidang Pelayanan"
    )
    PlacementFactory(position=PositionFactory(unit=bidang, needs=4))
    client = client_for("hr_officer")
    the_map = client.get(reverse("positions:position_map")).context["map"]
    assert max(row.depth for row in the_map.rows) == 1
    assert "Bidang Pelayanan" not in [row.unit.name for row in the_map.rows]
    dinas = next(row for row in the_map.rows if row.unit == city["dinas"])
    assert (dinas.needs, dinas.incumbents) == (9, 4)
    drilled = client.get(reverse("positions:position_map"), {"unit": city["dinas"].pk})
    assert "Bidang Pelayanan" in [row.unit.name for row in drilled.context["map"].rows]
