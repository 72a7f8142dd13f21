"""Demo feedback for `seed_demo` (issue 7, item 8): a year of aspirasi and
pengaduan across the public-service units, in every state of the workflow.

- National holidays for last, this and next year. The fixed-date ones are exact;
  the lunar and Easter-based ones (Imlek, Isra Mikraj, Nyepi, Idulfitri with cuti
  bersama, Wafat and Kenaikan Isa Almasih, Waisak, Iduladha, Tahun Baru Islam,
  Maulid) are APPROXIMATE for 2025-2027 and missing for other years: the city's
  admin corrects them from the SKB Menteri each year.
- Each unit gets two or three services. Feedback goes to the units that have a
  responder (demo.accounts.seed_responders), each unit with its own diligence,
  so their on-time shares and ratings differ; some items are overdue (waiting
  for verification or for the answer), some anonymous, some confidential, some
  rejected with a reason, some rated, some reopened and answered again, a few
  complaints need a field check.

Deterministic (random.Random(SEED)) and idempotent: when any of the citizens
already has feedback nothing is written (holidays and services are topped up).
Every write is a bulk_create; working days come from one WorkCalendar.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from community.models import (
    Feedback,
    FeedbackAnswer,
    FeedbackEvent,
    Holiday,
    Responder,
    Service,
)
from community.models.feedback import TRACKING_ALPHABET, TRACKING_LENGTH
from community.workdays import WorkCalendar
from positions.models import OrgUnit
from sawahlunto_asn.accounts import roles

SEED = 2027
ZONE = ZoneInfo(settings.TIME_ZONE)
Status = Feedback.Status
Action = FeedbackEvent.Action
Category = Feedback.Category

FIXED_HOLIDAYS = [
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh Internasional"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Hari Kemerdekaan Republik Indonesia"),
    (12, 25, "Hari Raya Natal"),
]
# Approximate dates (see the module docstring).
MOVING_HOLIDAYS = {
    2025: [
        ("01-27", "Isra Mikraj Nabi Muhammad SAW"),
        ("01-29", "Tahun Baru Imlek"),
        ("03-29", "Hari Suci Nyepi"),
        ("03-31", "Idulfitri"),
        ("04-01", "Idulfitri"),
        ("04-02", "Cuti bersama Idulfitri"),
        ("04-03", "Cuti bersama Idulfitri"),
        ("04-18", "Wafat Yesus Kristus"),
        ("05-12", "Hari Raya Waisak"),
        ("05-29", "Kenaikan Yesus Kristus"),
        ("06-06", "Iduladha"),
        ("06-27", "Tahun Baru Islam"),
        ("09-05", "Maulid Nabi Muhammad SAW"),
        ("12-26", "Cuti bersama Natal"),
    ],
    2026: [
        ("01-16", "Isra Mikraj Nabi Muhammad SAW"),
        ("02-17", "Tahun Baru Imlek"),
        ("03-19", "Hari Suci Nyepi"),
        ("03-20", "Idulfitri"),
        ("03-21", "Idulfitri"),
        ("03-23", "Cuti bersama Idulfitri"),
        ("03-24", "Cuti bersama Idulfitri"),
        ("04-03", "Wafat Yesus Kristus"),
        ("05-14", "Kenaikan Yesus Kristus"),
        ("05-27", "Iduladha"),
        ("05-31", "Hari Raya Waisak"),
        ("06-16", "Tahun Baru Islam"),
        ("08-25", "Maulid Nabi Muhammad SAW"),
        ("12-24", "Cuti bersama Natal"),
    ],
    2027: [
        ("01-05", "Isra Mikraj Nabi Muhammad SAW"),
        ("02-06", "Tahun Baru Imlek"),
        ("03-08", "Hari Suci Nyepi"),
        ("03-10", "Idulfitri"),
        ("03-11", "Idulfitri"),
        ("03-12", "Cuti bersama Idulfitri"),
        ("03-15", "Cuti bersama Idulfitri"),
        ("03-26", "Wafat Yesus Kristus"),
        ("05-06", "Kenaikan Yesus Kristus"),
        ("05-17", "Iduladha"),
        ("05-20", "Hari Raya Waisak"),
        ("06-06", "Tahun Baru Islam"),
        ("08-15", "Maulid Nabi Muhammad SAW"),
        ("12-24", "Cuti bersama Natal"),
    ],
}

SERVICE_NAMES = {
    "default": ["Layanan informasi", "Layanan pengaduan", "Perizinan dan rekomendasi"],
    "DINAS": ["Pelayanan loket", "Layanan informasi publik", "Layanan lapangan"],
    "BADAN": ["Layanan informasi", "Layanan administrasi"],
    "KECAMATAN": ["Surat keterangan", "Legalisasi dokumen", "Layanan PATEN"],
}

TOPICS = {
    Category.COMPLAINT: [
        (
            "Antrean di loket sangat panjang",
            "Saya datang pukul 08.00 dan baru "
            "dilayani pukul 12.30. Hanya satu loket yang buka.",
        ),
        (
            "Petugas tidak ada di tempat",
            "Pada jam kerja meja layanan kosong dan "
            "warga diminta kembali besok tanpa kejelasan.",
        ),
        (
            "Jalan berlubang belum diperbaiki",
            "Lubang di jalan menuju Kandi sudah "
            "tiga bulan dan membahayakan pengendara motor.",
        ),
        (
            "Persyaratan berubah-ubah",
            "Setiap datang diminta berkas yang berbeda. "
            "Mohon daftar persyaratan dipasang di papan informasi.",
        ),
        (
            "Lampu jalan padam",
            "Lampu jalan di sekitar Lapangan Segitiga padam "
            "seminggu. Mohon dicek, saya bisa dihubungi di 0812-6634-1290.",
        ),
        (
            "Biaya tidak sesuai ketentuan",
            "Saya diminta membayar biaya yang tidak tercantum dalam standar pelayanan.",
        ),
        (
            "Sampah menumpuk di pasar",
            "Sampah di Pasar Remaja tidak diangkut tiga hari dan menimbulkan bau.",
        ),
    ],
    Category.INFORMATION: [
        (
            "Jadwal pelayanan hari Sabtu",
            "Apakah loket buka hari Sabtu? Saya bekerja di Sijunjung pada hari kerja.",
        ),
        (
            "Syarat pengurusan izin usaha",
            "Mohon informasi syarat izin usaha mikro untuk warung di Silungkang.",
        ),
        (
            "Status permohonan saya",
            "Permohonan saya sudah tiga minggu, bagaimana "
            "cara mengecek statusnya? NIK saya 1373012304850002.",
        ),
        (
            "Beasiswa untuk pelajar",
            "Kapan pendaftaran beasiswa kota dibuka dan apa saja syaratnya?",
        ),
    ],
    Category.SUGGESTION: [
        (
            "Nomor antrean daring",
            "Sebaiknya ada nomor antrean lewat aplikasi agar "
            "warga tidak menunggu lama di kantor.",
        ),
        (
            "Ruang tunggu ramah anak",
            "Mohon disediakan sudut bermain kecil di ruang "
            "tunggu untuk warga yang membawa anak.",
        ),
        (
            "Papan informasi tarif",
            "Tarif dan lama layanan sebaiknya dipasang jelas di depan loket.",
        ),
        (
            "Jam layanan diperpanjang",
            "Usul agar layanan buka sampai pukul 16.00 pada hari Jumat.",
        ),
    ],
    Category.APPRECIATION: [
        (
            "Pelayanan cepat dan ramah",
            "Terima kasih, urusan saya selesai dalam "
            "satu hari dan petugas sangat membantu.",
        ),
        (
            "Perbaikan jalan sudah selesai",
            "Jalan yang kami laporkan sudah "
            "diperbaiki. Terima kasih atas tindak lanjutnya.",
        ),
    ],
}
ANSWERS = {
    Category.COMPLAINT: [
        "Terima kasih atas laporannya. Kami telah menambah satu loket pada jam "
        "sibuk mulai pekan ini.",
        "Laporan telah ditindaklanjuti oleh tim lapangan dan perbaikan dijadwalkan "
        "dalam dua minggu.",
        "Kami mohon maaf. Petugas yang bersangkutan telah dibina dan jadwal piket "
        "diperbaiki.",
    ],
    Category.INFORMATION: [
        "Loket buka Senin sampai Jumat pukul 08.00-15.00. Informasi lengkap ada di "
        "papan pengumuman kantor.",
        "Persyaratannya: fotokopi KTP, surat keterangan usaha dari kelurahan, dan "
        "pas foto. Layanan tidak dipungut biaya.",
    ],
    Category.SUGGESTION: [
        "Terima kasih atas sarannya; usulan ini masuk rencana perbaikan layanan "
        "tahun depan.",
        "Saran Anda kami teruskan ke pimpinan dan akan dibahas dalam rapat evaluasi "
        "layanan.",
    ],
    Category.APPRECIATION: [
        "Terima kasih atas apresiasinya. Kami akan terus menjaga mutu layanan.",
    ],
}
REJECTIONS = [
    "Bukan kewenangan Pemerintah Kota Sawahlunto; silakan sampaikan ke instansi "
    "vertikal terkait.",
    "Isi aspirasi tidak jelas; silakan kirim ulang dengan keterangan lokasi dan "
    "waktu kejadian.",
    "Aspirasi yang sama sudah pernah disampaikan dan sedang ditindaklanjuti.",
]
REOPEN_REASONS = [
    "Sampai sekarang belum ada perubahan di lapangan.",
    "Jawaban belum menjawab pertanyaan saya.",
]
CATEGORY_WEIGHTS = [
    (Category.COMPLAINT, 45),
    (Category.INFORMATION, 20),
    (Category.SUGGESTION, 25),
    (Category.APPRECIATION, 10),
]


def seed_holidays(years: list[int]) -> int:
    """The national holidays of `years` (topped up, never duplicated)."""
    rows = [
        Holiday(date=date(year, month, day), name=name)
        for year in years
        for month, day, name in FIXED_HOLIDAYS
    ]
    rows += [
        Holiday(date=date.fromisoformat(f"{year}-{month_day}"), name=name)
        for year in years
        for month_day, name in MOVING_HOLIDAYS.get(year, [])
    ]
    existing = set(Holiday.objects.values_list("date", flat=True))
    new = [row for row in rows if row.date not in existing]
    Holiday.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _seed_services(units: list[OrgUnit]) -> dict[int, list[Service]]:
    wanted = [
        Service(unit=unit, name=name)
        for unit in units
        for name in SERVICE_NAMES.get(unit.kind, SERVICE_NAMES["default"])
    ]
    Service.objects.bulk_create(wanted, ignore_conflicts=True)
    by_unit: dict[int, list[Service]] = {}
    for service in Service.objects.filter(unit__in=units).order_by("pk"):
        by_unit.setdefault(service.unit_id, []).append(service)
    return by_unit


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59)), ZONE)


class _Builder:
    """Collects one feedback's steps as unsaved rows."""

    def __init__(self, feedback: Feedback) -> None:
        self.feedback = feedback
        self.events: list[FeedbackEvent] = []
        self.answers: list[FeedbackAnswer] = []

    def step(self, action, actor_id, before, after, at, note="") -> None:
        self.feedback.status = after
        self.events.append(
            FeedbackEvent(
                action=action,
                actor_id=actor_id,
                from_status=before,
                to_status=after,
                note=note,
                at=at,
            )
        )


