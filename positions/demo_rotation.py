"""Demo rotation batches (usulan mutasi) on top of the demo registry.

Five batches, each walked through the same services the pages use, so the demo shows
what the office would really have: two executed batches in the past year, one decreed
batch waiting for next month's TMT (its people see it on their timelines), one large batch in review (up to 50 moves, the page the benchmark opens),
and one draft holding a deliberate chain and a swap.

Moves are swaps between two pelaksana of the same kind and level in different fields,
so every batch keeps each position within its needs and widens experience. Any pair
the validator still objects to (a rank, a pending move) is dropped before submission.

Idempotent: nothing is written when the demo batches exist. Deterministic: the pairs
come from a seeded random order over ids, and every date counts from `as_of`.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from positions import services
from positions.decree import suggest_decree_number
from positions.demo import ROOT_CODE, SEED, add_months
from positions.models import (
    BatchTransition,
    Move,
    OrgUnit,
    Placement,
    Position,
    PositionKind,
    RotationBatch,
)
from positions.querysets import RetirementDate
from positions.rotation import validate_batch

REASON = "Penyegaran dan perluasan pengalaman kerja lintas bidang"
ACKNOWLEDGED = "Kebutuhan organisasi; disetujui pimpinan OPD"
SIGNATORY = "WALI KOTA SAWAHLUNTO"
REVIEW_MOVES = 50


@dataclass(frozen=True)
class Plan:
    title: str
    months: int  # TMT = as_of + months
    pairs: int
    until: str  # the status the batch is walked to


PLANS = (
    Plan("Gerbong mutasi pelaksana I (demo)", -12, 4, "EXECUTED"),
    Plan("Gerbong mutasi pelaksana II (demo)", -6, 3, "EXECUTED"),
    Plan("Gerbong mutasi bulan depan (demo)", 1, 3, "DECREED"),
    Plan("Gerbong mutasi besar dalam telaah (demo)", 2, REVIEW_MOVES // 2, "SUBMITTED"),
    Plan("Draf rotasi dengan rantai dan tukar (demo)", 3, 1, "DRAFT"),
)
TITLES = [plan.title for plan in PLANS]


@dataclass(frozen=True)
class Seat:
    employee_id: int
    position_id: int
    field: str
    key: tuple[str, str, str]  # kind, level, eselon: the rank rules a seat carries
    unit_path: str


def demo_batches():
    return RotationBatch.objects.filter(title__in=TITLES)


def clear_rotation_batches() -> None:
    """Remove the demo batches (a registry rebuild deletes the people they move)."""
    with transaction.atomic():
        batches = demo_batches()
        Move.objects.filter(batch__in=batches).delete()
        batches.delete()


def seed_rotation_batches(as_of: date | None = None) -> int:
    """Create the demo batches unless they exist; return how many demo batches exist."""
    existing = demo_batches().count()
    if existing:
        return existing
    users = {u.username: u for u in get_user_model().objects.all()}
    hr, reviewer, ppk = (users.get(n) for n in ("bkpsdm", "tpk", "walikota"))
    root = OrgUnit.objects.filter(code=ROOT_CODE).first()
    if None in (hr, reviewer, ppk, root):
        return 0
    as_of = as_of or timezone.localdate().replace(day=1)
    oldest = add_months(as_of, min(plan.months for plan in PLANS))
    seats = _candidate_seats(root, since=oldest, as_of=as_of)
    rng = random.Random(SEED)
    rng.shuffle(seats)
    pool = _Pool(seats)
    people = {"hr": hr, "reviewer": reviewer, "ppk": ppk}
    decree_sequence = 100
    # Smallest first: the large batch in review takes whatever the pool has left.
    for plan in sorted(PLANS, key=lambda p: p.pairs):
        tmt = add_months(as_of, plan.months)
        batch = RotationBatch.objects.create(
            title=plan.title, effective_date=tmt, created_by=hr
        )
        if plan.until == "DRAFT":
            _chain_and_swap(batch, pool)
            if not batch.moves.exists():
                batch.delete()
            continue
        # A refused pair is dropped, so top up until the plan's size (or the pool) is met.
        for _round in range(3):
            missing = plan.pairs - batch.moves.count() // 2
            if missing <= 0:
                break
            _add_pairs(batch, pool, missing)
            _settle(batch)
        if not batch.moves.exists():
            batch.delete()  # a registry too small to staff this batch
            continue
        decree_sequence += 1
        _walk(batch, plan.until, people, decree_sequence)
    return demo_batches().count()


def _candidate_seats(root: OrgUnit, *, since: date, as_of: date) -> list[Seat]:
    """Pelaksana in post before the oldest TMT and not near retirement. Those under
    the two-year minimum on a batch's TMT get the warning acknowledged, as HR would."""
    rows = (
        Placement.objects.definitive()
        .filter(
            end_date__isnull=True,
            start_date__lt=since,
            position__unit__path__startswith=root.path,
            position__kind=PositionKind.PELAKSANA,
            employee__is_active=True,
            # The demo logins keep their posts: `atasan` supervises `pegawai`.
            employee__user__isnull=True,
        )
        .annotate(
            retires=RetirementDate(
                "employee__birth_date", "position__retirement_rule__age"
            )
        )
        .filter(retires__gt=add_months(as_of, 36))
        .values_list(
            "employee_id",
            "position_id",
            "position__field",
            "position__kind",
            "position__level",
            "position__eselon",
            "position__unit__path",
        )
        .order_by("employee_id")
    )
    return [
        Seat(employee, position, fld, (kind, level, eselon), path)
        for employee, position, fld, kind, level, eselon, path in rows
    ]


