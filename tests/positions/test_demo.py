from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone
from pghistory.models import Events

from positions import demo
from positions.models import (
    EducationHistory,
    Employee,
    OrgUnit,
    Placement,
    Position,
    RankHistory,
)
from positions.services import peak_load, retirement_rule_for
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.demo import seed_accounts
from sawahlunto_asn.accounts.models import User
from sawahlunto_asn.lib.audit import history_for

SMALL = 80


def registry_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            OrgUnit,
            Position,
            Employee,
            Placement,
            RankHistory,
            EducationHistory,
        )
    }


def nips() -> list[str]:
    return sorted(Employee.objects.values_list("nip", flat=True))


@pytest.fixture
def seeded(db):
    seed_accounts()
    return demo.seed_registry(SMALL)


# ---------------------------------------------------------------- the tree


def test_full_city_has_the_sawahlunto_structure():
    units = demo.city_units(2500)
    by_code = {u.code: u for u in units}
    kinds = defaultdict(list)
    for unit in units:
        kinds[unit.kind].append(unit)
    root = by_code[demo.ROOT_CODE]
    assert (root.name, root.kind, root.parent) == (
        "Pemerintah Kota Sawahlunto",
        "PEMKOT",
        None,
    )
    assert {u.name for u in kinds["KECAMATAN"]} == {
        "Kecamatan Silungkang",
        "Kecamatan Lembah Segar",
        "Kecamatan Barangin",
        "Kecamatan Talawi",
    }
    assert all(by_code[k.parent].kind == "KECAMATAN" for k in kinds["KELURAHAN"])
    assert len(kinds["KELURAHAN"]) == 10
    names = {u.name for u in units}
    for name in (
        "Sekretariat Daerah",
        "Sekretariat DPRD",
        "Inspektorat",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Badan Keuangan dan Aset Daerah",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Kebudayaan, Peninggalan Bersejarah dan Permuseuman",
        "Dinas Pendidikan",
        "Dinas Kesehatan",
        "RSUD Sawahlunto",
    ):
        assert name in names
    assert any(by_code[u.parent].kind == "SETDA" for u in kinds["BAGIAN"])
    for kind in ("SEKRETARIAT", "BIDANG", "SUBBAGIAN", "SEKSI", "UPT"):
        assert kinds[kind], kind
    # Parents come first, so units can be saved in list order.
    seen = set()
    for unit in units:
        assert unit.parent is None or unit.parent in seen
        seen.add(unit.code)


def test_codes_fit_their_columns_at_any_scale():
    units = demo.city_units(100_000)
    assert len({u.code for u in units}) == len(units)
    longest_unit = max(len(u.code) for u in units)
    longest_suffix = max(
        [len(code) + 2 for code in demo.FAMILIES] + [len(c) for c in demo.PELAKSANA]
    )
    assert longest_unit <= 30
    assert longest_unit + 1 + longest_suffix <= 40


def test_too_small_a_registry_is_refused(db):
    with pytest.raises(ValueError, match="at least"):
        demo.seed_registry(demo.MIN_EMPLOYEES - 1)
    with pytest.raises(CommandError):
        call_command("seed_demo", employees=10, stdout=StringIO())


# ---------------------------------------------------------------- the data


def test_units_keep_the_materialized_path(seeded):
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        expected = (parent.path if parent else "") + f"{unit.pk:07d}/"
        assert unit.path == expected
        assert unit.depth == (parent.depth + 1 if parent else 0)


def test_employees_are_valid_and_the_mix_is_realistic(seeded):
    employees = list(Employee.objects.all())
    assert len(employees) == SMALL
    for employee in employees:
        employee.full_clean()  # NIP agrees with birth date, gender, TMT and status
    statuses = [e.status for e in employees]
    assert 0.1 < statuses.count("PPPK") / SMALL < 0.25
    assert statuses.count("CPNS") >= 1
    assert statuses.count("PNS") / SMALL > 0.7
    pppk = next(e for e in employees if e.status == "PPPK")
    assert pppk.nip[12] == "2"
    pns = next(e for e in employees if e.status == "PNS")
    assert pns.appointment_date.day == 1
    assert pns.nip[8:14] == f"{pns.appointment_date:%Y%m}"