@transaction.atomic
def seed_feedback(citizens: list, *, as_of: date, count: int = 1500) -> int:
    """A year of feedback up to `as_of` by `citizens`; returns how many were
    written (0 when they already have feedback or there is no unit)."""
    from community.textscan import mask_personal_data

    seed_holidays([as_of.year - 1, as_of.year, as_of.year + 1])
    if not citizens or Feedback.objects.filter(author__in=citizens).exists():
        return 0
    responders = dict(
        Responder.objects.filter(is_active=True)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "user_id")
    )
    units = list(OrgUnit.objects.filter(pk__in=responders).order_by("code"))
    if not units:
        units = list(
            OrgUnit.objects.filter(
                is_active=True, kind__in=settings.COMMUNITY_SERVICE_UNIT_KINDS
            ).order_by("code")[:30]
        )
    if not units:
        return 0
    services = _seed_services(units)
    User = get_user_model()
    moderator_id = (
        User.objects.filter(
            Q(groups__name=roles.MODERATOR.group) | Q(is_superuser=True)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    hr_id = (
        User.objects.filter(groups__name=roles.HR.group)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    rng = random.Random(SEED)
    # How late each unit tends to be: 0.6 answers well within the deadline,
    # 1.8 is often late. Stable per unit so the public figures differ.
    diligence = {unit.pk: rng.choice([0.6, 0.8, 1.0, 1.2, 1.5, 1.8]) for unit in units}
    calendar = WorkCalendar(as_of - timedelta(days=400), as_of + timedelta(days=200))
    codes: set[str] = set(Feedback.objects.values_list("tracking_code", flat=True))
    categories = [c for c, _w in CATEGORY_WEIGHTS]
    weights = [w for _c, w in CATEGORY_WEIGHTS]
    built = [
        _one(
            rng,
            as_of=as_of,
            author=rng.choice(citizens),
            unit=rng.choice(units),
            other_unit=rng.choice(units),
            category=rng.choices(categories, weights)[0],
            services=services,
            responders=responders,
            diligence=diligence,
            calendar=calendar,
            codes=codes,
            moderator_id=moderator_id,
            hr_id=hr_id,
            mask=mask_personal_data,
        )
        for _ in range(count)
    ]
    Feedback.objects.bulk_create([b.feedback for b in built], batch_size=500)
    for b in built:
        for row in (*b.events, *b.answers):
            row.feedback_id = b.feedback.pk
    FeedbackEvent.objects.bulk_create(
        [e for b in built for e in b.events], batch_size=2000
    )
    FeedbackAnswer.objects.bulk_create(
        [a for b in built for a in b.answers], batch_size=2000
    )
    return len(built)


def _code(rng: random.Random, codes: set[str]) -> str:
    while True:
        code = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
        if code not in codes:
            codes.add(code)
            return code


def _one(
    rng: random.Random,
    *,
    as_of: date,
    author,
    unit: OrgUnit,
    other_unit: OrgUnit,
    category: str,
    services: dict[int, list[Service]],
    responders: dict[int, int],
    diligence: dict[int, float],
    calendar: WorkCalendar,
    codes: set[str],
    moderator_id: int | None,
    hr_id: int | None,
    mask,
) -> _Builder:
    title, text = rng.choice(TOPICS[category])
    sent_on = as_of - timedelta(days=int(rng.random() ** 1.3 * 364))
    sent_at = _moment(sent_on, rng)
    masked_title, masked_text = mask(title), mask(text)
    unit_services = services.get(unit.pk, [])
    fb = Feedback(
        tracking_code=_code(rng, codes),
        unit=unit,
        service=rng.choice(unit_services)
        if unit_services and rng.random() < 0.6
        else None,
        category=category,
        author=author,
        title=title,
        text=text,
        public_title=masked_title.text,
        public_text=masked_text.text,
        masked_kinds=",".join(sorted(masked_title.kinds | masked_text.kinds)),
        is_anonymous=rng.random() < 0.15,
        is_confidential=rng.random() < 0.07,
        created_at=sent_at,
        response_due=calendar.add(sent_on, settings.COMMUNITY_FEEDBACK_RESPONSE_DAYS),
    )
    b = _Builder(fb)
    b.step(Action.SUBMITTED, author.pk, "", Status.NEW, sent_at)

    # Verification: usually within the 3 days, sometimes stuck.
    verify_on = calendar.add(sent_on, rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 6]))
    if verify_on > as_of:
        return b  # waiting for a moderator (overdue once past response_due)
    verified_at = max(_moment(verify_on, rng), sent_at + timedelta(minutes=5))
    if rng.random() < 0.06:
        fb.rejection_reason = rng.choice(REJECTIONS)
        b.step(
            Action.REJECTED,
            moderator_id,
            Status.NEW,
            Status.REJECTED,
            verified_at,
            fb.rejection_reason,
        )
        return b
    fb.verified_at = verified_at
    fb.needs_field_check = category == Category.COMPLAINT and rng.random() < 0.08
    days = _answer_days(category, fb.needs_field_check)
    fb.answer_due = calendar.add(verify_on, days)
    b.step(Action.VERIFIED, moderator_id, Status.NEW, Status.VERIFIED, verified_at)
    b.step(
        Action.ASSIGNED,
        moderator_id,
        Status.VERIFIED,
        Status.ASSIGNED,
        verified_at,
        unit.name,
    )
    if rng.random() < 0.04 and other_unit.pk != unit.pk and hr_id:
        # Sent to the wrong desk first; HR moves it, the deadline stays.
        moved_at = verified_at + timedelta(hours=rng.randint(2, 30))
        fb.unit = other_unit
        fb.service = None
        b.step(
            Action.ASSIGNED,
            hr_id,
            Status.ASSIGNED,
            Status.ASSIGNED,
            moved_at,
            f"{other_unit.name} — salah alamat",
        )
    answered = _answer(
        rng,
        b,
        start=verify_on,
        as_of=as_of,
        round_=1,
        responders=responders,
        diligence=diligence,
        calendar=calendar,
    )
    if not answered:
        return b

    # The citizen: rates, closes, sometimes reopens once.
    answered_on = fb.answered_at.astimezone(ZONE).date()
    unhappy = diligence[fb.unit_id] > 1.1
    if rng.random() < 0.05 + (0.08 if unhappy else 0):
        reopen_on = calendar.add(answered_on, rng.randint(1, 5))
        if reopen_on <= as_of:
            if rng.random() < 0.5:
                fb.rating = rng.choice([1, 2])
                b.step(
                    Action.RATED,
                    author.pk,
                    Status.ANSWERED,
                    Status.ANSWERED,
                    fb.answered_at + timedelta(hours=3),
                    str(fb.rating),
                )
            fb.rating = None
            fb.reopen_count = 1
            fb.answer_due = calendar.add(reopen_on, days)
            b.step(
                Action.REOPENED,
                author.pk,
                Status.ANSWERED,
                Status.ASSIGNED,
                _moment(reopen_on, rng) + timedelta(days=0),
                rng.choice(REOPEN_REASONS),
            )
            if not _answer(
                rng,
                b,
                start=reopen_on,
                as_of=as_of,
                round_=2,
                responders=responders,
                diligence=diligence,
                calendar=calendar,
            ):
                return b
    if rng.random() < 0.65:
        base = 4.6 - diligence[fb.unit_id]
        fb.rating = max(1, min(5, round(rng.gauss(base, 0.8))))
        b.step(
            Action.RATED,
            author.pk,
            Status.ANSWERED,
            Status.ANSWERED,
            fb.answered_at + timedelta(hours=rng.randint(1, 48)),
            str(fb.rating),
        )
    close_on = calendar.add(answered_on, rng.randint(1, 10))
    if close_on <= as_of and rng.random() < 0.75:
        fb.closed_at = max(_moment(close_on, rng), fb.answered_at + timedelta(hours=1))
        b.step(
            Action.CLOSED,
            author.pk if rng.random() < 0.5 else moderator_id,
            Status.ANSWERED,
            Status.CLOSED,
            fb.closed_at,
        )
    return b


def _answer_days(category: str, field_check: bool) -> int:
    if field_check:
        return settings.COMMUNITY_FEEDBACK_FIELD_CHECK_DAYS
    return settings.COMMUNITY_FEEDBACK_ANSWER_DAYS[category]


def _answer(
    rng: random.Random,
    b: _Builder,
    *,
    start: date,
    as_of: date,
    round_: int,
    responders: dict[int, int],
    diligence: dict[int, float],
    calendar: WorkCalendar,
) -> bool:
    """Answer by the unit's responder if that day has come; False while waiting."""
    fb = b.feedback
    days = _answer_days(fb.category, fb.needs_field_check)
    took = max(1, round(days * diligence[fb.unit_id] * rng.uniform(0.3, 1.2)))
    if rng.random() < 0.03 * diligence[fb.unit_id]:
        took = days * rng.randint(2, 6)  # forgotten in a drawer: the escalation list

    answer_on = calendar.add(start, took)
    responder_id = responders.get(fb.unit_id)
    if answer_on > as_of or responder_id is None:
        return False
    answered_at = max(_moment(answer_on, rng), b.events[-1].at + timedelta(hours=1))
    fb.answered_at = answered_at
    b.answers.append(
        FeedbackAnswer(
            round=round_,
            text=rng.choice(ANSWERS[fb.category]),
            responder_id=responder_id,
            answered_at=answered_at,
        )
    )
    b.step(Action.ANSWERED, responder_id, Status.ASSIGNED, Status.ANSWERED, answered_at)
    return True
