"""Forum writes and moderation (issue 7, items 3 and 4).

Every text is masked (community.textscan) before it is stored or rendered, so
personal data never reaches the database; a text naming an active civil
servant is stored pending review. Rows are locked in a fixed order: the thread,
then its posts, then accounts' profiles; every moderator act writes one
ModerationLog row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from community import markup, textscan
from community.errors import CommunityError
from community.identity import ensure_may_post
from community.models import (
    CitizenProfile,
    ModerationLog,
    Post,
    PostStatus,
    Report,
    Thread,
    Topic,
)
from community.models.forum import BODY_MAX, MAX_DEPTH, TITLE_MAX, is_moderator

__all__ = [
    "approve_post",
    "create_reply",
    "create_thread",
    "edit_post",
    "erase_personal_data",
    "hide_post",
    "log_moderation",
    "moderator_edit_post",
    "personal_data",
    "rebuild_search_index",
    "report_post",
    "restore_post",
    "suspend_account",
    "unsuspend_account",
]

Action = ModerationLog.Action
Target = ModerationLog.Target


# ---------------------------------------------------------------- shared


def log_moderation(
    *,
    moderator,
    action: str,
    target_kind: str,
    target_id: int,
    reason: str,
    before_text: str = "",
    after_text: str = "",
) -> ModerationLog:
    """Record one moderation act. Call it inside the acting transaction; any
    area may use it (target_kind "feedback" for aspirasi, "user" for accounts).
    `moderator` is None for what the system does by itself."""
    reason = (reason or "").strip()
    if not reason:
        raise CommunityError(_("Tindakan moderasi wajib disertai alasan."))
    return ModerationLog.objects.create(
        moderator=moderator,
        action=action,
        target_kind=target_kind,
        target_id=target_id,
        reason=reason,
        before_text=before_text,
        after_text=after_text,
    )


@dataclass(frozen=True)
class _Prepared:
    text: str
    html: str
    named: list[str]
    masked_kinds: frozenset[str]


def _prepare(body: str, *, title: str = "") -> _Prepared:
    """Mask, look for named civil servants (in the original text, where a NIP
    is still whole), render."""
    body = (body or "").strip()
    if not body:
        raise CommunityError(_("Isi tulisan tidak boleh kosong."))
    if len(body) > BODY_MAX:
        raise CommunityError(
            _("Isi tulisan paling banyak %(n)d karakter.") % {"n": BODY_MAX}
        )
    named = textscan.named_civil_servants(f"{title}\n{body}")
    masked = textscan.mask_personal_data(body)
    return _Prepared(
        text=masked.text,
        html=markup.render(masked.text),
        named=named,
        masked_kinds=masked.kinds,
    )


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise CommunityError(_("Judul utas tidak boleh kosong."))
    if len(title) > TITLE_MAX:
        raise CommunityError(
            _("Judul utas paling banyak %(n)d karakter.") % {"n": TITLE_MAX}
        )
    return textscan.mask_personal_data(title).text


def _naming_reason(named: list[str]) -> str:
    reason = _("Menyebut nama pegawai: %(names)s") % {"names": ", ".join(named)}
    return reason[: Post._meta.get_field("review_reason").max_length]


def _index(post: Post, title: str | None = None) -> None:
    """Keep the post's search vector: thread title (opening post only) weight
    A, body weight B, in the configured text-search configuration."""
    config = settings.COMMUNITY_SEARCH_CONFIG
    vector = SearchVector("body_markdown", weight="B", config=config)
    if post.depth == 0:
        vector = (
            SearchVector(Value(title or post.thread.title), weight="A", config=config)
            + vector
        )
    Post.objects.filter(pk=post.pk).update(search_vector=vector)


def _refresh_thread(thread: Thread) -> None:
    """Reply count and last activity from published replies; the thread's status
    from its opening post."""
    replies = Post.objects.filter(
        thread=thread, depth__gte=1, status=PostStatus.PUBLISHED
    )
    thread.reply_count = replies.count()
    last = replies.order_by("-created").values_list("created", flat=True).first()
    thread.last_post_at = last or thread.created
    thread.status = (
        Post.objects.filter(thread=thread, depth=0)
        .values_list("status", flat=True)
        .get()
    )
    thread.save(update_fields=["reply_count", "last_post_at", "status"])


def _lock_post(post_id: int) -> tuple[Thread, Post]:
    """Lock the thread, then the post (the fixed order every writer follows)."""
    thread_id = (
        Post.objects.filter(pk=post_id).values_list("thread_id", flat=True).first()
    )
    if thread_id is None:
        raise CommunityError(_("Tulisan tidak ditemukan."))
    thread = Thread.objects.select_for_update().get(pk=thread_id)
    post = Post.objects.select_for_update().get(pk=post_id)
    post.thread = thread
    return thread, post


# ---------------------------------------------------------------- citizens


@transaction.atomic(durable=True)
def create_thread(user, topic: Topic, title: str, body: str) -> Thread:
    """Open a thread; it is public at once unless it names a civil servant."""
    ensure_may_post(user)
    if not Topic.objects.filter(pk=topic.pk, is_active=True).exists():
        raise CommunityError(_("Topik ini sudah ditutup."))
    title_raw = title
    title = _clean_title(title)
    prepared = _prepare(body, title=title_raw)
    status = PostStatus.PENDING if prepared.named else PostStatus.PUBLISHED
    now = timezone.now()
    thread = Thread.objects.create(
        topic=topic,
        title=title,
        author=user,
        status=status,
        created=now,
        last_post_at=now,
    )
    post = Post.objects.create(
        thread=thread,
        depth=0,
        author=user,
        body_markdown=prepared.text,
        body_html=prepared.html,
        status=status,
        review_reason=_naming_reason(prepared.named) if prepared.named else "",
        created=now,
    )
    _index(post, title)
    return thread


@transaction.atomic(durable=True)
def create_reply(user, thread: Thread, body: str, parent: Post | None = None) -> Post:
    """Reply to the thread (parent None or its opening post) or to a reply, at
    most MAX_DEPTH levels deep."""
    ensure_may_post(user)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.status != PostStatus.PUBLISHED or not thread.topic.is_active:
        raise CommunityError(_("Utas ini tidak menerima balasan."))
    depth, parent_post, root_id = 1, None, None
    if parent is not None:
        parent_post = Post.objects.filter(pk=parent.pk, thread=thread).first()
        if parent_post is None:
            raise CommunityError(_("Tulisan yang dibalas tidak ada di utas ini."))
        if parent_post.status != PostStatus.PUBLISHED:
            raise CommunityError(_("Tulisan yang dibalas tidak dapat dibalas."))
        if parent_post.depth == 0:
            parent_post = None
        else:
            depth = parent_post.depth + 1
            root_id = parent_post.root_id or parent_post.pk
    if depth > MAX_DEPTH:
        raise CommunityError(
            _("Balasan paling dalam %(n)d tingkat; balaslah tulisan di atasnya.")
            % {"n": MAX_DEPTH}
        )
    prepared = _prepare(body)
    status = PostStatus.PENDING if prepared.named else PostStatus.PUBLISHED
    post = Post.objects.create(
        thread=thread,
        parent=parent_post,
        root_id=root_id,
        depth=depth,
        author=user,
        body_markdown=prepared.text,
        body_html=prepared.html,
        status=status,
        review_reason=_naming_reason(prepared.named) if prepared.named else "",
    )
    _index(post)
    if status == PostStatus.PUBLISHED:
        _refresh_thread(thread)
    return post


@transaction.atomic(durable=True)
def edit_post(user, post: Post, body: str, title: str | None = None) -> Post:
    """The author edits his own post within the edit window. A text that now
    names a civil servant goes back to review; a pending post stays pending."""
    ensure_may_post(user)
    thread, post = _lock_post(post.pk)
    if post.author_id != user.pk:
        raise CommunityError(_("Anda hanya dapat menyunting tulisan Anda sendiri."))
    if post.status == PostStatus.HIDDEN:
        raise CommunityError(
            _("Tulisan yang disembunyikan moderator tidak dapat disunting.")
        )
    if not post.may_be_edited_by(user):
        raise CommunityError(
            _("Batas waktu penyuntingan (%(n)d menit) sudah lewat.")
            % {"n": settings.COMMUNITY_FORUM_EDIT_MINUTES}
        )
    title_raw = title if post.depth == 0 and title is not None else ""
    prepared = _prepare(body, title=title_raw)
    if post.depth == 0 and title is not None:
        thread.title = _clean_title(title)
        thread.save(update_fields=["title"])
    post.body_markdown = prepared.text
    post.body_html = prepared.html
    post.edited_at = timezone.now()
    fields = ["body_markdown", "body_html", "edited_at"]
    if prepared.named and post.status == PostStatus.PUBLISHED:
        post.status = PostStatus.PENDING
        post.review_reason = _naming_reason(prepared.named)
        fields += ["status", "review_reason"]
    post.save(update_fields=fields)
    _index(post, thread.title)
    _refresh_thread(thread)
    return post


@transaction.atomic(durable=True)
def report_post(user, post: Post, reason: str, note: str = "") -> Report:
    """Report a post once per account; at the threshold of distinct accounts the
    post leaves the public pending a moderator's review."""
    ensure_may_post(user)
    if reason not in Report.Reason.values:
        raise CommunityError(_("Pilih alasan laporan."))
    thread, post = _lock_post(post.pk)
    if post.status != PostStatus.PUBLISHED or thread.status != PostStatus.PUBLISHED:
        raise CommunityError(_("Tulisan ini sudah dalam peninjauan moderator."))
    if post.author_id == user.pk:
        raise CommunityError(_("Anda tidak dapat melaporkan tulisan Anda sendiri."))
    # The post row lock serialises reports of one post, so this check holds;
    # the unique constraint stays the last word.
    if Report.objects.filter(post=post, reporter=user).exists():
        raise CommunityError(_("Anda sudah melaporkan tulisan ini."))
    report = Report.objects.create(
        post=post,
        reporter=user,
        reason=reason,
        note=textscan.mask_personal_data(note or "").text[:500],
    )
    post.open_reports = Report.objects.filter(
        post=post, resolved_at__isnull=True
    ).count()
    fields = ["open_reports"]
    threshold = settings.COMMUNITY_REPORT_HIDE_THRESHOLD
    if post.open_reports >= threshold:
        post.status = PostStatus.PENDING
        post.review_reason = _("Dilaporkan oleh %(n)d akun") % {"n": post.open_reports}
        fields += ["status", "review_reason"]
        log_moderation(
            moderator=None,
            action=Action.AUTO_HIDE,
            target_kind=Target.POST,
            target_id=post.pk,
            reason=post.review_reason,
        )
    post.save(update_fields=fields)
    if post.status != PostStatus.PUBLISHED:
        _refresh_thread(thread)
    return report


