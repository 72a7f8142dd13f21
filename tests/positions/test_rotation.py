from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from positions import rotation, services
from positions.models import BlockedWindow, Move, RotationBatch
from tests.accounts.factories import UserFactory
from tests.helpers import count_queries
from tests.positions.factories import (
    EmployeeFactory,
    PlacementFactory,
    PositionFactory,
    rank,
)

pytestmark = pytest.mark.django_db

DAY = date(2025, 7, 1)


def person(**kwargs):
    kwargs.setdefault("birth_date", date(1985, 5, 10))
    return EmployeeFactory(**kwargs)


def holder(position, start=date(2020, 1, 1), **kwargs):
    """An employee holding `position` definitively since `start`."""
    employee = person(**kwargs)
    PlacementFactory(employee=employee, position=position, start_date=start)
    return employee


def make_batch(day=DAY, status="DRAFT", title="Rotasi Juli"):
    return RotationBatch.objects.create(
        title=title, effective_date=day, status=status, created_by=UserFactory()
    )


def move(batch, employee, from_position, to_position, kind="ROTASI", **kwargs):
    return Move.objects.create(
        batch=batch,
        employee=employee,
        from_position=from_position,
        to_position=to_position,
        kind=kind,
        reason="Penyegaran organisasi",
        **kwargs,
    )


def codes(batch) -> list[set[str]]:
    return [m.codes() for m in rotation.validate_batch(batch).moves]


def one_move(employee, from_position, to_position, day=DAY) -> set[str]:
    batch = make_batch(day)
    move(batch, employee, from_position, to_position)
    return codes(batch)[0]


# ---------------------------------------------------------------- capacity


def test_a_clean_move_has_no_finding():
    source, target = PositionFactory(), PositionFactory(needs=1)
    batch = make_batch()
    move(batch, holder(source), source, target)
    report = rotation.validate_batch(batch)
    assert report.moves[0].findings == []
    assert report.can_proceed


def test_a_full_target_is_an_error_and_the_last_free_seat_is_not():
    source, target = PositionFactory(), PositionFactory(needs=1)
    holder(target)
    batch = make_batch()
    move(batch, holder(source), source, target)
    report = rotation.validate_batch(batch)
    assert report.moves[0].codes() == {"over_capacity"}
    assert "melebihi kebutuhan 1 orang" in report.moves[0].errors[0].message
    assert report.has_errors
    assert not report.can_proceed

    target.needs = 2
    target.save()
    assert codes(batch) == [set()]


def test_a_seat_freed_before_the_effective_date_counts_as_free():
    source, target = PositionFactory(), PositionFactory(needs=1)
    leaver = holder(target)
    services.end_placement(leaver.placements.get(), DAY - timedelta(days=1))
    assert one_move(holder(source), source, target) == set()


def test_a_swap_between_two_full_positions_is_accepted():
    first, second = PositionFactory(needs=1), PositionFactory(needs=1)
    a, b = holder(first), holder(second)
    batch = make_batch()
    move(batch, a, first, second)
    move(batch, b, second, first)
    assert codes(batch) == [set(), set()]


def test_a_chain_through_full_positions_is_accepted():
    p1, p2, p3 = (PositionFactory(needs=1) for _ in range(3))
    a, b, c = holder(p1), holder(p2), holder(p3)
    batch = make_batch()
    move(batch, a, p1, p2)
    move(batch, b, p2, p3)
    move(batch, c, p3, p1)
    assert codes(batch) == [set(), set(), set()]


def test_a_broken_chain_flags_only_the_move_into_the_full_seat():
    p1, p2, p3 = (PositionFactory(needs=1) for _ in range(3))
    a, b = holder(p1), holder(p2)
    holder(p3)  # stays: p3 is still full when b arrives
    batch = make_batch()
    move(batch, a, p1, p2)
    move(batch, b, p2, p3)
    assert codes(batch) == [set(), {"over_capacity"}]


def test_mutasi_masuk_takes_a_seat_and_mutasi_keluar_frees_one():
    target = PositionFactory(needs=1)
    leaving = holder(target)
    newcomer = person()
    batch = make_batch()
    move(batch, newcomer, None, target, kind="MUTASI_MASUK")
    assert codes(batch) == [{"over_capacity"}]
    move(batch, leaving, target, None, kind="MUTASI_KELUAR")
    report = rotation.validate_batch(batch)
    assert [m.codes() for m in report.moves] == [set(), set()]
    assert report.moves[1].widens_experience is False


