"""Demo data for competency development, on top of positions.demo.seed_registry().

`seed_competency()` adds default standards per position kind, assessments for most
employees, a year of training events (IT training, a reform socialisation session,
leadership training, ...) with registrations, attendance and evaluations, some
external learning, and a few upcoming events with a waiting list. About a third of
the employees end up below the yearly JP minimum.

Deterministic: each employee's share comes from a random.Random seeded with his
NIP, and every date counts from `as_of` (today unless given).

Idempotent: standards are inserted with ignore_conflicts; employees who already
have an assessment are skipped; events, registrations and external learning are
only seeded while no demo program has a registration. After a registry rebuild
(which deletes the employees and, by cascade, their registrations) the stale demo
events are removed and seeded again.

Scale: every write is a bulk_create in batches with the audit triggers off; the
audit rows are then written with one INSERT ... SELECT per model, as the registry
does, so 100,000 employees stay workable.
"""

from __future__ import annotations

import importlib
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

import pgtrigger
from django.apps import apps as global_apps
from django.db import connection, transaction
from django.utils import timezone

from competency import gaps, jp
from competency.models import (
    Assessment,
    Attendance,
    Competency,
    Evaluation,
    ExternalLearning,
    ProgramCompetency,
    Registration,
    StandardDefault,
    TrainingEvent,
    TrainingProgram,
)
from competency.services import recount_all_jp
from positions.demo import _record_events
from positions.models import Employee, OrgUnit

SEED = 20170330  # PP 11/2017, signed 30 March 2017
BATCH = 5000
CAPACITY = 40
JP_PER_DAY = 8
# Share of employees who get an assessment at all; the rest show as "belum diases".
ASSESSED_SHARE = 0.85
# Share of employees whose plan keeps them below the minimum; a few cancellations
# among the others bring the total to about a third.
BELOW_SHARE = 0.30
CANCEL_SHARE = 0.04

dictionary = importlib.import_module(
    "competency.migrations.0002_fill_competency_dictionary"
)

# Required level by (jenis jabatan, jenjang): managerial and socio-cultural, then
# technical. domain.md 6.1 gives the managerial ladder (UNVERIFIED); the office
# loads the real standard of each position from its Anjab later.
STANDARDS: dict[tuple[str, str], tuple[int, int]] = {
    ("JPT_UTAMA", ""): (5, 4),
    ("JPT_MADYA", ""): (5, 4),
    ("JPT_PRATAMA", ""): (4, 4),
    ("ADMINISTRATOR", ""): (3, 3),
    ("PENGAWAS", ""): (2, 3),
    ("PELAKSANA", ""): (1, 2),
    ("FUNGSIONAL", "AHLI_PERTAMA"): (1, 2),
    ("FUNGSIONAL", "AHLI_MUDA"): (2, 3),
    ("FUNGSIONAL", "AHLI_MADYA"): (3, 4),
    ("FUNGSIONAL", "AHLI_UTAMA"): (4, 5),
    ("FUNGSIONAL", "PEMULA"): (1, 1),
    ("FUNGSIONAL", "TERAMPIL"): (1, 2),
    ("FUNGSIONAL", "MAHIR"): (2, 3),
    ("FUNGSIONAL", "PENYELIA"): (2, 3),
}
MANAGERIAL_KINDS = {
    "JPT_UTAMA",
    "JPT_MADYA",
    "JPT_PRATAMA",
    "ADMINISTRATOR",
    "PENGAWAS",
}


@dataclass(frozen=True)
class Program:
    key: str
    title: str
    kind: str
    jp: int
    provider: str
    competencies: tuple[tuple[str, int], ...]
    online: bool = False


