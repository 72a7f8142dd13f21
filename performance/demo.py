"""Demo data for performance appraisal, on top of positions.demo.seed_registry()
(and competency.demo.seed_competency() for the potentials).

`seed_performance()` adds two periods: last year, closed, and this year, open.

- Last year every employee with an appraiser has an agreed SKP (two RHK with
  indicators, cascaded from the appraiser's first RHK), feedback and an annual
  evaluation. Each OPD (the units right under the city) has an organisation
  rating and a predikat distribution that holds its pattern, except exactly one
  OPD (BREAKING_UNIT when present) rated Baik whose employees are nearly all
  Baik. Every OPD's results are locked; the breaking one with a recorded reason.
  A few objections were decided (kept, changed). Potentials come from the
  competency assessments where there are any, otherwise from a talent-committee
  entry for most of the rest.
- This year SKPs are at every stage (agreed, awaiting the appraiser, draft,
  none), with feedback and the quarterly check-ins already due. A handful of
  employees were rated early (they changed post) and objected: some objections
  wait for explanations, some for the superior's decision.

The demo logins: `pegawai` has an agreed SKP this year and a Baik result last
year; `atasan` has appraisees waiting for him (an SKP to agree, one not drafted,
a draft, an objection to explain).

Deterministic: every choice comes from a random.Random seeded with SEED and an
employee's NIP or a unit's code; dates count from `as_of` (today unless given).

Idempotent: when last year's period already holds SKPs nothing is written. After
a registry rebuild (which deletes the employees and, by cascade, their
appraisal rows) the periods are kept and the rest is seeded again.

Scale: chains are read in chunks, every write is a bulk_create in batches with
the audit triggers off, the cascade links are one UPDATE, and the audit rows are
written with one INSERT ... SELECT per model, as in positions.demo.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TextIO

import pgtrigger
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from performance import appraisers, rules, services
from performance.models import (
    QUARTERS,
    CheckIn,
    Evaluation,
    Feedback,
    Indicator,
    Objection,
    Period,
    PlannedResult,
    Skp,
    SkpVersion,
    TalentPotential,
    UnitResult,
)
from performance.services import ACTING_PREFIX, assessment_scores
from positions.demo import _record_events
from positions.models import Employee, OrgUnit

SEED = 62022  # PermenPANRB 6/2022
BATCH = 5000
CHUNK = 10000
ROOT_CODE = "PEMKOT"
# The OPD that breaks its pattern, when the registry has it; else the largest.
BREAKING_UNIT = "DISDIK"
BREAK_REASON = (
    "Sebaran predikat belum sesuai pola karena penilaian guru dilakukan serentak "
    "oleh kepala sekolah; dikunci agar tunjangan kinerja dapat dibayarkan, dengan "
    "catatan pembinaan penilai kinerja pada tahun berikutnya."
)
# This year's SKP stages, by share of employees.
STAGES = (("AGREED", 0.72), ("EMPLOYEE_AGREED", 0.1), ("DRAFT", 0.08), ("NONE", 0.1))
HR_POTENTIAL_SHARE = 0.7
COMMITTEE = "Rapat Komite Talenta BKPSDM {year}"
EARLY_RATED = 5  # this year's early evaluations with an objection
DECIDED = (("KEPT", 3), ("CHANGED", 2))

A, S, B = (
    rules.Rating.DI_ATAS_EKSPEKTASI,
    rules.Rating.SESUAI_EKSPEKTASI,
    rules.Rating.DI_BAWAH_EKSPEKTASI,
)
P = rules.Predikat
ORG = rules.OrgRating
# Rating pairs that give each predikat, with weights.
PAIRS = {
    P.SANGAT_BAIK: (((A, A), 1),),
    P.BAIK: (((S, S), 8), ((A, S), 1), ((S, A), 1)),
    P.BUTUH_PERBAIKAN: (((B, S), 6), ((B, A), 1)),
    P.KURANG_MISCONDUCT: (((S, B), 2), ((A, B), 1)),
    P.SANGAT_KURANG: (((B, B), 1),),
}
WORK_WHY = {
    A: "Seluruh target kuantitas dan kualitas terlampaui; inisiatif perbaikan layanan diterapkan unit.",
    B: "Sebagian besar target RHK utama tidak tercapai sampai akhir periode.",
}
BEHAVIOUR_WHY = {
    A: "Menjadi teladan BerAKHLAK di unit; aktif membantu rekan belajar.",
    B: "Beberapa kali tidak hadir tanpa keterangan dan kurang kooperatif dalam tim.",
}
# Org ratings of the OPDs that hold their pattern, by weight.
ORG_RATINGS = ((ORG.BAIK, 7), (ORG.ISTIMEWA, 2), (ORG.BUTUH_PERBAIKAN, 1))

RHK = {
    "LEAD": (
        "Meningkatnya kinerja {unit} sesuai perjanjian kinerja",
        "Terlaksananya reformasi birokrasi dan budaya kerja BerAKHLAK di {unit}",
    ),
    "STAFF": (
        "Tersusunnya laporan dan dokumen layanan {unit} tepat waktu",
        "Terlaksananya dukungan administrasi kegiatan {unit}",
    ),
    "FUNC": (
        "Terlaksananya layanan fungsional sesuai standar di {unit}",
        "Meningkatnya mutu layanan kepada masyarakat di {unit}",
    ),
}
INDICATORS = (
    ("KUANTITAS", "Jumlah keluaran yang diselesaikan", "{n} dokumen"),
    ("KUALITAS", "Persentase keluaran tanpa revisi", "90%"),
    ("WAKTU", "Penyelesaian sesuai jadwal", "12 bulan"),
)
FEEDBACK = (
    "Capaian triwulan sudah sesuai rencana; pertahankan.",
    "Perlu mempercepat penyelesaian laporan bulanan.",
    "Dokumentasi bukti dukung sudah baik dan lengkap.",
    "Koordinasi dengan bidang lain perlu ditingkatkan.",
    "Inisiatif perbaikan layanan sangat membantu unit.",
)
VALUE_FEEDBACK = (
    "Sikap melayani masyarakat sangat baik; dipuji dalam survei kepuasan.",
    "Disiplin waktu perlu diperbaiki pada apel pagi.",
    "Aktif berbagi pengetahuan kepada rekan baru.",
)
OBJECTION_REASONS = (
    "Seluruh target RHK utama saya tercapai dan bukti dukung sudah saya unggah.",
    "Penilaian perilaku tidak mempertimbangkan penugasan lapangan saya.",
    "Rating hasil kerja tidak sesuai realisasi yang disepakati pada evaluasi triwulan.",
)
LEAD_KINDS = {"JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS"}
AUDITED = (
    Period,
    Skp,
    SkpVersion,
    PlannedResult,
    Indicator,
    Feedback,
    CheckIn,
    Evaluation,
    UnitResult,
    Objection,
    TalentPotential,
)


def _triggers() -> tuple[str, ...]:
    return tuple(
        f"performance.{model.__name__}:{event}_{event}"
        for model in AUDITED
        for event in ("insert", "update")
    )


@dataclass(frozen=True)
class PerformanceSummary:
    last_year: int
    this_year: int
    skps: int
    results: int
    feedback: int
    evaluations: int
    rated_units: int
    breaking_units: list[str]
    objections: dict[str, int]
    potentials: int
    seeded: bool

    def line(self) -> str:
        verb = "seeded" if self.seeded else "already seeded, left as is"
        states = ", ".join(
            f"{n} {s.lower()}" for s, n in sorted(self.objections.items())
        )
        return (
            f"performance {verb}: periods {self.last_year} (closed) and "
            f"{self.this_year} (open), {self.skps:,} SKPs with {self.results:,} RHK, "
            f"{self.feedback:,} feedback entries, {self.evaluations:,} evaluations; "
            f"{self.rated_units} units rated, breaking the pattern: "
            f"{', '.join(self.breaking_units) or 'none'}; objections: "
            f"{states or 'none'}; {self.potentials:,} talent potentials."
        )


def seed_performance(
    stdout: TextIO | None = None, *, as_of: date | None = None
) -> PerformanceSummary:
    """Seed (or keep) the appraisal demo data; see the module docstring."""
    as_of = as_of or timezone.localdate()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEED])
        last, this = _periods(as_of)
        seeded = not Skp.objects.filter(period=last).exists()
        if seeded:
            builder = _Builder(as_of, last, this)
            with pgtrigger.ignore(*_triggers()):
                builder.build()
            for model, first_id in builder.first_ids.items():
                _record_events(model.objects.filter(pk__gte=first_id), "insert")
        summary = _summary(last, this, seeded=seeded)
    if stdout is not None:
        line = summary.line()
        stdout.write(line[0].upper() + line[1:])
    return summary


def _periods(as_of: date) -> tuple[Period, Period]:
    """Last year's period (closed) and this year's (open), created when missing."""
    now = timezone.now()
    last, _created = Period.objects.get_or_create(
        year=as_of.year - 1,
        defaults={
            "start_date": date(as_of.year - 1, 1, 1),
            "end_date": date(as_of.year - 1, 12, 31),
            "status": Period.Status.CLOSED,
            "closed_at": now,
        },
    )
    this, _created = Period.objects.get_or_create(
        year=as_of.year,
        defaults={
            "start_date": date(as_of.year, 1, 1),
            "end_date": date(as_of.year, 12, 31),
        },
    )
    return last, this


def _summary(last: Period, this: Period, *, seeded: bool) -> PerformanceSummary:
    from performance.querysets import distribution_for

    skps = Skp.objects.filter(period__in=[last, this])
    results = list(
        UnitResult.objects.filter(period=last)
        .exclude(org_rating="")
        .select_related("unit")
        .order_by("unit__path")
    )
    breaking = [r.unit.name for r in results if distribution_for(last, r.unit).breaches]
    states = Counter(
        Objection.objects.filter(evaluation__skp__period__in=[last, this]).values_list(
            "status", flat=True
        )
    )
    return PerformanceSummary(
        last_year=last.year,
        this_year=this.year,
        skps=skps.count(),
        results=PlannedResult.objects.filter(skp__in=skps).count(),
        feedback=Feedback.objects.filter(skp__in=skps).count(),
        evaluations=Evaluation.objects.filter(skp__in=skps).count(),
        rated_units=len(results),
        breaking_units=breaking,
        objections=dict(states),
        potentials=TalentPotential.objects.filter(period__in=[last, this]).count(),
        seeded=seeded,
    )


# ---------------------------------------------------------------- helpers


def _aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _weighted(rng: random.Random, options) -> object:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _full_name(front: str, name: str, back: str) -> str:
    name = f"{front} {name}".strip() if front else name
    return f"{name}, {back}" if back else name


def _nip_display(digits: str) -> str:
    if len(digits) != 18:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def quotas(org_rating: str, n: int) -> dict[str, int]:
    """Predikat counts for `n` employees that hold the pattern of `org_rating`
    (domain.md 5.4), in realistic proportions."""
    if org_rating == ORG.ISTIMEWA:
        counts = {
            P.SANGAT_BAIK: min(math.floor(0.7 * n), round(0.35 * n)),
            P.BUTUH_PERBAIKAN: round(0.08 * n),
            P.KURANG_MISCONDUCT: round(0.02 * n),
        }
    elif org_rating == ORG.BUTUH_PERBAIKAN:
        counts = {
            P.BUTUH_PERBAIKAN: math.ceil(0.65 * n),
            P.SANGAT_BAIK: min(math.floor(0.1 * n), round(0.05 * n)),
            P.KURANG_MISCONDUCT: round(0.05 * n),
        }
    else:
        counts = {
            P.BUTUH_PERBAIKAN: max(1, round(0.12 * n)),
            P.KURANG_MISCONDUCT: round(0.03 * n),
            P.SANGAT_KURANG: round(0.01 * n),
            P.SANGAT_BAIK: round(0.15 * n),
        }
    counts = {k: v for k, v in counts.items() if v}
    while sum(counts.values()) > n:  # tiny units: drop from the smallest groups
        smallest = min(counts, key=lambda k: (counts[k], k))
        counts[smallest] -= 1
    baik = n - sum(counts.values())
    if org_rating == ORG.BAIK and baik > 0.7 * n:
        extra = baik - math.floor(0.7 * n)
        counts[P.SANGAT_BAIK] = counts.get(P.SANGAT_BAIK, 0) + extra
        baik -= extra
    counts[P.BAIK] = baik
    return {k: v for k, v in counts.items() if v}


def breaking_quotas(n: int) -> dict[str, int]:
    """A unit rated Baik whose appraisers rated nearly everyone Baik."""
    sangat_baik = max(1, round(0.12 * n)) if n > 1 else 0
    return {P.SANGAT_BAIK: sangat_baik, P.BAIK: n - sangat_baik}


# ---------------------------------------------------------------- the builder


@dataclass
class Person:
    pk: int
    nip: str
    user_id: int | None
    person: dict  # the SKP header's person block, without the acting prefix
    position_id: int
    position_kind: str
    unit_id: int
    unit_name: str
    unit_path: str


class _Builder:
    def __init__(self, as_of: date, last: Period, this: Period) -> None:
        self.as_of = as_of
        self.last = last
        self.this = this
        self.now = timezone.now()
        self.first_ids: dict[type, int] = {}
        self.users = {
            u.username: u.pk
            for u in get_user_model().objects.filter(username__in=["atasan", "pegawai"])
        }
        self.hr_user_id = (
            get_user_model()
            .objects.filter(groups__name="BKPSDM")
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )

    def _bulk(self, model, rows: list) -> list:
        if not rows:
            return rows
        model.objects.bulk_create(rows, batch_size=BATCH)
        self.first_ids.setdefault(model, rows[0].pk)
        return rows

    def _cap(self, moment: datetime) -> datetime:
        return min(moment, self.now)

    # ------------------------------------------------------------ people

    def _people(self, day: date) -> tuple[dict[int, Person], dict]:
        rows = (
            Employee.objects.active()
            .with_current_position(day)
            .filter(position_id__isnull=False)
            .order_by("nip")
            .values_list(
                "pk",
                "nip",
                "user_id",
                "front_title",
                "name",
                "back_title",
                "rank__name",
                "rank__grade",
                "position_id",
                "position_title",
                "position_kind",
                "unit_id",
                "unit_name",
                "unit_path",
            )
        )
        people = {}
        for (
            pk,
            nip,
            user_id,
            front,
            name,
            back,
            rank_name,
            grade,
            position_id,
            title,
            kind,
            unit_id,
            unit_name,
            unit_path,
        ) in rows:
            rank = (f"{rank_name}, {grade}" if rank_name else grade) if grade else ""
            people[pk] = Person(
                pk,
                nip,
                user_id,
                {
                    "id": pk,
                    "name": _full_name(front, name, back),
                    "nip": _nip_display(nip),
                    "rank": rank,
                    "position": title,
                    "unit": unit_name,
                },
                position_id,
                kind,
                unit_id,
                unit_name,
                unit_path,
            )
        ids = list(people)
        chains = {}
        for start in range(0, len(ids), CHUNK):
            chains.update(appraisers.chains_for(ids[start : start + CHUNK], day))
        return people, chains

    def _holder_block(self, people, holder) -> dict:
        if holder is None or holder.employee_id not in people:
            return {}
        block = dict(people[holder.employee_id].person)
        acting = ACTING_PREFIX.get(holder.kind, "")
        if acting and block["position"]:
            block["position"] = f"{acting}. {block['position']}"
        return block

    def _skp(self, period, person, chain, people, status) -> Skp:
        appraiser = chain.appraiser if chain else None
        superior = chain.superior if chain else None
        if appraiser is not None and appraiser.employee_id not in people:
            appraiser = superior = None
        if superior is not None and superior.employee_id not in people:
            superior = None
        agreed = status == "AGREED"
        start = _aware(period.start_date + timedelta(days=20))
        return Skp(
            period=period,
            employee_id=person.pk,
            position_id=person.position_id,
            unit_id=person.unit_id,
            appraiser_id=appraiser.employee_id if appraiser else None,
            superior_id=superior.employee_id if superior else None,
            header={
                "period": {
                    "year": period.year,
                    "start": period.start_date.isoformat(),
                    "end": period.end_date.isoformat(),
                },
                "employee": person.person,
                "appraiser": self._holder_block(people, appraiser),
                "superior": self._holder_block(people, superior),
            },
            status="AGREED" if agreed else "DRAFT",
            employee_agreed_at=self._cap(start)
            if status in ("AGREED", "EMPLOYEE_AGREED")
            else None,
            appraiser_agreed_at=self._cap(start + timedelta(days=3))
            if agreed
            else None,
            created_by_id=person.user_id,
        )

    # ------------------------------------------------------------ build

    def build(self) -> None:
        last_day = self.last.end_date
        this_day = self.this.reference_day(self.as_of)
        old_people, old_chains = self._people(last_day)
        people, chains = self._people(this_day)
        # Last year: everyone with an appraiser has an agreed SKP.
        old_skps = self._bulk(
            Skp,
            [
                self._skp(self.last, p, old_chains.get(pk), old_people, "AGREED")
                for pk, p in old_people.items()
                if old_chains.get(pk)
                and old_chains[pk].appraiser is not None
                and old_chains[pk].appraiser.employee_id in old_people
            ],
        )
        stages = self._stages(people, chains)
        new_skps = self._bulk(
            Skp,
            [
                self._skp(self.this, people[pk], chains.get(pk), people, stage)
                for pk, stage in stages.items()
                if stage != "NONE"
            ],
        )
        skps = old_skps + new_skps
        kinds = {
            p.pk: p.position_kind for p in [*old_people.values(), *people.values()]
        }
        main = self._plans(skps, kinds)
        self._versions([s for s in skps if s.status == "AGREED"])
        self._feedback(skps, main)
        self._checkins([s for s in new_skps if s.status == "AGREED"])
        evaluations = self._evaluations(old_skps, old_people)
        self._unit_results(evaluations)
        self._decided_objections(evaluations)
        self._early_objections(new_skps, people)
        self._potentials(evaluations)

    def _stages(self, people, chains) -> dict[int, str]:
        """This year's SKP stage per employee, the demo logins' team forced."""
        stages = {}
        for pk, person in people.items():
            rng = random.Random(f"{SEED}:stage:{self.this.year}:{person.nip}")
            stage = _weighted(rng, STAGES)
            chain = chains.get(pk)
            if stage != "NONE" and (
                chain is None
                or chain.appraiser is None
                or chain.appraiser.employee_id not in people
            ):
                stage = "DRAFT"  # listed for HR, who assigns the appraiser
            stages[pk] = stage
        pegawai = self.users.get("pegawai")
        atasan = self.users.get("atasan")
        boss = next((p.pk for p in people.values() if p.user_id == atasan), None)
        self.atasan_team = []
        for pk, person in people.items():
            appraiser = chains[pk].appraiser
            if person.user_id is not None and person.user_id == pegawai:
                placed = appraiser is not None and appraiser.employee_id in people
                stages[pk] = "AGREED" if placed else "DRAFT"
            elif boss and appraiser and appraiser.employee_id == boss:
                self.atasan_team.append(pk)
        forced = ("EMPLOYEE_AGREED", "NONE", "DRAFT", "AGREED")
        for pk, stage in zip(self.atasan_team, forced, strict=False):
            stages[pk] = stage
        return stages

    def _plans(self, skps: list[Skp], kinds) -> dict[int, int]:
        """Two RHK per SKP with indicators (written a batch of SKPs at a time, so
        memory stays flat); each main RHK cascades from the appraiser's main RHK
        (one UPDATE). Returns the main RHK id per SKP."""
        main: dict[int, int] = {}
        first_id = None
        for start in range(0, len(skps), BATCH):
            rhks = []
            for skp in skps[start : start + BATCH]:
                kind = kinds.get(skp.employee_id, "")
                family = (
                    "LEAD"
                    if kind in LEAD_KINDS
                    else "FUNC"
                    if kind == "FUNGSIONAL"
                    else "STAFF"
                )
                unit = skp.header["employee"].get("unit") or "unit kerja"
                for order, (rhk_kind, text) in enumerate(
                    zip(("UTAMA", "TAMBAHAN"), RHK[family], strict=True), start=1
                ):
                    rhks.append(
                        PlannedResult(
                            skp_id=skp.pk,
                            kind=rhk_kind,
                            text=text.format(unit=unit),
                            order=order,
                        )
                    )
            self._bulk(PlannedResult, rhks)
            first_id = first_id or (rhks[0].pk if rhks else None)
            indicators = []
            for rhk in rhks:
                if rhk.kind == "UTAMA":
                    main[rhk.skp_id] = rhk.pk
                chosen = INDICATORS if rhk.kind == "UTAMA" else INDICATORS[:1]
                for order, (aspect, text, target) in enumerate(chosen, start=1):
                    indicators.append(
                        Indicator(
                            rhk_id=rhk.pk,
                            aspect=aspect,
                            text=text,
                            target=target.format(n=12 if rhk.kind == "UTAMA" else 4),
                            order=order,
                        )
                    )
            self._bulk(Indicator, indicators)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE performance_plannedresult AS c SET parent_id = p.id
                FROM performance_skp AS cs
                JOIN performance_skp AS ps
                  ON ps.employee_id = cs.appraiser_id AND ps.period_id = cs.period_id
                JOIN performance_plannedresult AS p
                  ON p.skp_id = ps.id AND p.kind = 'UTAMA' AND p."order" = 1
                WHERE c.skp_id = cs.id AND c.kind = 'UTAMA' AND c."order" = 1
                  AND c.id >= %s
                """,
                [first_id or 0],
            )
        return main

    def _versions(self, skps: list[Skp]) -> None:
        self._bulk(
            SkpVersion,
            [
                SkpVersion(
                    skp_id=skp.pk,
                    version=1,
                    snapshot={"version": 1, "header": skp.header, "results": []},
                    agreed_at=skp.appraiser_agreed_at,
                )
                for skp in skps
            ],
        )

    def _feedback(self, skps: list[Skp], main: dict[int, int]) -> None:
        rows = []
        values = rules.BerakhlakValue.values
        for skp in skps:
            if skp.status != "AGREED":
                continue
            period = self.last if skp.period_id == self.last.pk else self.this
            last_day = min(period.end_date, self.as_of - timedelta(days=1))
            span = (last_day - period.start_date).days
            if span < 30:
                continue
            rng = random.Random(f"{SEED}:feedback:{skp.period_id}:{skp.employee_id}")
            for _ in range(rng.choice((1, 1, 2))):
                rows.append(
                    Feedback(
                        skp_id=skp.pk,
                        rhk_id=main[skp.pk],
                        given_on=period.start_date
                        + timedelta(days=rng.randint(30, span)),
                        text=rng.choice(FEEDBACK),
                    )
                )
            if rng.random() < 0.5:
                rows.append(
                    Feedback(
                        skp_id=skp.pk,
                        value=rng.choice(values),
                        given_on=period.start_date
                        + timedelta(days=rng.randint(30, span)),
                        text=rng.choice(VALUE_FEEDBACK),
                    )
                )
        self._bulk(Feedback, rows)

    def _checkins(self, skps: list[Skp]) -> None:
        due = [q for q in QUARTERS if self.this.checkpoint_end(q) < self.as_of]
        rows = []
        for skp in skps:
            rng = random.Random(f"{SEED}:checkin:{skp.employee_id}")
            for quarter in due:
                predikat = _weighted(
                    rng, ((P.BAIK, 8), (P.SANGAT_BAIK, 1), (P.BUTUH_PERBAIKAN, 1))
                )
                work, behaviour = _weighted(rng, PAIRS[predikat])
                rows.append(
                    CheckIn(
                        skp_id=skp.pk,
                        checkpoint=quarter,
                        work_results_rating=work,
                        behaviour_rating=behaviour,
                        predikat=predikat,
                        note="Evaluasi periodik bersama pejabat penilai.",
                    )
                )
        self._bulk(CheckIn, rows)

    # ------------------------------------------------------------ last year's results

    def _opds(self) -> list[OrgUnit]:
        root = OrgUnit.objects.filter(code=ROOT_CODE).first()
        if root is None:
            return []
        return list(OrgUnit.objects.filter(parent=root).order_by("path"))

    def _evaluations(self, skps: list[Skp], people) -> list[Evaluation]:
        """Last year's evaluations: per OPD a distribution that holds the pattern
        of its organisation rating, except in the one breaking OPD."""
        self.opd_ratings: dict[int, tuple[OrgUnit, str, bool]] = {}
        self.head_work: dict[int, tuple[str, str]] = {}
        self.opd_of_skp: dict[int, int] = {}
        by_opd: dict[int, list[Skp]] = defaultdict(list)
        opds = self._opds()
        for skp in skps:
            path = people[skp.employee_id].unit_path
            opd = next((u for u in opds if path.startswith(u.path)), None)
            by_opd[opd.pk if opd else 0].append(skp)
            self.opd_of_skp[skp.pk] = opd.pk if opd else 0
        sized = [u for u in opds if len(by_opd.get(u.pk, [])) >= 10]
        breaking = next((u for u in sized if u.code == BREAKING_UNIT), None) or max(
            sized, key=lambda u: (len(by_opd[u.pk]), u.code), default=None
        )
        pegawai = self.users.get("pegawai")
        wanted: dict[int, str] = {}
        for opd in opds:
            members = by_opd.get(opd.pk, [])
            if not members:
                continue
            rng = random.Random(f"{SEED}:opd:{self.last.year}:{opd.code}")
            breaks = opd == breaking
            rating = ORG.BAIK if breaks else _weighted(rng, ORG_RATINGS)
            if any(people[s.employee_id].user_id == pegawai for s in members):
                rating = ORG.BAIK if not breaks else rating
            counts = (
                breaking_quotas(len(members))
                if breaks
                else quotas(rating, len(members))
            )
            self.opd_ratings[opd.pk] = (opd, rating, breaks)
            shuffled = sorted(members, key=lambda s: people[s.employee_id].nip)
            rng.shuffle(shuffled)
            values = [value for value, n in counts.items() for _ in range(n)]
            for skp, value in zip(shuffled, values, strict=True):
                wanted[skp.pk] = value
            # The `pegawai` login reads a plain Baik.
            mine = next(
                (s for s in shuffled if people[s.employee_id].user_id == pegawai), None
            )
            if mine is not None and wanted[mine.pk] != P.BAIK:
                swap = next(s for s in shuffled if wanted[s.pk] == P.BAIK)
                wanted[swap.pk], wanted[mine.pk] = wanted[mine.pk], P.BAIK
            self._follow_the_unit(opd, rating, shuffled, wanted, skip=mine)
        for skp in by_opd.get(0, []):
            wanted[skp.pk] = P.BAIK
        rated_on = self.last.end_date + timedelta(days=15)
        rows = []
        for skp in skps:
            rng = random.Random(f"{SEED}:evaluation:{skp.employee_id}")
            predikat = wanted[skp.pk]
            work, behaviour = _weighted(rng, PAIRS[predikat])
            why = WORK_WHY.get(work, "")
            if skp.pk in self.head_work:
                work, why = self.head_work[skp.pk]
                behaviour = next(
                    b
                    for (w, b), p in rules.MATRIX.items()
                    if (w, p) == (work, predikat)
                )
            rated_at = self._cap(_aware(rated_on - timedelta(days=rng.randint(0, 10))))
            rows.append(
                Evaluation(
                    skp_id=skp.pk,
                    period_id=skp.period_id,
                    employee_id=skp.employee_id,
                    appraiser_id=skp.appraiser_id,
                    work_results_rating=work,
                    work_results_justification=why,
                    behaviour_rating=behaviour,
                    behaviour_justification=BEHAVIOUR_WHY.get(behaviour, ""),
                    predikat=predikat,
                    rated_by_id=people[skp.appraiser_id].user_id
                    if skp.appraiser_id in people
                    else None,
                    rated_at=rated_at,
                    received_at=self._cap(rated_at + timedelta(days=2)),
                )
            )
        self.locked_at = self._cap(_aware(rated_on + timedelta(days=30)))
        for evaluation in rows:
            evaluation.locked_at = self.locked_at
        return self._bulk(Evaluation, rows)

    def _follow_the_unit(self, opd, rating, members, wanted, *, skip) -> None:
        """The OPD head's work-results rating is the OPD's rating (domain.md 5.4):
        give him a predikat that rating can lead to, by swapping with a member
        who has one, so the OPD's counts stay as planned."""
        head_seat = appraisers.unit_head_position(opd)
        head = next(
            (s for s in members if head_seat and s.position_id == head_seat.pk), None
        )
        if head is None:
            return
        work = rules.unit_head_work_rating(rating)
        reachable = {p for (w, _b), p in rules.MATRIX.items() if w == work}
        if wanted[head.pk] not in reachable:
            swap = next(
                (s for s in members if s != skip and wanted[s.pk] in reachable), None
            )
            if swap is None:
                return
            wanted[swap.pk], wanted[head.pk] = wanted[head.pk], wanted[swap.pk]
        self.head_work[head.pk] = (
            work,
            services.HeadRating(rating, work).justification,
        )

    def _unit_results(self, evaluations: list[Evaluation]) -> None:
        counts_of = {opd_id: dict.fromkeys(P.values, 0) for opd_id in self.opd_ratings}
        for evaluation in evaluations:
            opd_id = self.opd_of_skp.get(evaluation.skp_id)
            if opd_id in counts_of:
                counts_of[opd_id][evaluation.predikat] += 1
        rows = [
            (opd, rating, breaks, counts_of[opd.pk])
            for opd, rating, breaks in self.opd_ratings.values()
        ]
        results = []
        rated_at = self._cap(_aware(self.last.end_date - timedelta(days=5)))
        for opd, rating, _breaks, counts in rows:
            breaches = rules.distribution_breaches(rating, counts)
            results.append(
                UnitResult(
                    period_id=self.last.pk,
                    unit_id=opd.pk,
                    org_rating=rating,
                    rated_at=rated_at,
                    counts=counts,
                    breaches=[str(b.message) for b in breaches],
                    lock_reason=BREAK_REASON if breaches else "",
                    locked_by_id=self.hr_user_id,
                    locked_at=self.locked_at,
                )
            )
        UnitResult.objects.filter(period=self.last).delete()
        self._bulk(UnitResult, results)

    def _decided_objections(self, evaluations: list[Evaluation]) -> None:
        """Last year: a few objections, decided before the lock; a changed one
        kept its original (lower) result here, the evaluation shows the new one."""
        rows = []
        pool = {
            "KEPT": [e for e in evaluations if e.predikat == P.BUTUH_PERBAIKAN],
            "CHANGED": [
                e
                for e in evaluations
                if e.predikat == P.BAIK
                and (e.work_results_rating, e.behaviour_rating) == (S, S)
            ],
        }
        rng = random.Random(f"{SEED}:objections:{self.last.year}")
        for decision, count in DECIDED:
            candidates = pool[decision]
            for evaluation in rng.sample(candidates, min(count, len(candidates))):
                filed = evaluation.received_at + timedelta(days=3)
                original = (
                    (B, S)
                    if decision == "CHANGED"
                    else (evaluation.work_results_rating, evaluation.behaviour_rating)
                )
                changed = decision == "CHANGED"
                rows.append(
                    Objection(
                        evaluation_id=evaluation.pk,
                        status="DECIDED",
                        reasons=rng.choice(OBJECTION_REASONS),
                        filed_at=filed,
                        appraiser_explanation="Penilaian sesuai realisasi dan bukti.",
                        employee_explanation="Bukti dukung tambahan sudah dilampirkan.",
                        clarified_at=filed + timedelta(days=3),
                        decision=decision,
                        decision_reason=(
                            "Bukti dukung menunjukkan target RHK utama tercapai."
                            if changed
                            else "Realisasi RHK utama memang di bawah target."
                        ),
                        decided_at=filed + timedelta(days=7),
                        original_work_results_rating=original[0],
                        original_behaviour_rating=original[1],
                        original_predikat=rules.predikat(*original),
                        original_justifications={
                            "work_results": WORK_WHY.get(original[0], ""),
                            "behaviour": BEHAVIOUR_WHY.get(original[1], ""),
                        },
                        new_work_results_rating=S if changed else "",
                        new_behaviour_rating=S if changed else "",
                        new_predikat=P.BAIK if changed else "",
                    )
                )
        self._bulk(Objection, rows)
        # filed_at is auto_now_add, so bulk_create stamped it now; set the story's.
        for objection in rows:
            Objection.objects.filter(pk=objection.pk).update(
                filed_at=objection.clarified_at - timedelta(days=3)
            )

    def _early_objections(self, skps: list[Skp], people) -> None:
        """This year: employees rated early (they changed post) who objected;
        the first waits for explanations, the others for the superior."""
        candidates = [
            s for s in skps if s.status == "AGREED" and s.superior_id is not None
        ]
        atasan_team = set(self.atasan_team)
        team = [s for s in candidates if s.employee_id in atasan_team]
        others = [s for s in candidates if s.employee_id not in atasan_team]
        rng = random.Random(f"{SEED}:early:{self.this.year}")
        chosen = team[-1:] + rng.sample(others, min(EARLY_RATED - 1, len(others)))
        received = self._cap(_aware(self.as_of - timedelta(days=3)))
        evaluations = [
            Evaluation(
                skp_id=skp.pk,
                period_id=skp.period_id,
                employee_id=skp.employee_id,
                appraiser_id=skp.appraiser_id,
                work_results_rating=B,
                work_results_justification=WORK_WHY[B],
                behaviour_rating=S,
                predikat=P.BUTUH_PERBAIKAN,
                rated_by_id=people[skp.appraiser_id].user_id,
                rated_at=received - timedelta(days=2),
                received_at=received,
            )
            for skp in chosen
        ]
        self._bulk(Evaluation, evaluations)
        objections = []
        for index, evaluation in enumerate(evaluations):
            clarified = index >= 3 or (index > 0 and index % 2 == 0)
            objections.append(
                Objection(
                    evaluation_id=evaluation.pk,
                    status="CLARIFIED" if clarified else "FILED",
                    reasons=OBJECTION_REASONS[index % len(OBJECTION_REASONS)],
                    appraiser_explanation="Target RHK utama belum tercapai."
                    if clarified
                    else "",
                    employee_explanation="Penugasan tambahan menyita waktu."
                    if clarified or index == 1
                    else "",
                    clarified_at=received if clarified else None,
                    original_work_results_rating=B,
                    original_behaviour_rating=S,
                    original_predikat=P.BUTUH_PERBAIKAN,
                    original_justifications={
                        "work_results": WORK_WHY[B],
                        "behaviour": "",
                    },
                )
            )
        self._bulk(Objection, objections)

    def _potentials(self, evaluations: list[Evaluation]) -> None:
        employee_ids = [e.employee_id for e in evaluations]
        scores = assessment_scores(employee_ids)
        nips = dict(
            Employee.objects.filter(pk__in=employee_ids).values_list("pk", "nip")
        )
        rows = []
        for pk in sorted(employee_ids):
            if pk in scores:
                rows.append(
                    TalentPotential(
                        period_id=self.last.pk,
                        employee_id=pk,
                        level=rules.potential_from_score(scores[pk]),
                        source=TalentPotential.Source.COMPETENCY_ASSESSMENT,
                        score=scores[pk],
                        set_by_id=self.hr_user_id,
                    )
                )
                continue
            rng = random.Random(f"{SEED}:potential:{nips[pk]}")
            if rng.random() >= HR_POTENTIAL_SHARE:
                continue
            level = _weighted(
                rng,
                (
                    (rules.Potential.MENENGAH, 5),
                    (rules.Potential.RENDAH, 3),
                    (rules.Potential.TINGGI, 2),
                ),
            )
            rows.append(
                TalentPotential(
                    period_id=self.last.pk,
                    employee_id=pk,
                    level=level,
                    source=TalentPotential.Source.HR_ENTRY,
                    source_text=COMMITTEE.format(year=self.last.year),
                    set_by_id=self.hr_user_id,
                )
            )
        self._bulk(TalentPotential, rows)