def test_positions_follow_the_structure(seeded):
    positions = list(Position.objects.select_related("supervisor", "unit"))
    assert [p.code for p in positions if p.supervisor is None] == ["SETDA-K"]
    sekda = next(p for p in positions if p.code == "SETDA-K")
    assert (sekda.kind, sekda.eselon, sekda.job_class) == ("JPT_PRATAMA", "II.a", 15)
    for position in positions:
        assert 1 <= position.job_class <= 17
        assert position.field
        rule = retirement_rule_for(position.kind, position.level)
        assert position.retirement_rule_id == rule.pk
        if position.kind == "FUNGSIONAL":
            assert position.level
            assert not position.eselon
        # A supervisor sits in the same unit or above it; the heads of the
        # perangkat daerah report to the Sekda.
        if position.supervisor is not None and position.supervisor != sekda:
            assert position.unit.path.startswith(position.supervisor.unit.path)
    kinds = {p.kind for p in positions}
    assert {
        "JPT_PRATAMA",
        "ADMINISTRATOR",
        "PENGAWAS",
        "FUNGSIONAL",
        "PELAKSANA",
    } <= kinds
    assert any(p.needs > 1 for p in positions if p.kind == "PELAKSANA")


def test_seats_are_mostly_filled_with_a_few_vacant_and_overfilled(seeded):
    today = timezone.localdate()
    positions = list(Position.objects.with_incumbents(today))
    seats = sum(p.needs for p in positions)
    vacant = sum(max(0, p.needs - p.incumbents) for p in positions)
    assert 0.04 < vacant / seats < 0.12
    per_unit = defaultdict(lambda: [0, 0])
    for p in positions:
        per_unit[p.unit_id][0] += p.needs
        per_unit[p.unit_id][1] += p.incumbents
    assert any(incumbents > needs for needs, incumbents in per_unit.values())
    overfilled = {p.pk for p in positions if p.incumbents > p.needs}
    assert overfilled
    # Only positions whose needs were cut ever held more than their needs.
    history = defaultdict(list)
    for placement in Placement.objects.definitive():
        history[placement.position_id].append(placement)
    for p in positions:
        peak, _ = peak_load(history[p.pk], date(1950, 1, 1), None)
        assert peak <= p.needs or p.pk in overfilled
    cut = Events.objects.filter(
        pgh_model="positions.PositionEvent", pgh_label="update"
    ).values_list("pgh_obj_id", flat=True)
    assert overfilled <= {int(pk) for pk in cut}
    assert summary_matches(seeded, vacant, seats)


def summary_matches(summary, vacant: int, seats: int) -> bool:
    return (summary.vacant, summary.seats, summary.employees) == (vacant, seats, SMALL)


def test_careers_have_history(seeded):
    today = timezone.localdate()
    by_employee = defaultdict(list)
    for placement in Placement.objects.definitive().order_by("start_date"):
        by_employee[placement.employee_id].append(placement)
    assert len(by_employee) == SMALL
    moved = 0
    for employee_id, placements in by_employee.items():
        assert placements[-1].end_date is None
        assert sum(1 for p in placements if p.covers(today)) == 1
        for before, after in itertools.pairwise(placements):
            assert before.end_date == after.start_date - timedelta(days=1)
        moved += len(placements) > 1
        assert employee_id
    assert moved / SMALL > 0.5
    assert Placement.objects.filter(kind="PLT", end_date__isnull=True).exists()
    for employee in Employee.objects.prefetch_related(
        "rank_history", "education_history"
    ):
        ranks = sorted(employee.rank_history.all(), key=lambda r: r.effective_date)
        assert ranks
        assert (employee.rank_id, employee.rank_date) == (
            ranks[-1].rank_id,
            ranks[-1].effective_date,
        )
        scheme = "PPPK" if employee.status == "PPPK" else "PNS"
        assert {r.rank.scheme for r in ranks} == {scheme}
        best = max(employee.education_history.all(), key=lambda e: e.level.ordinal)
        assert employee.education_id == best.level_id
    long_serving = [
        e
        for e in Employee.objects.filter(status="PNS").prefetch_related("rank_history")
        if (today - e.appointment_date).days > 9 * 365
    ]
    assert long_serving
    assert all(e.rank_history.count() >= 2 for e in long_serving)