PROGRAMS = [
    Program(
        "IT",
        "Pelatihan Literasi Digital dan Keamanan Informasi",
        "PELATIHAN_TEKNIS",
        24,
        "Dinas Komunikasi dan Informatika Kota Sawahlunto",
        (("T.TI.01", 3), ("T.TI.02", 2), ("M.07", 2)),
    ),
    Program(
        "REFORM",
        "Sosialisasi Reformasi Birokrasi dan Budaya Kerja BerAKHLAK",
        "SOSIALISASI",
        4,
        "Bagian Organisasi Sekretariat Daerah Kota Sawahlunto",
        (("M.07", 2), ("M.01", 2), ("SK.01", 2)),
    ),
    Program(
        "LEAD",
        "Pelatihan Kepemimpinan Pengawas (PKP)",
        "PELATIHAN_KEPEMIMPINAN",
        40,
        "BPSDM Provinsi Sumatera Barat",
        (("M.02", 3), ("M.04", 3), ("M.06", 3), ("M.08", 3)),
    ),
    Program(
        "SERVICE",
        "Pelatihan Pelayanan Prima",
        "PELATIHAN_TEKNIS",
        20,
        "BKPSDM Kota Sawahlunto",
        (("M.05", 3), ("T.PP.01", 3)),
    ),
    Program(
        "FINANCE",
        "Bimbingan Teknis Penatausahaan Keuangan Daerah",
        "BIMTEK",
        16,
        "Badan Keuangan Daerah Kota Sawahlunto",
        (("T.KEU.01", 3), ("T.KEU.02", 2)),
    ),
    Program(
        "SKP",
        "Workshop Penyusunan SKP dan Manajemen Kinerja",
        "WORKSHOP",
        8,
        "BKPSDM Kota Sawahlunto",
        (("M.04", 2), ("T.KEP.01", 2)),
    ),
    Program(
        "ELEARN",
        "E-learning Etika dan Integritas ASN",
        "E_LEARNING",
        6,
        "BKPSDM Kota Sawahlunto",
        (("M.01", 3),),
        online=True,
    ),
    Program(
        "COACH",
        "Coaching Kinerja oleh Atasan Langsung",
        "COACHING",
        4,
        "BKPSDM Kota Sawahlunto",
        (("M.06", 2),),
    ),
]
BY_KEY = {program.key: program for program in PROGRAMS}
# What a year looks like for someone below the minimum, and for someone who meets it.
BELOW_PLANS = [(), ("REFORM",), ("SKP",), ("ELEARN",), ("REFORM", "SKP"), ("FINANCE",)]
MEETS_PLANS = [
    ("IT",),
    ("SERVICE",),
    ("FINANCE", "REFORM"),
    ("SKP", "FINANCE"),
    ("IT", "REFORM"),
    ("SERVICE", "ELEARN"),
    ("SERVICE", "COACH"),
]
PLACES = [
    "Aula Balai Kota Sawahlunto",
    "Gedung Pusat Kebudayaan Sawahlunto",
    "Ruang Rapat BKPSDM Kota Sawahlunto",
    "Aula Kantor Camat Lembah Segar",
]
ONLINE_LINK = "https://lms.sawahluntokota.go.id/kelas/{key}"
ASSESSORS = {
    "ASSESSMENT_CENTER": "UPT Penilaian Kompetensi BKN Kanreg XII",
    "COMPETENCY_TEST": "Tim Uji Kompetensi BKPSDM Kota Sawahlunto",
}
EXTERNAL = [
    ("Webinar Transformasi Digital Pemerintahan", "SEMINAR", 4, "LAN RI"),
    ("Kursus Daring Analisis Kebijakan Publik", "E_LEARNING", 10, "ASN Unggul"),
    ("Seminar Nasional Pelayanan Publik", "SEMINAR", 6, "Ombudsman RI"),
]
AUDITED = (
    TrainingProgram,
    TrainingEvent,
    Registration,
    Assessment,
    ExternalLearning,
)


def _insert_triggers() -> tuple[str, ...]:
    return tuple(f"competency.{model.__name__}:insert_insert" for model in AUDITED)


@dataclass(frozen=True)
class CompetencySummary:
    competencies: int
    standards: int
    assessed_employees: int
    assessments: int
    events: int
    registrations: int
    employees: int
    below_minimum: int
    minimum: int
    year: int
    seeded: bool

    def line(self) -> str:
        share = 100 * self.below_minimum / self.employees if self.employees else 0
        verb = "seeded" if self.seeded else "already seeded, left as is"
        return (
            f"competency {verb}: {self.competencies} competencies, "
            f"{self.standards} default standards, {self.assessments:,} assessments "
            f"of {self.assessed_employees:,} employees, {self.events:,} events with "
            f"{self.registrations:,} registrations; {self.below_minimum:,} of "
            f"{self.employees:,} employees below {self.minimum} JP in {self.year} "
            f"({share:.0f}%)."
        )