class _Pool:
    """Seats not yet used by a demo batch; each person moves once across all batches."""

    def __init__(self, seats: list[Seat]) -> None:
        self.seats = seats
        self.used: set[int] = set()
        self.used_positions: set[int] = set()

    def take(self, seat: Seat) -> None:
        self.used.add(seat.employee_id)
        self.used_positions.add(seat.position_id)

    def free(self, *, where=lambda seat: True):
        return (
            s
            for s in self.seats
            if s.employee_id not in self.used
            and s.position_id not in self.used_positions
            and where(s)
        )

    def pairs(self, count: int):
        """Swaps between two fields of the same kind/level, up to `count`."""
        by_key: dict[tuple, list[Seat]] = defaultdict(list)
        for seat in self.free():
            by_key[seat.key].append(seat)
        made = 0
        for seats in by_key.values():
            for a in seats:
                if made >= count:
                    return
                if a.employee_id in self.used or a.position_id in self.used_positions:
                    continue
                b = next(
                    (
                        s
                        for s in seats
                        if s.field != a.field
                        and s.employee_id not in self.used
                        and s.position_id not in self.used_positions
                        and s.position_id != a.position_id
                    ),
                    None,
                )
                if b is None:
                    continue
                self.take(a)
                self.take(b)
                made += 1
                yield a, b


def _swap(batch: RotationBatch, a: Seat, b: Seat) -> None:
    for seat, target in ((a, b.position_id), (b, a.position_id)):
        Move.objects.create(
            batch=batch,
            employee_id=seat.employee_id,
            from_position_id=seat.position_id,
            to_position_id=target,
            kind=Move.Kind.ROTASI,
            reason=REASON,
        )


def _add_pairs(batch: RotationBatch, pool: _Pool, count: int) -> None:
    for a, b in pool.pairs(max(count, 0)):
        _swap(batch, a, b)


def _chain_and_swap(batch: RotationBatch, pool: _Pool) -> None:
    """X takes Y's seat, Y takes a vacant seat (a chain that is only valid as a
    whole), and two others trade places (a swap)."""
    today = batch.effective_date
    vacant = list(
        Position.objects.filter(
            kind=PositionKind.PELAKSANA,
            is_active=True,
            unit__path__startswith=OrgUnit.objects.get(code=ROOT_CODE).path,
        )
        .with_incumbents(today)
        .exclude(pk__in=pool.used_positions)
        .values_list("pk", "needs", "incumbents", "level", "eselon")
        .order_by("pk")
    )
    open_seats = {
        (PositionKind.PELAKSANA, level, eselon): pk
        for pk, needs, incumbents, level, eselon in reversed(vacant)
        if incumbents < needs
    }
    for x, y in pool.pairs(10):
        target = open_seats.get(x.key)
        if target is None or target in (x.position_id, y.position_id):
            continue
        Move.objects.create(
            batch=batch,
            employee_id=x.employee_id,
            from_position_id=x.position_id,
            to_position_id=y.position_id,
            kind=Move.Kind.ROTASI,
            reason="Rantai: menggantikan pejabat yang pindah dalam usulan ini",
        )
        Move.objects.create(
            batch=batch,
            employee_id=y.employee_id,
            from_position_id=y.position_id,
            to_position_id=target,
            kind=Move.Kind.ROTASI,
            reason="Rantai: mengisi formasi yang kosong",
        )
        break
    _add_pairs(batch, pool, 1)


def _settle(batch: RotationBatch) -> None:
    """Drop any pair the validator refuses, then acknowledge the remaining warnings."""
    for _attempt in range(3):
        report = validate_batch(batch)
        refused = {r.move.employee_id for r in report.moves if r.errors}
        if not refused:
            break
        # The other half of a refused swap would leave a seat double-booked.
        left = Move.objects.filter(batch=batch, employee_id__in=refused)
        partners = set(
            Move.objects.filter(
                batch=batch, to_position__in=left.values("from_position")
            ).values_list("employee_id", flat=True)
        )
        Move.objects.filter(batch=batch, employee_id__in=refused | partners).delete()
    report = validate_batch(batch)
    warned = [r.move.pk for r in report.moves if r.warnings]
    Move.objects.filter(pk__in=warned).update(acknowledged_reason=ACKNOWLEDGED)


def _walk(batch: RotationBatch, until: str, people: dict, sequence: int) -> None:
    tmt = batch.effective_date
    steps = [
        ("submit", "hr", {}, -40),
        (
            "recommend",
            "reviewer",
            {"minutes_number": f"BA/{sequence}/TPK/{tmt.year}", "minutes_date": None},
            -30,
        ),
        ("approve", "ppk", {}, -25),
        ("decree", "hr", {"decree_signatory": SIGNATORY}, -20),
    ]
    for action, who, fields, offset in steps:
        if batch.status == until:
            break
        day = tmt + timedelta(days=offset)
        if "minutes_number" in fields:
            fields["minutes_date"] = day
            fields["recommendations"] = dict.fromkeys(
                batch.moves.values_list("pk", flat=True), Move.Recommendation.AGREE
            )
        if action == "decree":
            batch.decree_date = day
            fields["decree_date"] = day
            fields["decree_number"] = suggest_decree_number(batch, sequence)
        batch = services.transition_batch(batch, action, actor=people[who], **fields)
        _backdate(batch, action, day)
    if until == "EXECUTED":
        batch = services.execute_rotation_batch(batch, actor=people["hr"])
        _backdate(batch, "execute", batch.effective_date)
        RotationBatch.objects.filter(pk=batch.pk).update(
            executed_at=_at(batch.effective_date)
        )


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def _backdate(batch: RotationBatch, action: str, day: date) -> None:
    """Steps of a past batch happened before its TMT, not when the demo was seeded."""
    day = min(day, timezone.localdate())
    BatchTransition.objects.filter(batch=batch, action=action).update(at=_at(day))