# ---------------------------------------------------------------- batch rules


def test_the_same_employee_twice_is_refused_by_the_database_and_the_validator():
    p1, p2, p3 = PositionFactory(), PositionFactory(), PositionFactory()
    employee = holder(p1)
    batch = make_batch()
    move(batch, employee, p1, p2)
    second = Move(
        batch=batch,
        employee=employee,
        from_position=p1,
        to_position=p3,
        kind="ROTASI",
        reason="x",
    )
    with pytest.raises(ValidationError, match="sudah ada dalam usulan yang sama"):
        second.validate_constraints()
    with transaction.atomic(), pytest.raises(IntegrityError):
        second.save()
    # A form previewing unsaved moves gets the same answer from the validator.
    first = Move(
        batch=batch, employee=employee, from_position=p1, to_position=p2, kind="ROTASI"
    )
    report = rotation.validate_batch(batch, moves=[first, second])
    assert [m.codes() for m in report.moves] == [{"duplicate_employee"}] * 2


@pytest.mark.parametrize(
    ("status", "refused"),
    [
        ("APPROVED", True),
        ("DECREED", True),
        ("DRAFT", False),
        ("SUBMITTED", False),
        ("REJECTED", False),
        ("EXECUTED", False),  # already carried out: it is in the placements
    ],
)
def test_an_employee_moved_by_another_approved_batch_is_an_error(status, refused):
    p1, p2, p3 = PositionFactory(), PositionFactory(), PositionFactory()
    employee = holder(p1)
    other = make_batch(DAY + timedelta(days=30), status=status, title="Rotasi Agustus")
    move(other, employee, p1, p3)
    batch = make_batch()
    move(batch, employee, p1, p2)
    report = rotation.validate_batch(batch).moves[0]
    assert report.codes() == ({"pending_elsewhere"} if refused else set())
    if refused:
        assert "Rotasi Agustus (efektif 31-07-2025)" in report.errors[0].message


def test_a_from_position_not_held_on_the_effective_date_is_an_error():
    p1, p2, p3 = PositionFactory(), PositionFactory(), PositionFactory()
    assert one_move(holder(p1), p2, p3) == {"not_in_from_position"}


# ---------------------------------------------------------------- time rules


@pytest.mark.parametrize(
    ("start", "warned"),
    [
        (date(2023, 7, 2), True),  # 2 years minus a day
        (date(2023, 7, 1), False),  # 2 years exactly
    ],
)
def test_minimum_years_in_post(start, warned):
    source, target = PositionFactory(), PositionFactory()
    found = one_move(holder(source, start=start), source, target)
    assert found == ({"min_years"} if warned else set())


def test_minimum_years_follow_the_setting(settings):
    settings.ROTATION_MIN_YEARS = 3
    source, target = PositionFactory(), PositionFactory()
    assert one_move(holder(source, start=date(2022, 7, 2)), source, target) == {
        "min_years"
    }


@pytest.mark.parametrize(
    ("start", "warned"),
    [
        (date(2023, 7, 2), True),  # 2 years minus a day
        (date(2023, 7, 1), False),  # 2 years exactly
    ],
)
def test_a_jpt_inside_its_protected_period_warns(settings, start, warned):
    settings.ROTATION_MIN_YEARS = 1  # isolate the JPT rule from the 2-year rule
    jpt = PositionFactory(kind="JPT_PRATAMA", eselon="II.b", needs=1)
    target = PositionFactory()
    found = one_move(holder(jpt, start=start), jpt, target)
    assert found == ({"jpt_protected"} if warned else set())


def test_a_non_jpt_post_has_no_protected_period(settings):
    settings.ROTATION_MIN_YEARS = 1
    source = PositionFactory(kind="ADMINISTRATOR", eselon="III.b")
    found = one_move(holder(source, start=date(2024, 1, 1)), source, PositionFactory())
    assert found == set()


@pytest.mark.parametrize(
    ("start", "end", "warned"),
    [
        (DAY, DAY + timedelta(days=180), True),  # first day of the window
        (DAY - timedelta(days=180), DAY, True),  # last day of the window
        (DAY + timedelta(days=1), DAY + timedelta(days=180), False),
        (DAY - timedelta(days=180), DAY - timedelta(days=1), False),
    ],
)
def test_a_blocked_window_warns(start, end, warned):
    BlockedWindow.objects.create(
        label="Wali Kota baru dilantik",
        kind="WALI_KOTA_BARU",
        start_date=start,
        end_date=end,
    )
    source, target = PositionFactory(), PositionFactory()
    found = one_move(holder(source), source, target)
    assert found == ({"blocked_window"} if warned else set())