def seed_competency(
    stdout: TextIO | None = None, *, as_of: date | None = None
) -> CompetencySummary:
    """Seed (or keep) the competency demo data; see the module docstring."""
    as_of = as_of or timezone.localdate()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEED])
        if not Competency.objects.filter(code="M.01").exists():
            dictionary.load(global_apps, None)
        builder = _Builder(as_of)
        with pgtrigger.ignore(*_insert_triggers()):
            written = builder.build()
        for model, first_id in builder.first_ids.items():
            _record_events(model.objects.filter(pk__gte=first_id), "insert")
        if written:
            # Completions were bulk-written, past the services that keep YearlyJp.
            recount_all_jp()
        summary = _summary(as_of, seeded=written)
    if stdout is not None:
        line = summary.line()
        stdout.write(line[0].upper() + line[1:])
    return summary


def _summary(as_of: date, *, seeded: bool) -> CompetencySummary:
    report = jp.jp_summary(as_of.year)
    return CompetencySummary(
        competencies=Competency.objects.count(),
        standards=StandardDefault.objects.count(),
        assessed_employees=Assessment.objects.values("employee_id").distinct().count(),
        assessments=Assessment.objects.count(),
        events=TrainingEvent.objects.filter(program__title__in=_titles()).count(),
        registrations=Registration.objects.filter(
            event__program__title__in=_titles()
        ).count(),
        employees=report.employees,
        below_minimum=report.below,
        minimum=report.minimum,
        year=as_of.year,
        seeded=seeded,
    )


def _titles() -> list[str]:
    return [program.title for program in PROGRAMS]


