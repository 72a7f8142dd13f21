"""Forum topics, threads, posts, reports and the shared moderation log (issue 7)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_feedback"),
        ("positions", "0008_batch_workflow"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Thread",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="judul")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("PUBLISHED", "Terbit"),
                            ("PENDING", "Menunggu tinjauan"),
                            ("HIDDEN", "Disembunyikan"),
                        ],
                        default="PUBLISHED",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="dibuat"
                    ),
                ),
                (
                    "last_post_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        verbose_name="aktivitas terakhir",
                    ),
                ),
                (
                    "reply_count",
                    models.PositiveIntegerField(
                        default=0, verbose_name="jumlah balasan terbit"
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="forum_threads",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="penulis",
                    ),
                ),
            ],
            options={
                "verbose_name": "utas",
                "verbose_name_plural": "utas",
                "ordering": ["-last_post_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Post",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "depth",
                    models.PositiveSmallIntegerField(
                        editable=False, verbose_name="kedalaman"
                    ),
                ),
                (
                    "body_markdown",
                    models.TextField(max_length=10000, verbose_name="isi (Markdown)"),
                ),
                (
                    "body_html",
                    models.TextField(
                        editable=False, verbose_name="isi (HTML tersaring)"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("PUBLISHED", "Terbit"),
                            ("PENDING", "Menunggu tinjauan"),
                            ("HIDDEN", "Disembunyikan"),
                        ],
                        default="PUBLISHED",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "review_reason",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="alasan ditinjau"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="dikirim"
                    ),
                ),
                (
                    "edited_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="disunting"
                    ),
                ),
                (
                    "open_reports",
                    models.PositiveIntegerField(
                        default=0, verbose_name="laporan terbuka"
                    ),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="forum_posts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="penulis",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="community.post",
                        verbose_name="membalas",
                    ),
                ),
                (
                    "root",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="community.post",
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="posts",
                        to="community.thread",
                        verbose_name="utas",
                    ),
                ),
            ],
            options={
                "verbose_name": "tulisan forum",
                "verbose_name_plural": "tulisan forum",
                "ordering": ["created", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(max_length=80, unique=True, verbose_name="slug"),
                ),
                ("title", models.CharField(max_length=120, verbose_name="judul")),
                ("description", models.TextField(blank=True, verbose_name="deskripsi")),
                ("is_active", models.BooleanField(default=True, verbose_name="aktif")),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        help_text="Kosongkan untuk topik tematik lintas unit.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="forum_topics",
                        to="positions.orgunit",
                        verbose_name="unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "topik forum",
                "verbose_name_plural": "topik forum",
                "ordering": ["title", "pk"],
            },
        ),
        migrations.AddField(
            model_name="thread",
            name="topic",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="threads",
                to="community.topic",
                verbose_name="topik",
            ),
        ),
        migrations.CreateModel(
            name="ModerationLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("HIDE", "Sembunyikan"),
                            ("RESTORE", "Pulihkan"),
                            ("EDIT", "Sunting"),
                            ("APPROVE", "Setujui"),
                            ("AUTO_HIDE", "Disembunyikan otomatis (laporan)"),
                            ("SUSPEND", "Tangguhkan akun"),
                            ("UNSUSPEND", "Cabut penangguhan"),
                            ("VERIFY", "Verifikasi"),
                            ("REJECT", "Tolak"),
                            ("OTHER", "Lainnya"),
                        ],
                        max_length=16,
                        verbose_name="tindakan",
                    ),
                ),
                (
                    "target_kind",
                    models.CharField(
                        choices=[
                            ("post", "Tulisan forum"),
                            ("thread", "Utas"),
                            ("user", "Akun"),
                            ("feedback", "Aspirasi/pengaduan"),
                            ("other", "Lainnya"),
                        ],
                        max_length=16,
                        verbose_name="jenis sasaran",
                    ),
                ),
                (
                    "target_id",
                    models.PositiveBigIntegerField(verbose_name="ID sasaran"),
                ),
                ("reason", models.TextField(verbose_name="alasan")),
                (
                    "before_text",
                    models.TextField(blank=True, verbose_name="teks sebelum"),
                ),
                (
                    "after_text",
                    models.TextField(blank=True, verbose_name="teks sesudah"),
                ),
                (
                    "at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="waktu"
                    ),
                ),
                (
                    "moderator",
                    models.ForeignKey(
                        blank=True,
                        help_text="Kosong bila dilakukan sistem (mis. ambang laporan).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="moderator",
                    ),
                ),
            ],
            options={
                "verbose_name": "catatan moderasi",
                "verbose_name_plural": "catatan moderasi",
                "ordering": ["-at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["target_kind", "target_id"],
                        name="moderation_log_target",
                    ),
                    models.Index(fields=["-at", "-id"], name="moderation_log_at"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("reason", ""), _negated=True),
                        name="moderation_log_reason",
                        violation_error_message="Tindakan moderasi wajib disertai alasan.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Report",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("SPAM", "Spam"),
                            ("ABUSE", "Kasar, melecehkan, atau menghasut"),
                            ("PERSONAL_DATA", "Memuat data pribadi"),
                            ("OFF_TOPIC", "Di luar topik"),
                        ],
                        max_length=16,
                        verbose_name="alasan",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True, max_length=500, verbose_name="keterangan"
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="dilaporkan"
                    ),
                ),
                (
                    "resolved_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="ditinjau"
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="community.post",
                        verbose_name="tulisan",
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="forum_reports",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pelapor",
                    ),
                ),
            ],
            options={
                "verbose_name": "laporan tulisan",
                "verbose_name_plural": "laporan tulisan",
                "ordering": ["created", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("post", "reporter"),
                        name="forum_report_once_per_post",
                        violation_error_message="Anda sudah melaporkan tulisan ini.",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="post",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="forum_post_search"
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["thread", "depth", "created", "id"],
                name="forum_post_thread_tree",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["root"], name="forum_post_root"),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                condition=models.Q(
                    models.Q(("status", "PUBLISHED"), _negated=True),
                    ("open_reports__gt", 0),
                    _connector="OR",
                ),
                fields=["status", "-created"],
                name="forum_post_review_queue",
            ),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.CheckConstraint(
                condition=models.Q(("depth__lte", 3)),
                name="forum_post_max_depth",
                violation_error_message="Balasan paling dalam tiga tingkat.",
            ),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("depth__lte", 1),
                        ("parent__isnull", True),
                        ("root__isnull", True),
                    ),
                    models.Q(
                        ("depth__gte", 2),
                        ("parent__isnull", False),
                        ("root__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="forum_post_tree_shape",
                violation_error_message="Susunan balasan tidak sah.",
            ),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.UniqueConstraint(
                condition=models.Q(("depth", 0)),
                fields=("thread",),
                name="forum_post_one_opening",
                violation_error_message="Utas sudah memiliki tulisan pembuka.",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                fields=["topic", "status", "-last_post_at", "-id"],
                name="forum_thread_topic_activity",
            ),
        ),
    ]