# ---------------------------------------------------------------- moderators


def _ensure_moderator(user) -> None:
    if not is_moderator(user):
        raise CommunityError(_("Hanya moderator yang dapat melakukan ini."))


def _resolve_reports(post: Post) -> None:
    Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    post.open_reports = 0


def _set_status(
    moderator, post_id: int, status: str, action: str, reason: str, allowed: set[str]
) -> Post:
    _ensure_moderator(moderator)
    thread, post = _lock_post(post_id)
    if post.status not in allowed:
        raise CommunityError(
            _("Tulisan berstatus %(status)s; tindakan ini tidak berlaku.")
            % {"status": post.get_status_display()}
        )
    log_moderation(
        moderator=moderator,
        action=action,
        target_kind=Target.POST,
        target_id=post.pk,
        reason=reason,
        before_text=post.get_status_display(),
        after_text=PostStatus(status).label,
    )
    post.status = status
    post.review_reason = "" if status == PostStatus.PUBLISHED else post.review_reason
    _resolve_reports(post)
    post.save(update_fields=["status", "review_reason", "open_reports"])
    _refresh_thread(thread)
    return post


@transaction.atomic(durable=True)
def hide_post(moderator, post: Post, reason: str) -> Post:
    return _set_status(
        moderator,
        post.pk,
        PostStatus.HIDDEN,
        Action.HIDE,
        reason,
        {PostStatus.PUBLISHED, PostStatus.PENDING},
    )


