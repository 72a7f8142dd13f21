"""The demo rotation batches: what `seed_demo` shows the office about the approval path."""

from __future__ import annotations

from datetime import date

import pytest

from positions import demo
from positions.demo_rotation import PLANS, TITLES, demo_batches, seed_rotation_batches
from positions.models import Move, Placement, RotationBatch
from positions.rotation import validate_batch
from sawahlunto_asn.accounts.demo import seed_accounts

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
AS_OF = date(2026, 11, 1)
PEOPLE = 1000


@pytest.fixture
def seeded():
    seed_accounts()
    demo.seed_registry(PEOPLE, as_of=AS_OF)
    seed_rotation_batches(AS_OF)
    return {b.title: b for b in demo_batches()}


def test_each_stage_of_the_path_has_a_batch(seeded):
    assert [seeded[t].status for t in TITLES] == [p.until for p in PLANS]
    for plan in PLANS:
        batch = seeded[plan.title]
        assert batch.effective_date == demo.add_months(AS_OF, plan.months)
        assert batch.moves.exists()
    big = seeded[TITLES[3]]
    assert big.moves.count() == 50  # the page the benchmark opens


def test_executed_batches_moved_people_on_their_tmt_with_the_decree(seeded):
    for title in TITLES[:2]:
        batch = seeded[title]
        assert batch.decree_number
        assert batch.executed_at
        for move in batch.moves.all():
            new = Placement.objects.get(
                employee=move.employee, position=move.to_position
            )
            assert new.start_date == batch.effective_date
            assert new.decree_number == batch.decree_number
        steps = list(batch.transitions.values_list("action", "at__date"))
        assert [a for a, _ in steps] == [
            "submit",
            "recommend",
            "approve",
            "decree",
            "execute",
        ]
        assert all(day <= batch.effective_date for _, day in steps)


def test_batches_on_their_way_pass_validation(seeded):
    for title in TITLES[2:]:
        report = validate_batch(seeded[title])
        assert not report.has_errors, title
        assert report.can_proceed or seeded[title].status == "DRAFT"


def test_the_draft_holds_a_chain_and_a_swap(seeded):
    moves = list(seeded[TITLES[4]].moves.all())
    leaving = {m.from_position_id: m for m in moves}
    swaps = [
        m
        for m in moves
        if m.to_position_id in leaving
        and leaving[m.to_position_id].to_position_id == m.from_position_id
    ]
    chains = [
        m
        for m in moves
        if m.to_position_id in leaving
        and leaving[m.to_position_id].to_position_id != m.from_position_id
    ]
    assert len(swaps) == 2
    assert len(chains) == 1
    # The chain ends in a seat nobody in the batch leaves: it is only valid as a whole.
    follower = leaving[chains[0].to_position_id]
    assert follower.to_position_id not in leaving


def test_the_demo_logins_are_not_moved(seeded):
    assert not Move.objects.filter(employee__user__isnull=False).exists()


def test_a_second_run_writes_nothing_and_a_rebuild_clears_the_batches(seeded):
    before = sorted(RotationBatch.objects.values_list("pk", flat=True))
    assert seed_rotation_batches(AS_OF) == len(PLANS)
    assert sorted(RotationBatch.objects.values_list("pk", flat=True)) == before
    # A larger registry is rebuilt; the batches moving the old people must not block it.
    demo.seed_registry(PEOPLE + 20, as_of=AS_OF)
    assert not RotationBatch.objects.exists()
    assert seed_rotation_batches(AS_OF) == len(PLANS)
