"""Discussion forums and their moderation (issue 7, items 3 and 4).

A topic belongs to a unit or to a theme; a thread is opened by its first post
(the opening post, depth 0); replies nest at most three levels below the thread
(depth 1 = a reply to the thread, depth 3 = the deepest). Every post is
published, pending review (it names a civil servant, or reports hid it), or
hidden by a moderator. The public sees only published posts of published
threads in active topics; everything else is a placeholder in the tree.

ModerationLog is shared by every area: feedback moderation writes to it too,
through community.services.forum.log_moderation.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core import checks
from django.db import connections, models
from django.db.models import F, Q, Subquery
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles

__all__ = ["ModerationLog", "Post", "PostStatus", "Report", "Thread", "Topic"]

# Depth of the deepest reply; a database constraint, so not a setting.
MAX_DEPTH = 3
TITLE_MAX = 200
BODY_MAX = 10_000


def is_moderator(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_perm(roles.MODERATOR.perm)
    )


class PostStatus(models.TextChoices):
    PUBLISHED = "PUBLISHED", _("Terbit")
    PENDING = "PENDING", _("Menunggu tinjauan")
    HIDDEN = "HIDDEN", _("Disembunyikan")


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user) -> TopicQuerySet:
        if is_moderator(user):
            return self
        return self.filter(is_active=True)


class Topic(models.Model):
    """A forum: one per unit (its service discussions) or per city-wide theme."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("judul"), max_length=120)
    description = models.TextField(_("deskripsi"), blank=True)
    unit = models.ForeignKey(
        "positions.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_topics",
        help_text=_("Kosongkan untuk topik tematik lintas unit."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("topik forum")
        verbose_name_plural = _("topik forum")

    def __str__(self) -> str:
        return self.title


class ThreadQuerySet(models.QuerySet):
    def public(self) -> ThreadQuerySet:
        return self.filter(status=PostStatus.PUBLISHED, topic__is_active=True)

    def visible_to(self, user) -> ThreadQuerySet:
        """Moderators: all. An author: his own pending thread too. Others: public."""
        if is_moderator(user):
            return self
        public = Q(status=PostStatus.PUBLISHED)
        if user is not None and user.is_authenticated:
            public |= Q(author=user) & ~Q(status=PostStatus.HIDDEN)
        return self.filter(public, topic__is_active=True)


class Thread(models.Model):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topik"), on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("judul"), max_length=TITLE_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    # Mirrors the opening post's status (kept by the service), so lists filter
    # threads without joining posts.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PostStatus.choices,
        default=PostStatus.PUBLISHED,
    )
    created = models.DateTimeField(_("dibuat"), default=timezone.now)
    # Last published activity, for ordering the topic page.
    last_post_at = models.DateTimeField(_("aktivitas terakhir"), default=timezone.now)
    reply_count = models.PositiveIntegerField(_("jumlah balasan terbit"), default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        verbose_name = _("utas")
        verbose_name_plural = _("utas")
        indexes = [
            models.Index(
                fields=["topic", "status", "-last_post_at", "-id"],
                name="forum_thread_topic_activity",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PostQuerySet(models.QuerySet):
    def public(self) -> PostQuerySet:
        return self.filter(
            status=PostStatus.PUBLISHED,
            thread__status=PostStatus.PUBLISHED,
            thread__topic__is_active=True,
        )

    def visible_to(self, user) -> PostQuerySet:
        """Moderators: all. An author: his own pending posts too. Others: public."""
        if is_moderator(user):
            return self
        if user is not None and user.is_authenticated:
            return self.filter(
                Q(status=PostStatus.PUBLISHED, thread__status=PostStatus.PUBLISHED)
                | Q(author=user, status=PostStatus.PENDING),
                thread__topic__is_active=True,
            )
        return self.public()

    def search(self, text: str) -> PostQuerySet:
        """Posts matching a citizen's query (web-search syntax: words, "phrase",
        -word, or), best first, among the newest
        settings.COMMUNITY_SEARCH_MAX_RESULTS matches; chain after public()."""
        query = SearchQuery(
            text, config=settings.COMMUNITY_SEARCH_CONFIG, search_type="websearch"
        )
        # A common word matches a third of 100,000 posts; ranking all of them
        # cost 140 ms. Only the newest matches are ranked (the (status, -created)
        # index walks to them), so the cost stops growing with the forum.
        newest = (
            self.filter(search_vector=query)
            .order_by("-created")
            .values("pk")[: settings.COMMUNITY_SEARCH_MAX_RESULTS]
        )
        return (
            self.model.objects.filter(pk__in=Subquery(newest))
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-created", "-pk")
        )

    def with_author(self) -> PostQuerySet:
        return self.select_related("author__citizen_profile", "author__responder__unit")


class Post(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("utas"), on_delete=models.CASCADE, related_name="posts"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("membalas"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # The top-level reply a nested reply hangs under: one page of the thread is
    # "these top-level replies and everything with root among them".
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(_("kedalaman"), editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body_markdown = models.TextField(_("isi (Markdown)"), max_length=BODY_MAX)
    body_html = models.TextField(_("isi (HTML tersaring)"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PostStatus.choices,
        default=PostStatus.PUBLISHED,
    )
    review_reason = models.CharField(_("alasan ditinjau"), max_length=300, blank=True)
    created = models.DateTimeField(_("dikirim"), default=timezone.now)
    edited_at = models.DateTimeField(_("disunting"), null=True, blank=True)
    # Distinct accounts whose reports are still open (kept by the service).
    open_reports = models.PositiveIntegerField(_("laporan terbuka"), default=0)
    # Kept by the service with settings.COMMUNITY_SEARCH_CONFIG (title of the
    # thread weighted A on the opening post, body B); see services.forum.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("tulisan forum")
        verbose_name_plural = _("tulisan forum")
        indexes = [
            GinIndex(fields=["search_vector"], name="forum_post_search"),
            # Search ranks the newest matches: walking published posts newest
            # first finds 1,000 matches of a common word in 7 ms, where matching
            # every post took 85 ms at 100,000.
            models.Index(
                fields=["-created"],
                name="forum_post_newest",
                condition=Q(status="PUBLISHED"),
            ),
            models.Index(
                fields=["thread", "depth", "created", "id"],
                name="forum_post_thread_tree",
            ),
            models.Index(fields=["root"], name="forum_post_root"),
            models.Index(
                fields=["status", "-created"],
                name="forum_post_review_queue",
                condition=~Q(status=PostStatus.PUBLISHED) | Q(open_reports__gt=0),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(depth__lte=MAX_DEPTH),
                name="forum_post_max_depth",
                violation_error_message=_("Balasan paling dalam tiga tingkat."),
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, depth__lte=1, root__isnull=True)
                | Q(parent__isnull=False, depth__gte=2, root__isnull=False),
                name="forum_post_tree_shape",
                violation_error_message=_("Susunan balasan tidak sah."),
            ),
            # One opening post per thread.
            models.UniqueConstraint(
                fields=["thread"],
                condition=Q(depth=0),
                name="forum_post_one_opening",
                violation_error_message=_("Utas sudah memiliki tulisan pembuka."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.pk}"

    @property
    def html(self):
        """The body for templates: sanitised by community.markup when written."""
        return mark_safe(self.body_html)

    @property
    def is_opening(self) -> bool:
        return self.depth == 0

    def editable_until(self):
        from datetime import timedelta

        return self.created + timedelta(minutes=settings.COMMUNITY_FORUM_EDIT_MINUTES)

    def may_be_edited_by(self, user, now=None) -> bool:
        """The author, within the edit window, while no moderator hid the post."""
        return (
            user is not None
            and user.is_authenticated
            and self.author_id == user.pk
            and self.status != PostStatus.HIDDEN
            and (now or timezone.now()) <= self.editable_until()
        )

    def body_visible_to(self, user) -> bool:
        if self.status == PostStatus.PUBLISHED:
            return True
        if is_moderator(user):
            return True
        return (
            self.status == PostStatus.PENDING
            and user is not None
            and user.is_authenticated
            and self.author_id == user.pk
        )


class ReportReason(models.TextChoices):
    SPAM = "SPAM", _("Spam")
    ABUSE = "ABUSE", _("Kasar, melecehkan, atau menghasut")
    PERSONAL_DATA = "PERSONAL_DATA", _("Memuat data pribadi")
    OFF_TOPIC = "OFF_TOPIC", _("Di luar topik")


class Report(models.Model):
    Reason = ReportReason

    post = models.ForeignKey(
        Post,
        verbose_name=_("tulisan"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        on_delete=models.CASCADE,
        related_name="forum_reports",
    )
    reason = models.CharField(_("alasan"), max_length=16, choices=ReportReason.choices)
    note = models.CharField(_("keterangan"), max_length=500, blank=True)
    created = models.DateTimeField(_("dilaporkan"), default=timezone.now)
    # Set when a moderator reviews the post (restore, approve, hide): a review
    # closes the reports, so later reports count towards the threshold afresh.
    resolved_at = models.DateTimeField(_("ditinjau"), null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("laporan tulisan")
        verbose_name_plural = _("laporan tulisan")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                name="forum_report_once_per_post",
                violation_error_message=_("Anda sudah melaporkan tulisan ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.get_reason_display()}"


class ModerationLog(models.Model):
    """One moderation act on anything (a forum post, a thread, an account, a
    feedback): who, what, on which object, why, and the text before and after."""

    class Action(models.TextChoices):
        HIDE = "HIDE", _("Sembunyikan")
        RESTORE = "RESTORE", _("Pulihkan")
        EDIT = "EDIT", _("Sunting")
        APPROVE = "APPROVE", _("Setujui")
        AUTO_HIDE = "AUTO_HIDE", _("Disembunyikan otomatis (laporan)")
        SUSPEND = "SUSPEND", _("Tangguhkan akun")
        UNSUSPEND = "UNSUSPEND", _("Cabut penangguhan")
        VERIFY = "VERIFY", _("Verifikasi")
        REJECT = "REJECT", _("Tolak")
        OTHER = "OTHER", _("Lainnya")

    class Target(models.TextChoices):
        POST = "post", _("Tulisan forum")
        THREAD = "thread", _("Utas")
        USER = "user", _("Akun")
        FEEDBACK = "feedback", _("Aspirasi/pengaduan")
        OTHER = "other", _("Lainnya")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong bila dilakukan sistem (mis. ambang laporan)."),
    )
    action = models.CharField(_("tindakan"), max_length=16, choices=Action.choices)
    target_kind = models.CharField(
        _("jenis sasaran"), max_length=16, choices=Target.choices
    )
    target_id = models.PositiveBigIntegerField(_("ID sasaran"))
    reason = models.TextField(_("alasan"))
    before_text = models.TextField(_("teks sebelum"), blank=True)
    after_text = models.TextField(_("teks sesudah"), blank=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("catatan moderasi")
        verbose_name_plural = _("catatan moderasi")
        indexes = [
            models.Index(
                fields=["target_kind", "target_id"], name="moderation_log_target"
            ),
            models.Index(fields=["-at", "-id"], name="moderation_log_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="moderation_log_reason",
                violation_error_message=_("Tindakan moderasi wajib disertai alasan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.target_kind}#{self.target_id}"


@checks.register(checks.Tags.database)
def check_search_config(app_configs=None, databases=None, **kwargs):
    """The forum search needs its text-search configuration on the server
    (`indonesian` is not in every PostgreSQL build); run by `check --database
    default` and by migrate."""
    errors = []
    config = settings.COMMUNITY_SEARCH_CONFIG
    for alias in databases or []:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [config])
            if cursor.fetchone() is None:
                errors.append(
                    checks.Warning(
                        f"PostgreSQL has no text-search configuration {config!r}.",
                        hint="Set COMMUNITY_SEARCH_CONFIG=simple and run "
                        "community.services.forum.rebuild_search_index().",
                        id="community.W301",
                    )
                )
    return errors