@transaction.atomic(durable=True)
def restore_post(moderator, post: Post, reason: str) -> Post:
    return _set_status(
        moderator,
        post.pk,
        PostStatus.PUBLISHED,
        Action.RESTORE,
        reason,
        {PostStatus.HIDDEN, PostStatus.PENDING},
    )


@transaction.atomic(durable=True)
def approve_post(moderator, post: Post, reason: str = "") -> Post:
    """Publish a post that waited for review (it named someone, or was reported)."""
    return _set_status(
        moderator,
        post.pk,
        PostStatus.PUBLISHED,
        Action.APPROVE,
        reason or _("Disetujui setelah ditinjau"),
        {PostStatus.PENDING},
    )


@transaction.atomic(durable=True)
def moderator_edit_post(
    moderator, post: Post, body: str, reason: str, title: str | None = None
) -> Post:
    """Edit any post (e.g. remove a name or an insult); the status is left to
    the moderator's separate decision, the before/after text is logged."""
    _ensure_moderator(moderator)
    thread, post = _lock_post(post.pk)
    body = (body or "").strip()
    if not body or len(body) > BODY_MAX:
        raise CommunityError(
            _("Isi tulisan wajib diisi, paling banyak %(n)d karakter.")
            % {"n": BODY_MAX}
        )
    masked = textscan.mask_personal_data(body).text
    before = post.body_markdown
    if post.depth == 0 and title is not None:
        new_title = _clean_title(title)
        if new_title != thread.title:
            before = f"{thread.title}\n\n{before}"
            masked_after = f"{new_title}\n\n{masked}"
            thread.title = new_title
            thread.save(update_fields=["title"])
        else:
            masked_after = masked
    else:
        masked_after = masked
    log_moderation(
        moderator=moderator,
        action=Action.EDIT,
        target_kind=Target.POST,
        target_id=post.pk,
        reason=reason,
        before_text=before,
        after_text=masked_after,
    )
    post.body_markdown = masked
    post.body_html = markup.render(masked)
    post.edited_at = timezone.now()
    post.save(update_fields=["body_markdown", "body_html", "edited_at"])
    _index(post, thread.title)
    return post


