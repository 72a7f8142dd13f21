from __future__ import annotations

from datetime import date, timedelta

import pytest

from performance import appraisers
from tests.helpers import count_queries
from tests.performance.conftest import today
from tests.positions.factories import (
    EmployeeFactory,
    PlacementFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def test_the_appraiser_holds_the_supervising_seat_and_his_superior_the_next(org):
    chain = appraisers.chain_for(org.me, today())
    assert chain.appraiser.employee_id == org.kabid.pk
    assert chain.appraiser.kind == "DEFINITIF"
    assert chain.superior.employee_id == org.kadis.pk
    assert chain.reason == ""


def test_an_acting_holder_appraises_when_the_seat_has_no_definitive_holder(org):
    day = today()
    kabid_placement = org.kabid.placements.get()
    kabid_placement.end_date = day - timedelta(days=10)
    kabid_placement.save(update_fields=["end_date"])
    acting = PlacementFactory(
        position=org.kabid_seat,
        employee=EmployeeFactory(name="Plt Kabid"),
        kind="PLT",
        start_date=day - timedelta(days=9),
    ).employee
    chain = appraisers.chain_for(org.me, day)
    assert chain.appraiser.employee_id == acting.pk
    assert chain.appraiser.is_acting
    assert chain.superior.employee_id == org.kadis.pk
    # Before the Plt started, on the old kabid's last day, the old kabid appraised.
    earlier = appraisers.chain_for(org.me, day - timedelta(days=10))
    assert earlier.appraiser.employee_id == org.kabid.pk


def test_a_definitive_holder_wins_over_an_acting_one(org):
    PlacementFactory(
        position=org.kabid_seat,
        employee=EmployeeFactory(),
        kind="PLH",
        start_date=today() - timedelta(days=3),
    )
    assert appraisers.chain_for(org.me, today()).appraiser.employee_id == org.kabid.pk


def test_nobody_appraises_himself_as_acting_head_of_his_own_supervisor(org):
    kabid_placement = org.kabid.placements.get()
    kabid_placement.end_date = today() - timedelta(days=2)
    kabid_placement.save(update_fields=["end_date"])
    PlacementFactory(
        position=org.kabid_seat,
        employee=org.me,
        kind="PLT",
        start_date=today() - timedelta(days=1),
    )
    chain = appraisers.chain_for(org.me, today())
    assert chain.appraiser is None
    assert "kosong" in chain.reason
    # The colleague is appraised by the acting kabid, i.e. by the employee.
    colleague = appraisers.chain_for(org.colleague, today())
    assert colleague.appraiser.employee_id == org.me.pk


def test_hr_gets_the_employees_without_an_appraiser_with_the_reason(org):
    unplaced = EmployeeFactory(name="Tanpa Jabatan")
    rows = {
        row.employee.pk: row.reason for row in appraisers.without_appraiser(today())
    }
    # The two unit heads at the top have no supervising position; the unplaced has
    # no position; every staff member is appraised.
    assert set(rows) == {org.kadis.pk, org.other_boss.pk, unplaced.pk}
    assert "tidak memiliki jabatan atasan" in rows[org.kadis.pk]
    assert "jabatan definitif" in rows[unplaced.pk]
    in_unit = appraisers.without_appraiser(today(), unit=org.dinas)
    assert [row.employee.pk for row in in_unit] == [org.kadis.pk]


def test_appraisees_are_those_whose_chain_leads_to_him(org):
    assert sorted(appraisers.appraisees_of(org.kabid.pk, today())) == sorted(
        [org.me.pk, org.colleague.pk]
    )
    assert appraisers.appraisees_of(org.kadis.pk, today()) == [org.kabid.pk]
    assert appraisers.appraisees_of(org.me.pk, today()) == []


def test_chains_for_many_employees_take_two_queries(org):
    staff = [
        PlacementFactory(position=org.staff_seat, start_date=date(2021, 1, 1)).employee
        for _ in range(5)
    ]
    ids = [org.me.pk, org.outsider.pk, *(e.pk for e in staff)]
    assert count_queries(lambda: appraisers.chains_for(ids, today())) == 2
    chains = appraisers.chains_for(ids, today())
    assert chains[org.outsider.pk].appraiser.employee_id == org.other_boss.pk
    assert chains[org.outsider.pk].superior is None


def test_the_unit_head_superior_sets_the_organisation_rating(org):
    assert appraisers.unit_head_position(org.bidang) == org.kabid_seat
    assert (
        appraisers.unit_head_superior(org.bidang, today()).employee_id == org.kadis.pk
    )
    assert appraisers.unit_head_position(org.dinas) == org.kadis_seat
    assert appraisers.unit_head_superior(org.dinas, today()) is None


def test_the_unresolved_list_agrees_with_the_chains(org):
    """The SQL filter says what chains_for says, for every kind of broken chain."""
    vacant_boss = PositionFactory(unit=org.other, needs=1, job_class=9)
    under_vacant = PlacementFactory(
        position=PositionFactory(unit=org.other, needs=3, supervisor=vacant_boss)
    ).employee
    # Acting in his own supervising seat: nobody else holds it.
    self_acting_seat = PositionFactory(unit=org.other, needs=1, job_class=9)
    self_acting = PlacementFactory(
        position=PositionFactory(unit=org.other, needs=3, supervisor=self_acting_seat)
    ).employee
    PlacementFactory(position=self_acting_seat, employee=self_acting, kind="PLT")
    # A Plt in a vacant supervising seat appraises.
    plt_seat = PositionFactory(unit=org.other, needs=1, job_class=9)
    under_plt = PlacementFactory(
        position=PositionFactory(unit=org.other, needs=3, supervisor=plt_seat)
    ).employee
    PlacementFactory(position=plt_seat, employee=org.colleague, kind="PLT")
    unplaced = EmployeeFactory(name="Tanpa Jabatan")

    rows = {r.employee.pk: r.reason for r in appraisers.without_appraiser(today())}
    employees = [
        org.me.pk, org.kadis.pk, org.other_boss.pk, under_vacant.pk,
        self_acting.pk, under_plt.pk, unplaced.pk,
    ]  # fmt: skip
    chains = appraisers.chains_for(employees, today())
    expected = {pk: c.reason for pk, c in chains.items() if c.appraiser is None}
    assert {pk: rows[pk] for pk in expected} == expected
    assert set(rows) == {org.kadis.pk, org.other_boss.pk, under_vacant.pk,
                         self_acting.pk, unplaced.pk}  # fmt: skip
    assert count_queries(lambda: appraisers.without_appraiser(today())) == 1