# Born 15-06-1967, a pelaksana (58) retires TMT 01-07-2025.
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 7, 2), {"retired"}),
        (date(2025, 7, 1), {"retired"}),  # retires on the effective date
        (date(2025, 6, 30), {"retiring_soon"}),
        (date(2024, 7, 1), {"retiring_soon"}),  # exactly a year before
        (date(2024, 6, 30), set()),  # a year and a day before
    ],
)
def test_retirement_against_the_effective_date(day, expected):
    source, target = PositionFactory(), PositionFactory()
    employee = holder(source, start=date(2015, 1, 1), birth_date=date(1967, 6, 15))
    assert one_move(employee, source, target, day=day) == expected


def test_retirement_uses_the_current_position_rule_not_the_target():
    # An Ahli Madya retires at 60: born 15-06-1967 he retires TMT 01-07-2027.
    source = PositionFactory(kind="FUNGSIONAL", level="AHLI_MADYA")
    employee = holder(source, start=date(2015, 1, 1), birth_date=date(1967, 6, 15))
    services.record_rank(employee, rank("IV_A"), date(2015, 4, 1))
    assert one_move(employee, source, PositionFactory()) == set()


def test_mutasi_masuk_uses_the_target_position_rule():
    target = PositionFactory()
    newcomer = person(birth_date=date(1967, 6, 15))
    batch = make_batch()
    move(batch, newcomer, None, target, kind="MUTASI_MASUK")
    assert codes(batch) == [{"retired"}]


# ---------------------------------------------------------------- rank ranges


@pytest.mark.parametrize(
    ("grade", "allowed"),
    [("III_B", False), ("III_C", True), ("III_D", True), ("IV_A", False)],
)
def test_rank_range_of_an_eselon_iv_a_post(grade, allowed):
    source = PositionFactory()
    target = PositionFactory(kind="PENGAWAS", eselon="IV.a")
    employee = holder(source)
    services.record_rank(employee, rank(grade), date(2020, 4, 1))
    found = one_move(employee, source, target)
    assert found == (set() if allowed else {"rank_out_of_range"})


@pytest.mark.parametrize(
    ("grade", "allowed"),
    [("III_D", False), ("IV_A", True), ("IV_C", True), ("IV_D", False)],
)
def test_rank_range_of_an_ahli_madya(grade, allowed):
    source = PositionFactory()
    target = PositionFactory(kind="FUNGSIONAL", level="AHLI_MADYA")
    employee = holder(source)
    services.record_rank(employee, rank(grade), date(2020, 4, 1))
    found = one_move(employee, source, target)
    assert found == (set() if allowed else {"rank_out_of_range"})


@pytest.mark.parametrize(("grade", "allowed"), [("PPPK_X", False), ("PPPK_XI", True)])
def test_pppk_golongan_map_one_to_one_onto_pns_ranks(grade, allowed):
    source = PositionFactory()
    target = PositionFactory(kind="FUNGSIONAL", level="AHLI_MUDA")  # III/c - III/d
    employee = holder(source, status="PPPK")
    services.record_rank(employee, rank(grade), date(2020, 4, 1))
    found = one_move(employee, source, target)
    assert found == (set() if allowed else {"rank_out_of_range"})


def test_a_pelaksana_post_accepts_any_rank():
    source, target = PositionFactory(), PositionFactory(kind="PELAKSANA")
    employee = holder(source)
    services.record_rank(employee, rank("IV_E"), date(2020, 4, 1))
    assert one_move(employee, source, target) == set()


def test_the_rank_message_names_the_range():
    source = PositionFactory()
    target = PositionFactory(kind="ADMINISTRATOR", eselon="III.b", title="Kabid Uji")
    employee = holder(source)
    services.record_rank(employee, rank("III_A"), date(2020, 4, 1))
    batch = make_batch()
    move(batch, employee, source, target)
    message = rotation.validate_batch(batch).moves[0].errors[0].message
    assert "(III/a) di luar rentang jabatan Kabid Uji: III/d sampai IV/a" in message


# ---------------------------------------------------------------- experience