def _locked_profile(user) -> CitizenProfile:
    CitizenProfile.objects.get_or_create(
        user=user,
        defaults={"display_name": (user.get_full_name() or user.username)[:60]},
    )
    return CitizenProfile.objects.select_for_update().get(user=user)


@transaction.atomic(durable=True)
def suspend_account(moderator, user, reason: str) -> CitizenProfile:
    """Stop an account from posting and reporting; the reason is shown to him."""
    _ensure_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise CommunityError(_("Penangguhan akun wajib disertai alasan."))
    if user.pk == moderator.pk:
        raise CommunityError(_("Anda tidak dapat menangguhkan akun Anda sendiri."))
    if is_moderator(user):
        raise CommunityError(_("Akun moderator tidak dapat ditangguhkan di sini."))
    profile = _locked_profile(user)
    if profile.is_suspended:
        raise CommunityError(_("Akun ini sudah ditangguhkan."))
    log_moderation(
        moderator=moderator,
        action=Action.SUSPEND,
        target_kind=Target.USER,
        target_id=user.pk,
        reason=reason,
    )
    profile.suspended_at = timezone.now()
    profile.suspension_reason = reason
    profile.save(update_fields=["suspended_at", "suspension_reason"])
    return profile


@transaction.atomic(durable=True)
def unsuspend_account(moderator, user, reason: str) -> CitizenProfile:
    _ensure_moderator(moderator)
    profile = _locked_profile(user)
    if not profile.is_suspended:
        raise CommunityError(_("Akun ini tidak sedang ditangguhkan."))
    log_moderation(
        moderator=moderator,
        action=Action.UNSUSPEND,
        target_kind=Target.USER,
        target_id=user.pk,
        reason=reason,
        before_text=profile.suspension_reason,
    )
    profile.suspended_at = None
    profile.suspension_reason = ""
    profile.save(update_fields=["suspended_at", "suspension_reason"])
    return profile


# ---------------------------------------------------------------- maintenance


def rebuild_search_index(batch: int = 5000) -> int:
    """Recompute every post's search vector, e.g. after COMMUNITY_SEARCH_CONFIG
    changed. Set-based, batch by batch of ids."""
    config = settings.COMMUNITY_SEARCH_CONFIG
    ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            Post.objects.filter(pk__in=chunk, depth__gte=1).update(
                search_vector=SearchVector("body_markdown", weight="B", config=config)
            )
            Post.objects.filter(pk__in=chunk, depth=0).update(
                search_vector=SearchVector(
                    Subquery(
                        Thread.objects.filter(pk=OuterRef("thread_id")).values("title")
                    ),
                    weight="A",
                    config=config,
                )
                + SearchVector("body_markdown", weight="B", config=config)
            )
    return len(ids)


# ---------------------------------------------------------------- personal data


def personal_data(user) -> list[dict]:
    """The account's forum posts and reports, for the "download my data" file."""
    posts = [
        {
            "jenis": "tulisan forum",
            "topik": p.thread.topic.title,
            "utas": p.thread.title,
            "pembuka_utas": p.depth == 0,
            "isi": p.body_markdown,
            "status": p.get_status_display(),
            "dikirim_pada": p.created.isoformat(),
            "disunting_pada": p.edited_at.isoformat() if p.edited_at else None,
        }
        for p in Post.objects.filter(author=user)
        .select_related("thread__topic")
        .order_by("created", "pk")
    ]
    reports = [
        {
            "jenis": "laporan tulisan",
            "utas": r.post.thread.title,
            "alasan": r.get_reason_display(),
            "keterangan": r.note,
            "dilaporkan_pada": r.created.isoformat(),
        }
        for r in Report.objects.filter(reporter=user)
        .select_related("post__thread")
        .order_by("created", "pk")
    ]
    return posts + reports


def erase_personal_data(user) -> None:
    """Posts stay (the discussion would lose its thread otherwise) under the
    neutral name the account now carries; the free-text notes of his reports
    go. The reports themselves stay, so a hidden post's tally stays right.
    Runs inside the account deletion's transaction."""
    with transaction.atomic():
        Report.objects.filter(reporter=user).update(note="")