def test_some_employees_retire_within_two_years(seeded):
    today = timezone.localdate()
    people = Employee.objects.with_current_position()
    soon = people.filter(
        retirement_on__gt=today, retirement_on__lte=today + timedelta(days=730)
    )
    assert soon.exists()
    assert soon.count() < SMALL * 0.1
    assert not people.filter(retirement_on__lte=today).exists()


def test_demo_users_are_linked(seeded):
    today = timezone.localdate()
    pegawai = Employee.objects.with_current_position().get(user__username="pegawai")
    assert pegawai.position_kind == "PELAKSANA"
    atasan = Employee.objects.with_current_position().get(user__username="atasan")
    assert atasan.position_kind == "ADMINISTRATOR"
    assert atasan.position_title.startswith("Kepala Bidang")
    below = Position.objects.below([atasan.position_id])
    assert pegawai.position_id in below
    assert Placement.objects.on(today).filter(position_id__in=below).count() >= 2
    # They keep their roles, and the supervisor sees his subordinate.
    atasan_user = User.objects.get(username="atasan")
    assert atasan_user.groups.filter(name=roles.SUPERVISOR.group).exists()
    assert (
        User.objects.get(username="pegawai")
        .groups.filter(name=roles.EMPLOYEE.group)
        .exists()
    )
    assert Employee.objects.visible_to(atasan_user).filter(pk=pegawai.pk).exists()


def test_demo_rows_have_their_audit_trail(seeded):
    for model in demo.AUDITED:
        inserted = Events.objects.filter(
            pgh_model=f"positions.{model.__name__}Event", pgh_label="insert"
        )
        assert inserted.count() == model.objects.count(), model
    position = next(
        p
        for p in Position.objects.with_incumbents(timezone.localdate())
        if p.incumbents > p.needs
    )
    labels = [entry.action for entry in history_for(position)]
    assert len(labels) == 2  # created, then its needs were cut


# ---------------------------------------------------------------- idempotence


def test_running_twice_changes_nothing(seeded):
    before = registry_counts()
    events = Events.objects.count()
    summary = demo.seed_registry(SMALL)
    assert registry_counts() == before
    assert Events.objects.count() == events
    assert summary.seeded is False
    assert summary.employees == SMALL
    # Asking for fewer than are there is also satisfied by what exists.
    demo.seed_registry(demo.MIN_EMPLOYEES)
    assert registry_counts() == before


def test_same_size_gives_the_same_people(seeded):
    first = nips()
    codes = sorted(Position.objects.values_list("code", "needs"))
    demo._clear_registry(OrgUnit.objects.get(code=demo.ROOT_CODE))
    assert not Employee.objects.exists()
    demo.seed_registry(SMALL)
    assert nips() == first
    assert sorted(Position.objects.values_list("code", "needs")) == codes


def test_a_larger_size_rebuilds_without_duplicates(seeded):
    units = OrgUnit.objects.count()
    demo.seed_registry(SMALL + 20)
    assert Employee.objects.count() == SMALL + 20
    assert OrgUnit.objects.count() == units
    assert not Employee.objects.filter(placements__isnull=True).exists()
    assert Employee.objects.filter(user__username="atasan").count() == 1
    deleted = Events.objects.filter(
        pgh_model="positions.EmployeeEvent", pgh_label="delete"
    )
    assert deleted.count() == SMALL


def test_command_seeds_accounts_and_registry(db):
    out = StringIO()
    call_command("seed_demo", employees=60, stdout=out)
    assert "60 employees" in out.getvalue()
    assert Group.objects.filter(name=roles.SUPERVISOR.group).exists()
    assert Employee.objects.filter(user__username="pegawai").exists()
