"""The database's own guarantees, tested directly against PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from positions.models import Employee, Placement, Position
from tests.positions.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db


def raw_placement(employee, position, start, end=None, kind="DEFINITIF"):
    """Insert bypassing the service, so only the database can refuse."""
    return Placement.objects.create(
        employee=employee, position=position, kind=kind, start_date=start, end_date=end
    )


def test_overlapping_definitive_placements_are_refused():
    employee = EmployeeFactory()
    raw_placement(employee, PositionFactory(), date(2020, 1, 1), date(2022, 12, 31))
    with (
        pytest.raises(IntegrityError, match="placement_one_definitive_per_date"),
        transaction.atomic(),
    ):
        raw_placement(employee, PositionFactory(), date(2022, 12, 31))


def test_back_to_back_placements_are_accepted():
    employee = EmployeeFactory()
    raw_placement(employee, PositionFactory(), date(2020, 1, 1), date(2022, 12, 31))
    raw_placement(employee, PositionFactory(), date(2023, 1, 1))
    assert employee.placements.count() == 2


def test_an_open_ended_placement_blocks_every_later_date():
    employee = EmployeeFactory()
    raw_placement(employee, PositionFactory(), date(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_placement(employee, PositionFactory(), date(2035, 6, 1), date(2035, 6, 30))


def test_acting_placements_may_overlap_a_definitive_one():
    employee = EmployeeFactory()
    raw_placement(employee, PositionFactory(), date(2020, 1, 1))
    raw_placement(employee, PositionFactory(), date(2021, 1, 1), kind="PLT")
    raw_placement(employee, PositionFactory(), date(2021, 2, 1), kind="PLH")
    assert employee.placements.count() == 3


def test_end_before_start_is_refused():
    with (
        pytest.raises(IntegrityError, match="placement_end_not_before_start"),
        transaction.atomic(),
    ):
        raw_placement(
            EmployeeFactory(), PositionFactory(), date(2022, 1, 1), date(2021, 12, 31)
        )


def test_nip_must_be_18_digits_in_the_database():
    employee = EmployeeFactory()
    with (
        pytest.raises(IntegrityError, match="employee_nip_18_digits"),
        transaction.atomic(),
    ):
        Employee.objects.filter(pk=employee.pk).update(nip="12345")


def test_functional_positions_need_a_level_and_others_none():
    position = PositionFactory()
    with (
        pytest.raises(IntegrityError, match="position_level_iff_functional"),
        transaction.atomic(),
    ):
        Position.objects.filter(pk=position.pk).update(kind="FUNGSIONAL")
    with (
        pytest.raises(IntegrityError, match="position_level_iff_functional"),
        transaction.atomic(),
    ):
        Position.objects.filter(pk=position.pk).update(level="AHLI_MUDA")
    Position.objects.filter(pk=position.pk).update(kind="FUNGSIONAL", level="AHLI_MUDA")


def test_eselon_only_on_managerial_positions():
    position = PositionFactory(kind="PELAKSANA")
    with (
        pytest.raises(IntegrityError, match="position_eselon_only_managerial"),
        transaction.atomic(),
    ):
        Position.objects.filter(pk=position.pk).update(eselon="IV.a")


def test_retirement_date_is_the_first_of_the_month_after_the_birthday():
    employee = Employee(birth_date=date(1968, 12, 15))
    assert employee.retirement_date(58) == date(2027, 1, 1)
    employee.birth_date = date(1970, 3, 31)
    assert employee.retirement_date(60) == date(2030, 4, 1)
    assert employee.retirement_date(None) is None


def test_full_name_carries_the_academic_titles():
    employee = Employee(
        front_title="Dr.", name="Rahmat Hidayat", back_title="S.E., M.Si."
    )
    assert employee.full_name == "Dr. Rahmat Hidayat, S.E., M.Si."