def test_widens_experience_counts_every_field_held_acting_included():
    old = PositionFactory(field="KEUANGAN")
    current = PositionFactory(field="UMUM")
    acting = PositionFactory(field="HUKUM")
    employee = holder(old, start=date(2015, 1, 1))
    PlacementFactory(employee=employee, position=current, start_date=date(2019, 1, 1))
    PlacementFactory(
        employee=employee, position=acting, start_date=date(2021, 1, 1), kind="PLT"
    )
    batch = make_batch()
    move(batch, employee, current, PositionFactory(field="KEUANGAN"))
    assert rotation.validate_batch(batch).moves[0].widens_experience is False
    Move.objects.filter(batch=batch).update(to_position=PositionFactory(field="HUKUM"))
    assert rotation.validate_batch(batch).moves[0].widens_experience is False
    Move.objects.filter(batch=batch).update(
        to_position=PositionFactory(field="KESEHATAN")
    )
    assert rotation.validate_batch(batch).moves[0].widens_experience is True


# ---------------------------------------------------------------- acknowledgement


def test_warnings_hold_the_batch_until_acknowledged_with_a_reason():
    source, target = PositionFactory(), PositionFactory()
    batch = make_batch()
    m = move(batch, holder(source, start=date(2024, 1, 1)), source, target)
    report = rotation.validate_batch(batch)
    assert not report.has_errors
    assert report.moves[0].needs_acknowledgement
    assert not report.can_proceed
    m.acknowledged_reason = "Kebutuhan mendesak di unit tujuan"
    m.save()
    assert rotation.validate_batch(batch).can_proceed


# ---------------------------------------------------------------- cost


def test_validation_costs_the_same_for_two_moves_and_twenty():
    BlockedWindow.objects.create(
        label="Pilkada", kind="PILKADA", start_date=DAY, end_date=DAY
    )
    batch = make_batch()
    other = make_batch(status="APPROVED", title="Lain")

    def add(n):
        for _ in range(n):
            source = PositionFactory(kind="PENGAWAS", eselon="IV.a")
            employee = holder(source, start=date(2024, 1, 1))
            services.record_rank(employee, rank("III_C"), date(2020, 4, 1))
            move(batch, employee, source, PositionFactory(needs=1))
            move(other, employee, source, PositionFactory())

    def run():
        report = rotation.validate_batch(batch)
        for m in report.moves:  # everything the page will show is loaded
            str(m.move.employee), m.move.to_position.title, m.codes()

    add(2)
    few = count_queries(run)
    add(18)
    assert count_queries(run) == few == 7
    assert len(rotation.validate_batch(batch).moves) == 20


# ---------------------------------------------------------------- constraints


@pytest.mark.parametrize(
    ("kind", "has_from", "has_to"),
    [
        ("ROTASI", True, False),
        ("PROMOSI", False, True),
        ("DEMOSI", False, False),
        ("MUTASI_KELUAR", True, True),
        ("MUTASI_MASUK", True, True),
    ],
)
def test_positions_must_follow_the_kind(kind, has_from, has_to):
    batch = make_batch()
    p1, p2 = PositionFactory(), PositionFactory()
    bad = Move(
        batch=batch,
        employee=person(),
        from_position=p1 if has_from else None,
        to_position=p2 if has_to else None,
        kind=kind,
        reason="x",
    )
    with pytest.raises(ValidationError, match="mutasi masuk hanya jabatan tujuan"):
        bad.validate_constraints()
    with transaction.atomic(), pytest.raises(IntegrityError):
        bad.save()


def test_a_move_cannot_go_to_its_own_position():
    position = PositionFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        move(make_batch(), person(), position, position)


def test_a_blocked_window_cannot_end_before_it_starts():
    window = BlockedWindow(
        label="Salah", kind="PILKADA", start_date=DAY, end_date=DAY - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="tidak boleh sebelum tanggal mulai"):
        window.validate_constraints()
    with transaction.atomic(), pytest.raises(IntegrityError):
        window.save()
    window.end_date = DAY
    window.save()


def test_batches_are_visible_to_hr_only(hr_officer, employee, supervisor):
    batch = make_batch()
    assert list(RotationBatch.objects.visible_to(hr_officer)) == [batch]
    assert not RotationBatch.objects.visible_to(employee).exists()
    assert not RotationBatch.objects.visible_to(supervisor).exists()


def test_new_batches_start_as_drafts_and_are_audited():
    from sawahlunto_asn.lib.audit import is_audited

    batch = RotationBatch.objects.create(
        title="Rotasi", effective_date=DAY, created_by=UserFactory()
    )
    assert batch.get_status_display() == "Draf"
    assert all(is_audited(m) for m in (RotationBatch, Move, BlockedWindow))
