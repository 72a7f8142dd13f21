"""Demo forum meetings for `seed_demo`: two meetings held with published minutes
and commitments in every state with their history, and one upcoming meeting with
registrations.

Idempotent: meetings are found by their title, and one that exists is left as it
is. Rows are written directly, not through the services, because the history is
dated in the past (the services date it today). Every date counts from `as_of`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from community.models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Meeting,
    MeetingRegistration,
    Responder,
)
from positions.models import OrgUnit
from sawahlunto_asn.accounts.models import User

# The demo registry's service units; any active top-level units stand in when
# the registry was built otherwise.
UNIT_CODES = ("DUKCAPIL", "DKUKMP", "DISHUB")


@dataclass(frozen=True)
class Step:
    days_after: int
    status: str
    progress: int
    note: str


@dataclass(frozen=True)
class PlannedCommitment:
    unit: int  # index into the chosen units
    description: str
    due_in_days: int  # after the meeting
    steps: tuple[Step, ...]
    is_public: bool = True


@dataclass(frozen=True)
class PlannedMeeting:
    title: str
    unit: int | None
    theme: str
    days_from_as_of: int
    place: str
    agenda: str
    capacity: int | None
    registrants: int
    minutes: str = ""
    commitments: tuple[PlannedCommitment, ...] = ()


IP = CommitmentStatus.IN_PROGRESS
MEETINGS = (
    PlannedMeeting(
        title="Forum Diskusi Publik Pelayanan Administrasi Kependudukan",
        unit=0,
        theme="Antrean dan jam layanan KTP-el",
        days_from_as_of=-120,
        place="Aula Kantor Dinas Kependudukan dan Pencatatan Sipil",
        agenda=(
            "1. Pembukaan oleh Kepala Dinas\n"
            "2. Paparan capaian layanan semester lalu\n"
            "3. Tanya jawab dan masukan warga\n"
            "4. Kesepakatan tindak lanjut"
        ),
        capacity=60,
        registrants=8,
        minutes=(
            "Forum dihadiri warga dari empat kecamatan.\n\n"
            "Warga mengeluhkan antrean panjang pada Senin pagi dan meminta layanan "
            "pada hari Sabtu. Warga lanjut usia meminta layanan jemput bola.\n\n"
            "Dinas menyepakati tiga tindak lanjut yang dicatat sebagai komitmen."
        ),
        commitments=(
            PlannedCommitment(
                0,
                "Membuka layanan perekaman KTP-el pada Sabtu pertama setiap bulan.",
                60,
                (
                    Step(10, IP, 30, "Jadwal petugas Sabtu disusun."),
                    Step(40, IP, 70, "Uji coba layanan Sabtu pertama berjalan."),
                    Step(
                        55, CommitmentStatus.DONE, 100, "Layanan Sabtu berjalan rutin."
                    ),
                ),
            ),
            PlannedCommitment(
                0,
                "Layanan jemput bola perekaman KTP-el bagi warga lanjut usia dan "
                "penyandang disabilitas.",
                150,
                (
                    Step(20, IP, 25, "Pendataan warga sasaran bersama kelurahan."),
                    Step(70, IP, 50, "Kunjungan ke dua kecamatan selesai."),
                ),
            ),
            PlannedCommitment(
                0,
                "Sistem antrean daring untuk pengurusan akta.",
                90,
                (
                    Step(
                        30,
                        CommitmentStatus.DROPPED,
                        10,
                        "Digantikan aplikasi antrean nasional yang disediakan "
                        "Kementerian Dalam Negeri.",
                    ),
                ),
            ),
        ),
    ),
    PlannedMeeting(
        title="Forum Diskusi Publik Penataan Pasar dan Transportasi",
        unit=None,
        theme="Pasar Sawahlunto dan angkutan kota",
        days_from_as_of=-45,
        place="Gedung Pusat Kebudayaan Sawahlunto",
        agenda=(
            "1. Pembukaan\n"
            "2. Rencana penataan kios pasar\n"
            "3. Rute dan jadwal angkutan kota\n"
            "4. Diskusi"
        ),
        capacity=None,
        registrants=5,
        minutes=(
            "Pedagang meminta kejelasan jadwal renovasi kios. Warga meminta "
            "jadwal angkutan kota diumumkan di halte.\n\n"
            "Disepakati dua komitmen; satu masih dalam perencanaan."
        ),
        commitments=(
            PlannedCommitment(
                1,
                "Mengumumkan jadwal renovasi kios pasar kepada seluruh pedagang.",
                30,
                (Step(14, IP, 60, "Sosialisasi kepada paguyuban pedagang."),),
            ),
            PlannedCommitment(
                2,
                "Memasang papan jadwal angkutan kota di lima halte utama.",
                120,
                (),
            ),
            PlannedCommitment(
                2,
                "Kajian penambahan armada angkutan sekolah (bahan internal).",
                180,
                (),
                is_public=False,
            ),
        ),
    ),
    PlannedMeeting(
        title="Forum Diskusi Publik Rencana Layanan Perizinan Terpadu",
        unit=None,
        theme="Mal pelayanan publik",
        days_from_as_of=14,
        place="Aula Balai Kota Sawahlunto",
        agenda=(
            "1. Paparan rencana mal pelayanan publik\n"
            "2. Masukan warga dan pelaku usaha\n"
            "3. Penutup"
        ),
        capacity=40,
        registrants=6,
    ),
)


def _units() -> list[OrgUnit]:
    by_code = {u.code: u for u in OrgUnit.objects.filter(code__in=UNIT_CODES)}
    units = [by_code[code] for code in UNIT_CODES if code in by_code]
    if len(units) < len(UNIT_CODES):
        spare = OrgUnit.objects.filter(is_active=True, depth__lte=1).exclude(
            pk__in=[u.pk for u in units]
        )
        units += list(spare.order_by("path")[: len(UNIT_CODES) - len(units)])
    return units


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def seed_meetings(citizens: list[User], *, as_of: date) -> int:
    """Create the missing demo meetings; returns how many were created."""
    units = _units()
    if not units:
        return 0
    hr = User.objects.filter(username="bkpsdm").first()
    existing = set(
        Meeting.objects.filter(title__in=[m.title for m in MEETINGS]).values_list(
            "title", flat=True
        )
    )
    created = 0
    for plan in MEETINGS:
        if plan.title in existing:
            continue
        _seed_meeting(plan, units, citizens, hr, as_of)
        created += 1
    return created


def _seed_meeting(plan, units, citizens, hr, as_of: date) -> None:
    day = as_of + timedelta(days=plan.days_from_as_of)
    held = plan.days_from_as_of < 0
    unit = units[plan.unit % len(units)] if plan.unit is not None else None
    meeting = Meeting.objects.create(
        title=plan.title,
        unit=unit,
        theme=plan.theme,
        starts_at=_at(day, 9),
        ends_at=_at(day, 12),
        place=plan.place,
        agenda=plan.agenda,
        capacity=plan.capacity,
        registration_open=not held,
        status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
        minutes=plan.minutes if held else "",
        minutes_published_at=_at(day + timedelta(days=3), 10) if held else None,
        created_by=hr,
    )
    MeetingRegistration.objects.bulk_create(
        MeetingRegistration(meeting=meeting, user=citizen, attended=held and i % 4 != 3)
        for i, citizen in enumerate(citizens[: plan.registrants])
    )
    for planned in plan.commitments:
        _seed_commitment(meeting, planned, units, hr, day, as_of)


def _seed_commitment(meeting, planned, units, hr, day: date, as_of: date) -> None:
    unit = units[planned.unit % len(units)]
    responder = (
        Responder.objects.filter(unit=unit, is_active=True)
        .select_related("user")
        .first()
    )
    by = responder.user if responder else hr
    steps = [s for s in planned.steps if day + timedelta(days=s.days_after) <= as_of]
    last = steps[-1] if steps else Step(0, CommitmentStatus.PLANNED, 0, "")
    commitment = Commitment.objects.create(
        meeting=meeting,
        description=planned.description,
        unit=unit,
        due_date=day + timedelta(days=planned.due_in_days),
        status=last.status,
        progress=last.progress,
        is_public=planned.is_public,
        created_by=hr,
    )
    recorded = _at(day + timedelta(days=3), 10)
    # The history starts when the minutes came out, not when the seed ran.
    Commitment.objects.filter(pk=commitment.pk).update(created_at=recorded)
    first = CommitmentUpdate(
        commitment=commitment,
        date=recorded.date(),
        status=CommitmentStatus.PLANNED,
        progress=0,
        note="Komitmen dicatat dari forum.",
        by=hr,
    )
    CommitmentUpdate.objects.bulk_create(
        [
            first,
            *(
                CommitmentUpdate(
                    commitment=commitment,
                    date=day + timedelta(days=step.days_after),
                    status=step.status,
                    progress=step.progress,
                    note=step.note,
                    by=by,
                )
                for step in steps
            ),
        ]
    )
