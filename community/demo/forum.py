"""Demo forums for `seed_demo`, and bulk posts for the benchmark.

seed_forum: a topic per major unit and a few city-wide themes, threads with
replies across the past year (one thread with 200 replies), a few posts
pending review (naming an officer, or reported by three accounts), a few
hidden by a moderator, open reports, and the matching moderation log.

Rows are bulk-inserted directly, not through the services: the dates lie in
the past and the volume must be fast. The texts are written clean (no personal
data), so the masks have nothing to do; the search vectors are then computed
set-based by rebuild_search_index.

Idempotent: once the demo topics hold threads, nothing is added.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from community import markup
from community.models import ModerationLog, Post, PostStatus, Report, Thread, Topic
from community.services.forum import rebuild_search_index
from positions.models import Employee, OrgUnit
from sawahlunto_asn.accounts import roles

__all__ = ["bench_posts", "seed_forum"]

THEMES = (
    (
        "tema-pelayanan-digital",
        "Pelayanan digital",
        "Aplikasi, situs, dan layanan daring Pemkot.",
    ),
    (
        "tema-kebersihan-kota",
        "Kebersihan dan lingkungan",
        "Sampah, drainase, taman kota.",
    ),
    (
        "tema-pariwisata",
        "Pariwisata kota tambang",
        "Museum, Lubang Mbah Suro, event wisata.",
    ),
)
MAX_UNIT_TOPICS = 10
BIG_THREAD_TITLE = "Antrean layanan KTP elektronik: pengalaman warga"
BIG_THREAD_REPLIES = 200

SUBJECTS = (
    "Antrean di loket",
    "Jam pelayanan",
    "Informasi persyaratan",
    "Sikap petugas",
    "Fasilitas ruang tunggu",
    "Layanan daring",
    "Biaya layanan",
    "Waktu penyelesaian",
    "Penanganan pengaduan",
    "Parkir kantor",
)
OPENINGS = (
    "Saya datang pukul 08.00 dan baru dilayani menjelang siang. Apakah bisa ditambah loket?",
    "Persyaratan di situs berbeda dengan yang diminta di loket. Mohon diseragamkan.",
    "Terima kasih, pelayanan minggu ini cepat dan petugas ramah.",
    "Ruang tunggu panas dan kursinya kurang. Mohon diperhatikan.",
    "Bagaimana cara mengecek status berkas secara daring?",
    "Apakah ada layanan keliling untuk warga di kecamatan Talawi?",
)
REPLIES = (
    "Saya juga mengalami hal yang sama bulan lalu.",
    "Setuju, **mohon** ditambah petugas pada hari Senin.",
    "Kemarin saya ke sana, sudah jauh lebih baik.",
    "Sebaiknya ada nomor antrean daring supaya tidak menunggu lama.",
    "Informasinya ada di papan pengumuman, tapi tulisannya kecil.",
    "Terima kasih atas penjelasannya.",
    "Mohon tanggapan dari petugas resmi unit ini.",
    "Di kecamatan lain prosesnya hanya dua hari.",
)
OFFICIAL_REPLY = (
    "Terima kasih atas masukannya. Mulai bulan depan kami menambah satu loket "
    "pada hari Senin dan Kamis, dan antrean daring sedang diuji coba."
)
HIDDEN_TEXTS = (
    "Promo pinjaman cepat tanpa jaminan, hubungi kami sekarang!",
    "Semua petugasnya malas dan tidak berguna!!!",
)


def _major_units() -> list[OrgUnit]:
    """The shallowest level of active units that has several of them (the
    OPDs under the city), capped."""
    units = OrgUnit.objects.filter(is_active=True)
    for depth in sorted(set(units.values_list("depth", flat=True)))[:3]:
        level = list(units.filter(depth=depth).order_by("path")[:MAX_UNIT_TOPICS])
        if len(level) >= 3:
            return level
    return []


def _topics() -> list[Topic]:
    topics = []
    for unit in _major_units():
        topic, _created = Topic.objects.get_or_create(
            slug=f"unit-{unit.code.lower()}"[:80],
            defaults={
                "title": unit.name[:120],
                "unit": unit,
                "description": "Diskusi tentang pelayanan unit ini.",
            },
        )
        topics.append(topic)
    for slug, title, description in THEMES:
        topic, _created = Topic.objects.get_or_create(
            slug=slug, defaults={"title": title, "description": description}
        )
        topics.append(topic)
    return topics


class _Html:
    """Rendered Markdown per distinct text: the demo repeats a few texts."""

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self.cache:
            self.cache[text] = str(markup.render(text))
        return self.cache[text]


def _moderator():
    group = Group.objects.filter(name=roles.MODERATOR.group).first()
    return group.user_set.order_by("pk").first() if group else None


@transaction.atomic
def seed_forum(citizens: list, *, count_threads: int = 60, as_of=None) -> int:
    """Add the demo forums; returns the number of posts created (0 when the
    demo is already there or there are no citizens)."""
    topics = _topics()
    if not citizens or not topics or Thread.objects.filter(topic__in=topics).exists():
        return 0
    rng = random.Random(2026)
    now = as_of or timezone.now()
    html = _Html()
    responders = {
        t.unit_id: t.unit.responders.filter(is_active=True)
        .select_related("user")
        .first()
        for t in topics
        if t.unit_id
    }
    threads: list[Thread] = []
    plans: list[
        list[tuple]
    ] = []  # per thread: (author, text, created, status, parent_index)
    for i in range(count_threads):
        topic = topics[i % len(topics)]
        created = now - timedelta(days=rng.randint(1, 360), minutes=rng.randint(0, 600))
        big = i == 0
        title = (
            BIG_THREAD_TITLE
            if big
            else f"{rng.choice(SUBJECTS)} di {topic.title}"[:200]
        )
        count = BIG_THREAD_REPLIES if big else rng.randint(0, 12)
        replies = []
        moment = created
        for _n in range(count):
            moment = moment + timedelta(minutes=rng.randint(5, 600))
            # About one reply in four answers an earlier top-level reply.
            tops = [k for k, r in enumerate(replies) if r[4] is None]
            parent = rng.choice(tops) if tops and rng.random() < 0.25 else None
            replies.append(
                (
                    rng.choice(citizens),
                    rng.choice(REPLIES),
                    min(moment, now),
                    PostStatus.PUBLISHED,
                    parent,
                )
            )
        responder = responders.get(topic.unit_id)
        if responder is not None and replies:
            replies.append(
                (
                    responder.user,
                    OFFICIAL_REPLY,
                    min(moment + timedelta(hours=3), now),
                    PostStatus.PUBLISHED,
                    None,
                )
            )
        threads.append(
            Thread(
                topic=topic,
                title=title,
                author=rng.choice(citizens),
                created=created,
                last_post_at=max([created, *(r[2] for r in replies)]),
                reply_count=len(replies),
            )
        )
        plans.append(replies)
    Thread.objects.bulk_create(threads)

    openings = Post.objects.bulk_create(
        Post(
            thread=t,
            depth=0,
            author=t.author,
            body_markdown=(body := rng.choice(OPENINGS)),
            body_html=html(body),
            created=t.created,
        )
        for t in threads
    )
    total = len(openings)
    # Top-level replies first (their ids are needed as parents), then nested.
    tops_by_thread: list[dict[int, Post]] = []
    top_rows = []
    for thread, replies in zip(threads, plans, strict=True):
        mine = {}
        for k, (author, text, created, status, parent) in enumerate(replies):
            if parent is None:
                post = Post(
                    thread=thread,
                    depth=1,
                    author=author,
                    body_markdown=text,
                    body_html=html(text),
                    created=created,
                    status=status,
                )
                mine[k] = post
                top_rows.append(post)
        tops_by_thread.append(mine)
    Post.objects.bulk_create(top_rows)
    nested_rows = []
    for thread, replies, mine in zip(threads, plans, tops_by_thread, strict=True):
        for author, text, created, status, parent in replies:
            if parent is not None:
                top = mine[parent]
                nested_rows.append(
                    Post(
                        thread=thread,
                        parent=top,
                        root=top,
                        depth=2,
                        author=author,
                        body_markdown=text,
                        body_html=html(text),
                        created=created,
                        status=status,
                    )
                )
    Post.objects.bulk_create(nested_rows)
    total += len(top_rows) + len(nested_rows)

    total += _moderation_examples(threads[1:], citizens, rng, html, now)
    _recount(threads)
    rebuild_search_index()
    return total


def _moderation_examples(threads, citizens, rng, html, now) -> int:
    """Hidden posts, pending ones (named officer, reported), open reports, and
    their log rows."""
    if not threads:
        return 0
    moderator = _moderator()
    officer = (
        Employee.objects.active().order_by("pk").values_list("name", flat=True).first()
    )
    logs: list[ModerationLog] = []
    created: list[Post] = []
    for k, text in enumerate(HIDDEN_TEXTS * 2):
        thread = threads[k % len(threads)]
        post = Post(
            thread=thread,
            depth=1,
            author=rng.choice(citizens),
            body_markdown=text,
            body_html=html(text),
            created=now - timedelta(days=k + 2),
            status=PostStatus.HIDDEN,
        )
        created.append(post)
    if officer:
        text = f"Pelayanan oleh {officer} kemarin sangat lambat."
        created.append(
            Post(
                thread=threads[-1],
                depth=1,
                author=citizens[0],
                body_markdown=text,
                body_html=html(text),
                created=now - timedelta(days=1),
                status=PostStatus.PENDING,
                review_reason=f"Menyebut nama pegawai: {officer}",
            )
        )
    reported_text = "Info lowongan kerja cepat, klik tautan di profil saya."
    reported = Post(
        thread=threads[len(threads) // 2],
        depth=1,
        author=citizens[-1],
        body_markdown=reported_text,
        body_html=html(reported_text),
        created=now - timedelta(days=3),
        status=PostStatus.PENDING,
        review_reason="Dilaporkan oleh 3 akun",
        open_reports=3,
    )
    created.append(reported)
    Post.objects.bulk_create(created)
    for post in created:
        if post.status == PostStatus.HIDDEN:
            logs.append(
                ModerationLog(
                    moderator=moderator,
                    action=ModerationLog.Action.HIDE,
                    target_kind=ModerationLog.Target.POST,
                    target_id=post.pk,
                    reason="Spam atau kata kasar",
                    before_text="Terbit",
                    after_text="Disembunyikan",
                    at=post.created + timedelta(hours=2),
                )
            )
    reporters = [c for c in citizens if c.pk != reported.author_id][:3]
    Report.objects.bulk_create(
        Report(
            post=reported,
            reporter=r,
            reason=Report.Reason.SPAM,
            created=reported.created,
        )
        for r in reporters
    )
    reported.open_reports = len(reporters)
    reported.save(update_fields=["open_reports"])
    logs.append(
        ModerationLog(
            moderator=None,
            action=ModerationLog.Action.AUTO_HIDE,
            target_kind=ModerationLog.Target.POST,
            target_id=reported.pk,
            reason=reported.review_reason,
            at=reported.created + timedelta(hours=1),
        )
    )
    # An open report below the threshold, on an ordinary reply.
    ordinary = (
        Post.objects.filter(thread__in=threads, depth=1, status=PostStatus.PUBLISHED)
        .exclude(author=citizens[0])
        .order_by("pk")
        .first()
    )
    if ordinary is not None:
        Report.objects.create(
            post=ordinary, reporter=citizens[0], reason=Report.Reason.OFF_TOPIC
        )
        Post.objects.filter(pk=ordinary.pk).update(open_reports=1)
    ModerationLog.objects.bulk_create(logs)
    return len(created)


def _recount(threads: list[Thread]) -> None:
    """Published reply counts, as the services keep them."""
    from django.db.models import Count, Q

    counts = dict(
        Post.objects.filter(thread__in=threads)
        .values_list("thread")
        .annotate(n=Count("pk", filter=Q(depth__gte=1, status=PostStatus.PUBLISHED)))
    )
    for thread in threads:
        thread.reply_count = counts.get(thread.pk, 0)
    Thread.objects.bulk_update(threads, ["reply_count"], batch_size=1000)


WORDS = (
    "antrean",
    "loket",
    "layanan",
    "petugas",
    "kantor",
    "dinas",
    "warga",
    "izin",
    "usaha",
    "berkas",
    "surat",
    "jalan",
    "rusak",
    "lampu",
    "sampah",
    "air",
    "bersih",
    "listrik",
    "puskesmas",
    "sekolah",
    "guru",
    "pasar",
    "parkir",
    "bus",
    "angkot",
    "jadwal",
    "biaya",
    "tarif",
    "gratis",
    "cepat",
    "lambat",
    "ramah",
    "ketus",
    "sopan",
    "informasi",
    "persyaratan",
    "daring",
    "aplikasi",
    "situs",
    "formulir",
    "tanda",
    "tangan",
    "stempel",
    "kecamatan",
    "kelurahan",
    "talawi",
    "barangin",
    "lembah",
    "segar",
    "silungkang",
    "wisata",
    "museum",
    "tambang",
    "batubara",
    "banjir",
    "drainase",
    "taman",
    "pohon",
    "kebersihan",
    "keamanan",
)


def bench_posts(
    n: int, *, author=None, threads: int | None = None, batch: int = 5000
) -> int:
    """Bulk-create `n` published replies (about 50 per thread) in a benchmark
    topic, with search vectors, for the 100,000-post benchmark. Returns n.

    From a shell: `from community.demo.forum import bench_posts;
    bench_posts(100_000)` (about a minute; ANALYZE afterwards)."""
    from sawahlunto_asn.accounts.models import User

    rng = random.Random(100_000)
    author = author or User.objects.order_by("pk").first()
    topic, _created = Topic.objects.get_or_create(
        slug="bench-beban", defaults={"title": "Uji beban", "is_active": True}
    )
    now = timezone.now()
    thread_count = threads or max(1, n // 50)
    made = Thread.objects.bulk_create(
        Thread(
            topic=topic,
            title=" ".join(rng.choices(WORDS, k=6)),
            author=author,
            created=now - timedelta(days=365),
            last_post_at=now,
            reply_count=0,
        )
        for _ in range(thread_count)
    )
    Post.objects.bulk_create(
        (
            Post(
                thread=t,
                depth=0,
                author=author,
                body_markdown=t.title,
                body_html=f"<p>{t.title}</p>",
                created=t.created,
            )
            for t in made
        ),
        batch_size=batch,
    )
    remaining = n - thread_count
    for start in range(0, max(remaining, 0), batch):
        rows = []
        for k in range(start, min(start + batch, remaining)):
            text = " ".join(rng.choices(WORDS, k=rng.randint(8, 40))).capitalize() + "."
            rows.append(
                Post(
                    thread=made[k % thread_count],
                    depth=1,
                    author=author,
                    body_markdown=text,
                    body_html=f"<p>{text}</p>",
                    created=now - timedelta(minutes=remaining - k),
                )
            )
        Post.objects.bulk_create(rows)
    _recount(made)
    rebuild_search_index()
    return n
