"""Discussion forums, moderation and the public search (issue 7, items 3, 4, 6).

Public (no login): the topic index, a topic's threads, a thread, the search.
Signed-in accounts open threads, reply, edit their own posts within the edit
window and report posts. Moderators work the review queue, act on posts and
accounts, and read the moderation log.

Short views: parse, call community.services.forum, respond. Refusals are
CommunityError messages in Indonesian.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import ratelimit
from community.forms.forum import (
    EditForm,
    ModerationActionForm,
    QueueFilterForm,
    ReplyForm,
    ReportForm,
    SearchForm,
    SuspensionForm,
    ThreadForm,
)
from community.models import (
    CitizenProfile,
    ModerationLog,
    Post,
    PostStatus,
    Report,
    Thread,
    Topic,
)
from community.models.forum import MAX_DEPTH
from community.services import forum as services
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import get_visible_or_404, role_required
from sawahlunto_asn.lib.responses import flash_errors, query_without

THREADS_PER_PAGE = 20
REPLIES_PER_PAGE = 20  # top-level replies; their nested replies come along
RESULTS_PER_PAGE = 20
QUEUE_PER_PAGE = 25
LOG_PER_PAGE = 50
# ts_headline's markers: characters nobody types, swapped for <mark> after
# the snippet has been escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"

AUTHOR = ("author__citizen_profile", "author__responder__unit")


# ---------------------------------------------------------------- helpers


def _thread_url(thread_id: int, page: int | None = None, anchor: str = "") -> str:
    url = reverse("community:forum_thread", args=[thread_id])
    if page and page > 1:
        url += f"?page={page}"
    return url + (f"#{anchor}" if anchor else "")


def _post_url(post: Post) -> str:
    """The thread page that shows `post`, scrolled to it."""
    if post.depth == 0:
        return _thread_url(post.thread_id)
    top_created, top_id = (
        (post.created, post.pk)
        if post.root_id is None
        else Post.objects.filter(pk=post.root_id).values_list("created", "pk").get()
    )
    before = Post.objects.filter(
        Q(created__lt=top_created) | Q(created=top_created, pk__lt=top_id),
        thread_id=post.thread_id,
        depth=1,
    ).count()
    return _thread_url(post.thread_id, before // REPLIES_PER_PAGE + 1, f"p{post.pk}")


def _highlight(snippet: str) -> SafeString:
    """An escaped ts_headline snippet with its markers turned into <mark>."""
    html = escape(snippet or "")
    # Safe: escaped above; only our own markers become tags.
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def _tree(opening: Post, tops: list[Post], nested: list[Post], user) -> list[dict]:
    """Posts in reading order (each top-level reply followed by its replies,
    depth-first), each with what the viewer may see and do."""
    now = timezone.now()
    children: dict[int, list[Post]] = {}
    for post in nested:
        children.setdefault(post.parent_id, []).append(post)
    rows: list[dict] = []

    def add(post: Post) -> None:
        rows.append(
            {
                "post": post,
                "visible": post.body_visible_to(user),
                "editable": post.may_be_edited_by(user, now),
                "may_reply": post.status == PostStatus.PUBLISHED
                and post.depth < MAX_DEPTH,
                "own": user.is_authenticated and post.author_id == user.pk,
            }
        )
        for child in children.get(post.pk, []):
            add(child)

    for top in tops:
        add(top)
    return rows


# ---------------------------------------------------------------- public


def forum_index(request: HttpRequest) -> HttpResponse:
    topics = (
        Topic.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(
            thread_count=Count(
                "threads", filter=Q(threads__status=PostStatus.PUBLISHED)
            )
        )
        .order_by("unit__name", "title", "pk")
    )
    return render(request, "community/forum_index.html", {"topics": topics})


def forum_topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_visible_or_404(
        Topic.objects.select_related("unit"), request.user, slug=slug
    )
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(topic=topic)
        .select_related(*AUTHOR)
        .order_by("-last_post_at", "-pk")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/forum_topic.html",
        {"topic": topic, "page": page, "query": query_without(request, "page")},
    )


def forum_thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_visible_or_404(
        Thread.objects.select_related("topic__unit"), request.user, pk=pk
    )
    opening = Post.objects.select_related(*AUTHOR).get(thread=thread, depth=0)
    tops = Post.objects.filter(thread=thread, depth=1).select_related(*AUTHOR)
    page = Paginator(tops.order_by("created", "pk"), REPLIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    ids = [post.pk for post in page]
    nested = list(
        Post.objects.filter(root_id__in=ids)
        .select_related(*AUTHOR)
        .order_by("created", "pk")
    )
    user = request.user
    context = {
        "thread": thread,
        "topic": thread.topic,
        "opening": _tree(opening, [opening], [], user)[0],
        "rows": _tree(opening, list(page), nested, user),
        "page": page,
        "query": query_without(request, "page"),
        "reply_form": ReplyForm() if user.is_authenticated else None,
        "is_moderator": user.has_perm(roles.MODERATOR.perm),
    }
    return render(request, "community/forum_thread.html", context)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page, rows = None, []
    text = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if text:
        matches = Post.objects.public().search(text).values_list("pk", flat=True)
        page = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        ids = list(page)
        query = SearchQuery(
            text, config=settings.COMMUNITY_SEARCH_CONFIG, search_type="websearch"
        )
        found = (
            Post.objects.filter(pk__in=ids)
            .select_related("thread__topic", *AUTHOR)
            .annotate(
                headline=SearchHeadline(
                    "body_markdown",
                    query,
                    config=settings.COMMUNITY_SEARCH_CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=35,
                    min_words=15,
                )
            )
        )
        by_id = {post.pk: post for post in found}
        rows = [
            {"post": by_id[pk], "snippet": _highlight(by_id[pk].headline)}
            for pk in ids
            if pk in by_id
        ]
    return render(
        request,
        "community/forum_search.html",
        {
            "form": form,
            "text": text,
            "page": page,
            "rows": rows,
            "query": query_without(request, "page"),
        },
    )


# ---------------------------------------------------------------- writing


def _limited(request: HttpRequest, action: str, form) -> bool:
    """Count the attempt; on refusal put the message on the form."""
    try:
        ratelimit.limit(request, action)
    except ratelimit.RateLimited as error:
        form.add_error(None, error.messages[0])
        return True
    return False


@login_required
def forum_thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_visible_or_404(Topic.objects.all(), request.user, slug=slug)
    form = ThreadForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not _limited(request, "post", form)
    ):
        try:
            thread = services.create_thread(
                request.user,
                topic,
                form.cleaned_data["title"],
                form.cleaned_data["body"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if thread.status == PostStatus.PENDING:
                messages.info(request, _("Utas Anda menunggu tinjauan moderator."))
            else:
                messages.success(request, _("Utas Anda sudah terbit."))
            return redirect("community:forum_thread", pk=thread.pk)
    return render(
        request, "community/forum_thread_create.html", {"topic": topic, "form": form}
    )


@login_required
def forum_reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_visible_or_404(
        Thread.objects.select_related("topic"), request.user, pk=pk
    )
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    if parent_id:
        parent = get_object_or_404(
            Post.objects.visible_to(request.user).select_related(*AUTHOR),
            pk=parent_id if str(parent_id).isdigit() else 0,
            thread=thread,
        )
    form = ReplyForm(
        request.POST or None, initial={"parent": parent.pk if parent else None}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and not _limited(request, "post", form)
    ):
        try:
            post = services.create_reply(
                request.user, thread, form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if post.status == PostStatus.PENDING:
                messages.info(
                    request,
                    _(
                        "Balasan Anda menyebut nama pegawai dan menunggu tinjauan moderator."
                    ),
                )
            else:
                messages.success(request, _("Balasan Anda sudah terbit."))
            return redirect(_post_url(post))
    return render(
        request,
        "community/forum_reply.html",
        {"thread": thread, "topic": thread.topic, "parent": parent, "form": form},
    )


@login_required
def forum_post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's post is a 404: its existence in the edit URL tells nothing.
    post = get_object_or_404(
        Post.objects.filter(author=request.user).select_related("thread__topic"), pk=pk
    )
    thread = post.thread
    with_title = post.depth == 0
    initial = {"body": post.body_markdown, "title": thread.title}
    form = EditForm(request.POST or None, initial=initial, with_title=with_title)
    if not post.may_be_edited_by(request.user):
        messages.error(
            request,
            _(
                "Tulisan ini tidak dapat disunting lagi (batas %(n)d menit, atau "
                "disembunyikan moderator)."
            )
            % {"n": _edit_minutes()},
        )
        return redirect(_post_url(post))
    if request.method == "POST" and form.is_valid():
        try:
            post = services.edit_post(
                request.user,
                post,
                form.cleaned_data["body"],
                title=form.cleaned_data.get("title") if with_title else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect(_post_url(post))
    return render(
        request,
        "community/forum_post_edit.html",
        {"post": post, "thread": thread, "topic": thread.topic, "form": form},
    )


def _edit_minutes() -> int:
    return settings.COMMUNITY_FORUM_EDIT_MINUTES


@login_required
def forum_post_report(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.public().select_related("thread__topic", *AUTHOR), pk=pk
    )
    form = ReportForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not _limited(request, "report", form)
    ):
        try:
            services.report_post(
                request.user,
                post,
                form.cleaned_data["reason"],
                form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Terima kasih, laporan Anda diterima dan akan ditinjau.")
            )
            return redirect(_thread_url(post.thread_id))
    return render(
        request,
        "community/forum_post_report.html",
        {"post": post, "thread": post.thread, "topic": post.thread.topic, "form": form},
    )


# ---------------------------------------------------------------- moderation


@role_required(roles.MODERATOR)
def moderation(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    posts = Post.objects.filter(~Q(status=PostStatus.PUBLISHED) | Q(open_reports__gt=0))
    if state == "reported":
        posts = posts.filter(open_reports__gt=0)
    elif state:
        posts = posts.filter(status=state)
    posts = (
        posts.select_related("thread__topic", *AUTHOR)
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved_at__isnull=True),
                to_attr="open_report_list",
            )
        )
        .order_by("-created", "-pk")
    )
    page = Paginator(posts, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    suspended = (
        CitizenProfile.objects.filter(suspended_at__isnull=False)
        .select_related("user")
        .order_by("-suspended_at")[:50]
    )
    return render(
        request,
        "community/moderation.html",
        {
            "form": form,
            "page": page,
            "query": query_without(request, "page"),
            "suspended": suspended,
        },
    )


@role_required(roles.MODERATOR)
def moderation_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.select_related("thread__topic", *AUTHOR), pk=pk
    )
    form = ModerationActionForm(
        request.POST or None,
        initial={"body": post.body_markdown, "title": post.thread.title},
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            acts = {
                "hide": lambda: services.hide_post(request.user, post, data["reason"]),
                "restore": lambda: services.restore_post(
                    request.user, post, data["reason"]
                ),
                "approve": lambda: services.approve_post(
                    request.user, post, data["reason"]
                ),
                "edit": lambda: services.moderator_edit_post(
                    request.user,
                    post,
                    data["body"],
                    data["reason"],
                    title=data["title"] if post.depth == 0 else None,
                ),
            }
            try:
                acts[data["action"]]()
            except ValidationError as error:
                flash_errors(request, error)
            else:
                messages.success(request, _("Tindakan moderasi dicatat."))
        else:
            messages.error(request, _("Periksa kembali isian tindakan moderasi."))
        return redirect("community:moderation_post", pk=post.pk)
    context = {
        "post": post,
        "thread": post.thread,
        "form": form,
        "reports": post.reports.select_related("reporter__citizen_profile"),
        "log": ModerationLog.objects.filter(
            target_kind="post", target_id=post.pk
        ).select_related("moderator")[:50],
        "suspension_form": SuspensionForm(),
        "author_profile": CitizenProfile.objects.filter(user_id=post.author_id).first(),
    }
    return render(request, "community/moderation_post.html", context)


@role_required(roles.MODERATOR)
@require_POST
def moderation_account(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(get_user_model(), pk=pk)
    form = SuspensionForm(request.POST)
    if form.is_valid():
        act = (
            services.suspend_account
            if form.cleaned_data["action"] == "suspend"
            else services.unsuspend_account
        )
        try:
            act(request.user, account, form.cleaned_data["reason"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Tindakan atas akun dicatat."))
    else:
        messages.error(
            request, _("Penangguhan dan pencabutannya wajib disertai alasan.")
        )
    back = request.POST.get("post")
    if back and back.isdigit():
        return redirect("community:moderation_post", pk=int(back))
    return redirect("community:moderation")


@role_required(roles.MODERATOR)
def moderation_log(request: HttpRequest) -> HttpResponse:
    entries = ModerationLog.objects.select_related("moderator").order_by("-at", "-pk")
    kind = request.GET.get("kind", "")
    if kind in ModerationLog.Target.values:
        entries = entries.filter(target_kind=kind)
    page = Paginator(entries, LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/moderation_log.html",
        {
            "page": page,
            "kind": kind,
            "kinds": ModerationLog.Target.choices,
            "query": query_without(request, "page"),
        },
    )
