from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from positions import services
from positions.models import OrgUnit, Placement
from tests.positions.factories import (
    EmployeeFactory,
    OrgUnitFactory,
    PlacementFactory,
    PositionFactory,
    rank,
)

pytestmark = pytest.mark.django_db


def place(employee, position, start, end=None, kind="DEFINITIF"):
    return services.place_employee(
        employee=employee, position=position, start_date=start, end_date=end, kind=kind
    )


def test_a_move_ends_the_previous_placement_the_day_before():
    first = PlacementFactory(start_date=date(2019, 1, 1))
    second = place(first.employee, PositionFactory(), date(2024, 7, 1))
    first.refresh_from_db()
    assert first.end_date == date(2024, 6, 30)
    assert second.end_date is None
    assert first.employee.placements.count() == 2  # history kept, nothing overwritten


def test_overlap_is_refused_with_a_clear_message():
    employee = EmployeeFactory()
    place(employee, PositionFactory(), date(2020, 1, 1), date(2025, 12, 31))
    with pytest.raises(services.PlacementError, match="bertumpang tindih"):
        place(employee, PositionFactory(), date(2019, 6, 1), date(2020, 6, 1))


def test_overfill_is_refused_and_names_the_day():
    position = PositionFactory(needs=1, title="Kepala Seksi Uji")
    place(EmployeeFactory(), position, date(2021, 1, 1), date(2021, 12, 31))
    with pytest.raises(services.PlacementError, match=r"terisi penuh pada 01-06-2021"):
        place(EmployeeFactory(), position, date(2021, 6, 1))
    # Once the seat is free again it can be filled.
    place(EmployeeFactory(), position, date(2022, 1, 1))
    assert position.placements.count() == 2


def test_acting_placements_do_not_take_a_seat():
    position = PositionFactory(needs=1)
    place(EmployeeFactory(), position, date(2021, 1, 1))
    place(EmployeeFactory(), position, date(2021, 1, 1), kind="PLT")
    assert position.placements.count() == 2


def test_peak_load_counts_the_busiest_day_only():
    position = PositionFactory(needs=2)
    place(EmployeeFactory(), position, date(2020, 1, 1), date(2020, 6, 30))
    place(EmployeeFactory(), position, date(2020, 7, 1), date(2020, 12, 31))
    # Never more than one at a time so far: a second seat is still free all year.
    place(EmployeeFactory(), position, date(2020, 3, 1), date(2020, 9, 30))
    with pytest.raises(services.PlacementError):
        place(EmployeeFactory(), position, date(2020, 5, 1), date(2020, 5, 31))


def test_end_placement_refuses_an_end_before_the_start():
    placement = PlacementFactory(start_date=date(2022, 1, 1))
    with pytest.raises(services.PlacementError):
        services.end_placement(placement, date(2021, 12, 31))
    services.end_placement(placement, date(2023, 12, 31))
    placement.refresh_from_db()
    assert placement.end_date == date(2023, 12, 31)


def test_record_rank_keeps_the_latest_on_the_employee():
    employee = EmployeeFactory(status="PNS")
    services.record_rank(employee, rank("III_A"), date(2016, 4, 1))
    services.record_rank(employee, rank("III_B"), date(2020, 4, 1))
    services.record_rank(employee, rank("II_D"), date(2012, 4, 1))
    employee.refresh_from_db()
    assert employee.rank.code == "III_B"
    assert employee.rank_date == date(2020, 4, 1)
    with pytest.raises(ValidationError, match="tidak berlaku"):
        services.record_rank(employee, rank("PPPK_IX"), date(2024, 4, 1))


def test_org_unit_paths_follow_the_tree_and_moves():
    root = OrgUnitFactory(kind="PEMKOT")
    dinas = OrgUnitFactory(parent=root)
    bidang = OrgUnitFactory(parent=dinas, kind="BIDANG")
    other = OrgUnitFactory(parent=root)
    assert bidang.path == f"{root.pk:07d}/{dinas.pk:07d}/{bidang.pk:07d}/"
    assert bidang.depth == 2
    dinas.parent = other
    services.save_org_unit(dinas)
    bidang.refresh_from_db()
    assert (
        bidang.path == f"{root.pk:07d}/{other.pk:07d}/{dinas.pk:07d}/{bidang.pk:07d}/"
    )
    assert bidang.depth == 3
    assert set(OrgUnit.objects.subtree(other)) == {other, dinas, bidang}
    dinas.parent = bidang
    with pytest.raises(ValidationError, match="turunannya sendiri"):
        services.save_org_unit(dinas)


def test_subordinate_positions_follow_the_supervising_chain():
    head = PositionFactory(kind="JPT_PRATAMA")
    bidang = PositionFactory(kind="ADMINISTRATOR", supervisor=head)
    seksi = PositionFactory(kind="PENGAWAS", supervisor=bidang)
    staff = PositionFactory(supervisor=seksi)
    unrelated = PositionFactory()
    from positions.models import Position

    assert set(Position.objects.below([bidang.pk])) == {seksi.pk, staff.pk}
    assert unrelated.pk not in Position.objects.below([head.pk])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_filling_the_last_seat_at_once_cannot_both_succeed():
    position = PositionFactory(needs=1)
    employees = [EmployeeFactory(), EmployeeFactory()]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(employee):
        try:
            barrier.wait(timeout=10)
            place(employee, position, date(2024, 1, 1))
            outcomes.append("ok")
        except services.PlacementError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(e,)) for e in employees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert Placement.objects.filter(position=position).count() == 1