class _Builder:
    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.year = as_of.year
        self.first_ids: dict[type, int] = {}
        self.competency_ids = dict(Competency.objects.values_list("code", "pk"))
        # (pk, nip, position_id, position kind), in NIP order for determinism.
        self.people = list(
            Employee.objects.active()
            .with_current_position(as_of)
            .filter(position_id__isnull=False)
            .order_by("nip")
            .values_list("pk", "nip", "position_id", "position_kind")
        )

    def build(self) -> bool:
        wrote = self._standards()
        wrote |= self._assessments()
        wrote |= self._training()
        return wrote

    def _bulk(self, model, rows: list) -> list:
        """bulk_create in batches, remembering the first new id for the audit rows."""
        if not rows:
            return rows
        model.objects.bulk_create(rows, batch_size=BATCH)
        self.first_ids.setdefault(model, rows[0].pk)
        return rows

    # ------------------------------------------------------------ standards

    def _standards(self) -> bool:
        before = StandardDefault.objects.count()
        general = Competency.objects.exclude(type="TEKNIS").values_list("pk", flat=True)
        technical = Competency.objects.filter(type="TEKNIS").values_list(
            "pk", flat=True
        )
        rows = [
            StandardDefault(
                position_kind=kind,
                functional_level=level,
                competency_id=competency_id,
                required_level=required,
            )
            for (kind, level), (managerial, technical_level) in STANDARDS.items()
            for ids, required in ((general, managerial), (technical, technical_level))
            for competency_id in ids
        ]
        StandardDefault.objects.bulk_create(rows, ignore_conflicts=True)
        return StandardDefault.objects.count() > before

    # ------------------------------------------------------------ assessments

    def _assessments(self) -> bool:
        done = set(Assessment.objects.values_list("employee_id", flat=True).distinct())
        todo = [person for person in self.people if person[0] not in done]
        if not todo:
            return False
        required = gaps.required_levels({person[2] for person in todo})
        rows = []
        for pk, nip, position_id, kind in todo:
            rng = random.Random(f"{SEED}:assessment:{nip}")
            if rng.random() >= ASSESSED_SHARE:
                continue
            method = (
                "ASSESSMENT_CENTER" if kind in MANAGERIAL_KINDS else "COMPETENCY_TEST"
            )
            assessed_on = self.as_of - timedelta(days=rng.randint(30, 700))
            for competency_id, level in sorted(required.get(position_id, {}).items()):
                if rng.random() < 0.1:
                    rows.append(
                        self._assessment(
                            pk,
                            competency_id,
                            max(1, level - 1),
                            method,
                            assessed_on - timedelta(days=rng.randint(365, 900)),
                        )
                    )
                drift = rng.choice((-1, 0, 0, 0, 0, 1))
                rows.append(
                    self._assessment(
                        pk,
                        competency_id,
                        min(5, max(1, level + drift)),
                        method,
                        assessed_on,
                    )
                )
        self._bulk(Assessment, rows)
        return bool(rows)

    @staticmethod
    def _assessment(employee_id, competency_id, level, method, day) -> Assessment:
        return Assessment(
            employee_id=employee_id,
            competency_id=competency_id,
            level=level,
            assessed_on=day,
            method=method,
            assessor_name=ASSESSORS[method],
        )

    # ------------------------------------------------------------ training

    def _programs(self) -> dict[str, int]:
        existing = dict(
            TrainingProgram.objects.filter(title__in=_titles()).values_list(
                "title", "pk"
            )
        )
        new = [
            TrainingProgram(
                title=p.title,
                kind=p.kind,
                jp_credit=p.jp,
                provider=p.provider,
                is_reform_socialisation=p.key == "REFORM",
            )
            for p in PROGRAMS
            if p.title not in existing
        ]
        self._bulk(TrainingProgram, new)
        existing.update({program.title: program.pk for program in new})
        ProgramCompetency.objects.bulk_create(
            [
                ProgramCompetency(
                    program_id=existing[p.title],
                    competency_id=self.competency_ids[code],
                    target_level=target,
                )
                for p in PROGRAMS
                for code, target in p.competencies
            ],
            ignore_conflicts=True,
        )
        return {p.key: existing[p.title] for p in PROGRAMS}

    def _training(self) -> bool:
        programs = self._programs()
        demo_events = TrainingEvent.objects.filter(program_id__in=programs.values())
        if Registration.objects.filter(event__in=demo_events).exists():
            return False
        # Left over from a registry rebuild: their registrations went with the people.
        demo_events.delete()
        if not self.people:
            return True
        unit = OrgUnit.objects.filter(code="BKPSDM").first()
        participants: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        below_people: list[int] = []
        externals: list[ExternalLearning] = []
        for pk, nip, _position_id, kind in self.people:
            rng = random.Random(f"{SEED}:training:{self.year}:{nip}")
            below = rng.random() < BELOW_SHARE
            plan = list(rng.choice(BELOW_PLANS if below else MEETS_PLANS))
            if kind == "PENGAWAS" and not below and rng.random() < 0.5:
                plan = ["LEAD"]
            if below:
                below_people.append(pk)
            for key in plan:
                participants[key].append((pk, rng.random() < CANCEL_SHARE))
            if rng.random() < 0.08:
                externals.append(self._external(rng, pk, pending=below))
        events, past = self._past_events(programs, participants, unit)
        upcoming, waiting = self._upcoming_events(programs, below_people, unit)
        self._bulk(TrainingEvent, events + upcoming)
        # Setting the id drops the cached event, so the pairs keep it at hand.
        for registration, event in past + waiting:
            registration.event_id = event.pk
        self._bulk(Registration, [registration for registration, _ in past + waiting])
        self._attendance_and_evaluations(past)
        self._bulk(ExternalLearning, externals)
        return True

    def _event_dates(self, index: int, count: int, days: int) -> tuple[date, date]:
        """The index-th of `count` runs, ends spread from 1 January to yesterday."""
        first = date(self.year, 1, 1)
        last = max(first, self.as_of - timedelta(days=1))
        span = (last - first).days
        end = first + timedelta(days=span * (index + 1) // count)
        return end - timedelta(days=days - 1), end

    def _past_events(self, programs, participants, unit):
        events: list[TrainingEvent] = []
        registrations: list[Registration] = []
        now = timezone.now()
        for program in PROGRAMS:
            people = participants.get(program.key, [])
            runs = math.ceil(len(people) / CAPACITY)
            days = max(1, math.ceil(program.jp / JP_PER_DAY))
            for run in range(runs):
                start, end = self._event_dates(run, runs, days)
                event = self._event(programs, program, run, start, end, CAPACITY, unit)
                events.append(event)
                for seat, (pk, cancelled) in enumerate(
                    people[run * CAPACITY : (run + 1) * CAPACITY], start=1
                ):
                    registration = Registration(
                        employee_id=pk,
                        source="NOMINATED",
                        status="CANCELLED" if cancelled else "COMPLETED",
                    )
                    if cancelled:
                        registration.cancelled_at = now
                    else:
                        registration.certificate_number = (
                            f"{len(events):03d}/{seat:03d}/SERT/BKPSDM-SWL/{end.year}"
                        )
                        registration.completed_on = end
                    registrations.append((registration, event))
        return events, registrations

    def _upcoming_events(self, programs, below_people, unit):
        """Open events: HR has nominated people short of JP; one has a waiting list."""
        events, registrations = [], []
        plans = (("REFORM", 14, 25, 30), ("IT", 21, 30, 10), ("SERVICE", 28, 40, 5))
        taken = 0
        for run, (key, offset, capacity, nominated) in enumerate(plans):
            program = BY_KEY[key]
            days = max(1, math.ceil(program.jp / JP_PER_DAY))
            start = self.as_of + timedelta(days=offset)
            end = start + timedelta(days=days - 1)
            event = self._event(
                programs, program, 100 + run, start, end, capacity, unit
            )
            event.registration_deadline = self.as_of + timedelta(days=7)
            events.append(event)
            people = below_people[taken : taken + nominated]
            taken += nominated
            for index, pk in enumerate(people):
                waiting = index >= capacity
                registrations.append(
                    (
                        Registration(
                            employee_id=pk,
                            source="NOMINATED",
                            status="WAITLISTED" if waiting else "REGISTERED",
                            waitlist_position=index - capacity + 1 if waiting else None,
                        ),
                        event,
                    )
                )
        return events, registrations

    def _event(self, programs, program, run, start, end, capacity, unit):
        online = program.online or program.key == "REFORM"
        return TrainingEvent(
            program_id=programs[program.key],
            start_date=start,
            end_date=end,
            place="" if program.online else PLACES[run % len(PLACES)],
            online_link=ONLINE_LINK.format(key=program.key.lower()) if online else "",
            capacity=capacity,
            registration_deadline=start - timedelta(days=7),
            organiser=program.provider,
            organiser_unit=unit,
        )

    def _attendance_and_evaluations(
        self, registrations: list[tuple[Registration, TrainingEvent]]
    ) -> None:
        now = timezone.now()
        attendance, evaluations = [], []
        # The registrations come in a fixed order, so one generator stays deterministic.
        rng = random.Random(f"{SEED}:attendance:{self.year}")
        for registration, event in registrations:
            if registration.status != "COMPLETED":
                continue
            day = event.start_date
            while day <= event.end_date:
                attendance.append(
                    Attendance(
                        registration_id=registration.pk,
                        day=day,
                        present=rng.random() < 0.95,
                        recorded_at=now,
                    )
                )
                day += timedelta(days=1)
            if rng.random() < 0.7:
                evaluations.append(
                    Evaluation(
                        registration_id=registration.pk,
                        rating=rng.choice((3, 4, 4, 4, 5, 5)),
                        comments=rng.choice(
                            ("", "", "Materi bermanfaat.", "Waktu terlalu singkat.")
                        ),
                        submitted_at=now,
                    )
                )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)

    def _external(self, rng: random.Random, pk: int, *, pending: bool):
        title, kind, hours, provider = rng.choice(EXTERNAL)
        end = date(self.year, 1, 1) + timedelta(
            days=rng.randint(0, max(0, (self.as_of - date(self.year, 1, 1)).days))
        )
        return ExternalLearning(
            employee_id=pk,
            title=title,
            kind=kind,
            provider=provider,
            jp=hours,
            start_date=end,
            end_date=end,
            evidence=f"competency/external/demo/sertifikat-{pk}.pdf",
            status="PENDING" if pending else "APPROVED",
            reviewed_at=None if pending else timezone.now(),
        )
