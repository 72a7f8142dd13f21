"""The approval path and the execution of rotation batches."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from positions import services
from positions.models import BatchTransition, Move, Placement, RotationBatch
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.helpers import count_queries
from tests.positions.factories import EmployeeFactory, PlacementFactory, PositionFactory

pytestmark = pytest.mark.django_db
TMT = date(2025, 7, 1)


@pytest.fixture
def people(role_groups):
    return {
        "hr": UserFactory(role=roles.HR),
        "reviewer": UserFactory(role=roles.REVIEWER),
        "ppk": UserFactory(role=roles.PPK),
        "employee": UserFactory(role=roles.EMPLOYEE),
    }


def holder(position, start=date(2020, 1, 1)):
    employee = EmployeeFactory(birth_date=date(1985, 5, 10))
    PlacementFactory(employee=employee, position=position, start_date=start)
    return employee


def swap_batch(user, status="DRAFT", day=TMT):
    """Two people swapping two full one-seat posts."""
    a, b = PositionFactory(needs=1), PositionFactory(needs=1)
    x, y = holder(a), holder(b)
    batch = RotationBatch.objects.create(
        title="Gerbong Juli", effective_date=day, status=status, created_by=user
    )
    Move.objects.create(
        batch=batch,
        employee=x,
        from_position=a,
        to_position=b,
        kind="ROTASI",
        reason="Penyegaran",
    )
    Move.objects.create(
        batch=batch,
        employee=y,
        from_position=b,
        to_position=a,
        kind="ROTASI",
        reason="Penyegaran",
    )
    return batch, (a, b), (x, y)


def walk(batch, people, until="DECREED"):
    steps = [
        ("submit", "hr", {}),
        (
            "recommend",
            "reviewer",
            {"minutes_number": "BA/01/TPK/2025", "minutes_date": date(2025, 6, 10)},
        ),
        ("approve", "ppk", {}),
        (
            "decree",
            "hr",
            {
                "decree_number": "821.2/45/BKPSDM-SWL/2025",
                "decree_date": date(2025, 6, 20),
                "decree_signatory": "Wali Kota Sawahlunto",
            },
        ),
    ]
    agree = dict.fromkeys(batch.moves.values_list("pk", flat=True), "SETUJU")
    for action, who, fields in steps:
        if action == "recommend":
            fields = {**fields, "recommendations": agree}
        batch = services.transition_batch(batch, action, actor=people[who], **fields)
        if batch.status == until:
            break
    return batch


def test_the_full_path_records_every_step(people):
    batch, _, _ = swap_batch(people["hr"])
    batch = walk(batch, people)
    assert batch.status == "DECREED"
    steps = list(
        BatchTransition.objects.filter(batch=batch).values_list("action", "actor")
    )
    assert steps == [
        ("submit", people["hr"].pk),
        ("recommend", people["reviewer"].pk),
        ("approve", people["ppk"].pk),
        ("decree", people["hr"].pk),
    ]
    assert batch.decree_number == "821.2/45/BKPSDM-SWL/2025"


@pytest.mark.parametrize(
    ("status", "action", "allowed"),
    [
        ("DRAFT", "submit", {"hr"}),
        ("RETURNED", "submit", {"hr"}),
        ("SUBMITTED", "recommend", {"reviewer"}),
        ("SUBMITTED", "return", {"reviewer"}),
        ("RECOMMENDED", "approve", {"ppk"}),
        ("RECOMMENDED", "reject", {"ppk"}),
        ("APPROVED", "decree", {"hr"}),
        ("DECREED", "execute", {"hr"}),
    ],
)
def test_only_the_right_role_may_take_each_step(people, status, action, allowed):
    batch = RotationBatch(title="x", effective_date=TMT, status=status)
    for who in ("hr", "reviewer", "ppk", "employee"):
        assert batch.can(action, people[who]) == (who in allowed), (who, action)


@pytest.mark.parametrize("action", ["approve", "decree", "recommend", "execute"])
def test_a_draft_cannot_skip_ahead(people, action):
    batch = RotationBatch(title="x", effective_date=TMT, status="DRAFT")
    assert not any(batch.can(action, people[w]) for w in ("hr", "reviewer", "ppk"))


def test_wrong_role_is_refused_and_nothing_changes(people):
    batch, _, _ = swap_batch(people["hr"], status="SUBMITTED")
    with pytest.raises(services.RotationError, match="tidak dapat dilakukan"):
        services.transition_batch(
            batch, "recommend", actor=people["hr"], minutes_number="x", minutes_date=TMT
        )
    batch.refresh_from_db()
    assert batch.status == "SUBMITTED"
    assert not BatchTransition.objects.exists()


def test_return_needs_a_reason_and_makes_the_batch_editable_again(people):
    batch, _, _ = swap_batch(people["hr"], status="SUBMITTED")
    assert not batch.is_editable
    with pytest.raises(services.RotationError, match="alasan"):
        services.transition_batch(batch, "return", actor=people["reviewer"])
    batch = services.transition_batch(
        batch, "return", actor=people["reviewer"], comment="Lengkapi alasan pindah"
    )
    assert batch.status == "RETURNED"
    assert batch.is_editable


def test_recommending_needs_the_tims_view_of_every_move(people):
    batch, _, (x, y) = swap_batch(people["hr"], status="SUBMITTED")
    first, second = batch.moves.order_by("pk")
    minutes = {"minutes_number": "BA/01/TPK/2025", "minutes_date": date(2025, 6, 10)}
    with pytest.raises(services.RotationError, match="1 belum diisi"):
        services.transition_batch(
            batch,
            "recommend",
            actor=people["reviewer"],
            recommendations={first.pk: "SETUJU", second.pk: ""},
            **minutes,
        )
    assert RotationBatch.objects.get(pk=batch.pk).status == "SUBMITTED"
    assert set(batch.moves.values_list("recommendation", flat=True)) == {""}

    batch = services.transition_batch(
        batch,
        "recommend",
        actor=people["reviewer"],
        recommendations={first.pk: "SETUJU", second.pk: "TIDAK"},
        **minutes,
    )
    assert batch.status == "RECOMMENDED"
    assert dict(batch.moves.values_list("employee", "recommendation")) == {
        x.pk: "SETUJU",
        y.pk: "TIDAK",
    }


def test_a_return_marks_the_moves_to_rework_and_a_resubmission_clears_them(people):
    batch, _, (x, _y) = swap_batch(people["hr"], status="SUBMITTED")
    first = batch.moves.get(employee=x)
    batch = services.transition_batch(
        batch,
        "return",
        actor=people["reviewer"],
        comment="Alasan pindah belum jelas",
        recommendations={first.pk: "TIDAK", 10**9: "SETUJU"},  # a stray id is ignored
    )
    assert batch.status == "RETURNED"
    assert list(
        batch.moves.exclude(recommendation="").values_list("pk", flat=True)
    ) == [first.pk]
    services.transition_batch(batch, "submit", actor=people["hr"])
    assert set(batch.moves.values_list("recommendation", flat=True)) == {""}


def test_steps_need_their_documents(people, settings):
    batch, _, _ = swap_batch(people["hr"], status="SUBMITTED")
    with pytest.raises(services.RotationError, match="berita acara"):
        services.transition_batch(batch, "recommend", actor=people["reviewer"])
    batch = RotationBatch.objects.get(pk=batch.pk)
    batch.status = "APPROVED"
    batch.save()
    settings.ROTATION_REQUIRE_PERTEK = True
    with pytest.raises(services.RotationError, match="pertek"):
        services.transition_batch(
            batch,
            "decree",
            actor=people["hr"],
            decree_number="1",
            decree_date=TMT,
            decree_signatory="Wali Kota",
        )


def test_a_batch_with_errors_or_unacknowledged_warnings_cannot_be_submitted(people):
    a = PositionFactory(needs=1)
    x, y = holder(a), holder(PositionFactory(needs=1))
    batch = RotationBatch.objects.create(
        title="x", effective_date=TMT, created_by=people["hr"]
    )
    # y into a full seat that x does not leave: over capacity.
    Move.objects.create(
        batch=batch,
        employee=y,
        from_position=y.placements.get().position,
        to_position=a,
        kind="ROTASI",
        reason="r",
    )
    with pytest.raises(services.RotationError, match="belum dapat diajukan"):
        services.transition_batch(batch, "submit", actor=people["hr"])
    assert x.placements.count() == 1


def test_execution_moves_everyone_at_once_with_the_decree(people):
    batch, (a, b), (x, y) = swap_batch(people["hr"])
    batch = walk(batch, people)
    services.execute_rotation_batch(batch, actor=people["hr"])
    batch.refresh_from_db()
    assert batch.status == "EXECUTED"
    old_x, new_x = x.placements.order_by("start_date")
    assert old_x.end_date == TMT - timedelta(days=1)
    assert (new_x.position, new_x.start_date, new_x.decree_number) == (
        b,
        TMT,
        "821.2/45/BKPSDM-SWL/2025",
    )
    assert y.placements.get(end_date__isnull=True).position == a


def test_executing_twice_is_refused(people):
    batch, _, _ = swap_batch(people["hr"])
    batch = walk(batch, people)
    services.execute_rotation_batch(batch)
    with pytest.raises(services.RotationError, match="sudah dilaksanakan"):
        services.execute_rotation_batch(batch)
    assert Placement.objects.count() == 4


def test_an_invalid_batch_changes_nothing_on_execution(people):
    batch, (_a, b), (_x, y) = swap_batch(people["hr"])
    batch = walk(batch, people)
    # After the SK, someone else takes seat b by another route: the swap no longer fits.
    Placement.objects.filter(employee=y).update(end_date=date(2025, 1, 31))
    PlacementFactory(position=b, start_date=date(2025, 2, 1))
    before = list(Placement.objects.order_by("pk").values_list("pk", "end_date"))
    with pytest.raises(services.RotationError, match="tidak ada yang berubah"):
        services.execute_rotation_batch(batch)
    assert (
        list(Placement.objects.order_by("pk").values_list("pk", "end_date")) == before
    )
    batch.refresh_from_db()
    assert batch.status == "DECREED"


def test_execution_before_the_decree_is_refused(people):
    batch, _, _ = swap_batch(people["hr"], status="APPROVED")
    with pytest.raises(services.RotationError, match="SK harus ditetapkan"):
        services.execute_rotation_batch(batch)


def chain_batch(user, n: int) -> RotationBatch:
    """n people in n full one-seat posts, each moving to the next one (a ring)."""
    posts = [PositionFactory(needs=1) for _ in range(n)]
    staff = [holder(p) for p in posts]
    batch = RotationBatch.objects.create(
        title=f"Rantai {n}",
        effective_date=TMT,
        status="DECREED",
        created_by=user,
        decree_number="SK",
        decree_date=TMT,
    )
    Move.objects.bulk_create(
        Move(
            batch=batch,
            employee=e,
            from_position=posts[i],
            to_position=posts[(i + 1) % n],
            kind="ROTASI",
            reason="r",
        )
        for i, e in enumerate(staff)
    )
    return batch


def test_execution_query_count_does_not_grow_with_the_batch(people):
    small, large = chain_batch(people["hr"], 2), chain_batch(people["hr"], 50)
    few = count_queries(lambda: services.execute_rotation_batch(small))
    many = count_queries(lambda: services.execute_rotation_batch(large))
    assert few == many
    assert Placement.objects.filter(start_date=TMT).count() == 52


def test_the_daily_command_executes_due_batches_only(people):
    due, _, _ = swap_batch(people["hr"], status="DECREED", day=date(2025, 7, 1))
    later, _, _ = swap_batch(people["hr"], status="DECREED", day=date(2099, 1, 1))
    out = StringIO()
    call_command("execute_due_rotation_batches", stdout=out)
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == ("EXECUTED", "DECREED")
    assert "1 batch(es) executed" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_executing_at_once_apply_it_once(role_groups):
    user = UserFactory(role=roles.HR)
    batch = chain_batch(user, 3)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt():
        try:
            barrier.wait(timeout=10)
            services.execute_rotation_batch(batch)
            outcomes.append("ok")
        except services.RotationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert Placement.objects.filter(start_date=TMT).count() == 3
