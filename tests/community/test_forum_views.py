"""Forum and moderation pages: who sees what, escaping, constant queries, and
the write pages' refusals."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import ModerationLog, Post, PostStatus, Report, Thread
from community.services import forum as services
from tests.community.factories_accounts import CitizenFactory
from tests.community.factories_forum import (
    PostFactory,
    ThreadFactory,
    TopicFactory,
    add_replies,
)
from tests.helpers import assert_constant_queries
from tests.positions.factories import EmployeeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]

SCRIPT = "<script>alert('x')</script>"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def thread_url(thread) -> str:
    return reverse("community:forum_thread", args=[thread.pk])


def search(client, q: str):
    return client.get(reverse("community:search"), {"q": q})


# ---------------------------------------------------------------- public pages


def test_public_pages_need_no_login():
    thread = ThreadFactory(title="Antrean puskesmas", body="Lama sekali")
    PostFactory(thread=thread, body_markdown="Setuju, antrean panjang")
    client = Client()

    assert client.get(reverse("community:forum_index")).status_code == 200
    topic_page = client.get(reverse("community:forum_topic", args=[thread.topic.slug]))
    assert "Antrean puskesmas" in topic_page.text
    page = client.get(thread_url(thread))
    assert "Setuju, antrean panjang" in page.text
    assert "Antrean puskesmas" in search(client, "antrean").text


def test_an_inactive_topic_is_a_404_to_the_public(moderator):
    thread = ThreadFactory(topic=TopicFactory(is_active=False))

    assert Client().get(thread_url(thread)).status_code == 404
    assert (
        Client()
        .get(reverse("community:forum_topic", args=[thread.topic.slug]))
        .status_code
        == 404
    )
    assert login(moderator).get(thread_url(thread)).status_code == 200


def test_script_in_titles_bodies_and_names_is_escaped(moderator):
    author = CitizenFactory(profile__display_name=f"Ani {SCRIPT}")
    thread = ThreadFactory(
        title=f"Judul {SCRIPT} jalan", author=author, body=f"Isi {SCRIPT} jalan"
    )
    reply = PostFactory(thread=thread, author=author, body_markdown=f"{SCRIPT} jalan")
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.PENDING)
    pages = [
        Client().get(reverse("community:forum_topic", args=[thread.topic.slug])),
        Client().get(thread_url(thread)),
        search(Client(), "jalan"),
        login(moderator).get(reverse("community:moderation")),
        login(moderator).get(reverse("community:moderation_post", args=[reply.pk])),
    ]
    for response in pages:
        assert response.status_code == 200
        assert SCRIPT not in response.text
        assert "<script>alert" not in response.text


class _Tags(HTMLParser):
    """Every element of a page with its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def active_content(html: str) -> list[str]:
    """What in a page could run script: inline scripts, event handlers,
    javascript: links, images and frames."""
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            found.append(tag)
        if tag in {"img", "iframe", "object", "embed"}:
            found.append(tag)
        found += [name for name in attrs if name.startswith("on")]
        if (attrs.get("href") or "").strip().lower().startswith("javascript:"):
            found.append("javascript:")
    return found


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://x.id" onclick="alert(1)">a</a>',
        "<iframe src='https://x.id'></iframe>",
        "![gambar](https://x.id/a.png)",
    ],
)
def test_markdown_is_sanitised_on_the_thread_page(body):
    thread = ThreadFactory()
    post = services.create_reply(CitizenFactory(), thread, body)

    html = Client().get(thread_url(thread)).text

    assert active_content(post.body_html) == []
    assert active_content(html) == []
    assert post.body_html in html


def test_links_are_nofollow():
    thread = ThreadFactory()
    post = services.create_reply(
        CitizenFactory(), thread, "[aturan](https://jdih.sawahluntokota.go.id)"
    )
    assert 'rel="nofollow ugc noopener"' in post.body_html


# ---------------------------------------------------------------- hidden content


def test_a_hidden_post_leaves_a_placeholder_and_keeps_the_tree(moderator):
    thread = ThreadFactory()
    hidden = PostFactory(thread=thread, body_markdown="Kata kasar sekali")
    child = PostFactory(thread=thread, parent=hidden, body_markdown="Jawaban sopan")
    services.hide_post(moderator, hidden, "Kasar")

    html = Client().get(thread_url(thread)).text

    assert "Kata kasar sekali" not in html
    assert "Tulisan ini disembunyikan moderator." in html
    assert "Jawaban sopan" in html
    assert f'id="p{child.pk}"' in html


def test_the_author_sees_his_pending_post_marked_and_others_do_not():
    EmployeeFactory(name="Budi Santoso")
    thread = ThreadFactory()
    author = CitizenFactory()
    services.create_reply(author, thread, "Budi Santoso tidak ramah")

    own = login(author).get(thread_url(thread)).text
    other = login(CitizenFactory()).get(thread_url(thread)).text

    assert "Budi Santoso tidak ramah" in own
    assert 'data-testid="pending"' in own
    assert "Budi Santoso tidak ramah" not in other
    assert "Tulisan ini sedang ditinjau moderator." in other


def test_a_pending_thread_is_seen_by_its_author_only():
    EmployeeFactory(name="Budi Santoso")
    author = CitizenFactory()
    thread = services.create_thread(author, TopicFactory(), "Soal Budi Santoso", "Isi")
    topic_url = reverse("community:forum_topic", args=[thread.topic.slug])

    assert login(author).get(thread_url(thread)).status_code == 200
    assert Client().get(thread_url(thread)).status_code == 404
    assert "Soal Budi Santoso" not in Client().get(topic_url).text


def test_reports_past_the_threshold_remove_a_thread_from_list_page_and_search(
    settings,
):
    settings.COMMUNITY_REPORT_HIDE_THRESHOLD = 3
    thread = ThreadFactory(title="Promo obat kuat", body="Beli obat kuat murah")
    reply = PostFactory(body_markdown="Obat kuat di sini", thread=ThreadFactory())
    topic_url = reverse("community:forum_topic", args=[thread.topic.slug])
    assert "Promo obat kuat" in Client().get(topic_url).text
    assert len(search(Client(), "obat").context["rows"]) == 2

    for reporter in CitizenFactory.create_batch(3):
        services.report_post(reporter, thread.posts.get(), "SPAM")
        login(reporter).post(
            reverse("community:forum_post_report", args=[reply.pk]), {"reason": "SPAM"}
        )

    assert "Promo obat kuat" not in Client().get(topic_url).text
    assert Client().get(thread_url(thread)).status_code == 404
    assert "Obat kuat di sini" not in Client().get(thread_url(reply.thread)).text
    result = search(Client(), "obat")
    assert result.context["rows"] == []
    assert "obat kuat" not in result.text.lower().replace("«obat»", "")


# ---------------------------------------------------------------- constant queries


def test_thread_page_query_count_does_not_grow_with_replies(client_for):
    thread = ThreadFactory()
    author = CitizenFactory()

    for persona in ("anonymous", "citizen"):
        client = client_for(persona)
        Post.objects.filter(thread=thread, depth__gte=1).delete()
        assert_constant_queries(
            lambda n: add_replies(thread, n, author),
            lambda client=client: client.get(thread_url(thread)),
            small=2,
            large=50,
        )


def test_topic_index_and_search_query_counts_are_constant():
    topic = TopicFactory()
    author = CitizenFactory()

    def build(n):
        for _ in range(n):
            ThreadFactory(topic=topic, author=author, title="Lampu jalan padam")

    client = Client()
    assert_constant_queries(
        build,
        lambda: (
            client.get(reverse("community:forum_topic", args=[topic.slug])),
            client.get(reverse("community:forum_index")),
            search(client, "lampu"),
        ),
        small=2,
        large=30,
    )


# ---------------------------------------------------------------- writing pages


def test_anonymous_is_sent_to_login_for_writing():
    thread = ThreadFactory()
    for url in (
        reverse("community:forum_thread_create", args=[thread.topic.slug]),
        reverse("community:forum_reply", args=[thread.pk]),
        reverse("community:forum_post_report", args=[thread.posts.get().pk]),
        reverse("community:forum_post_edit", args=[thread.posts.get().pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_citizen_opens_a_thread_and_replies(citizen):
    topic = TopicFactory()
    client = login(citizen)

    response = client.post(
        reverse("community:forum_thread_create", args=[topic.slug]),
        {"title": "Jam buka kantor", "body": "Kapan buka?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("community:forum_reply", args=[thread.pk]), {"body": "Sudah dijawab"}
    )
    reply = thread.posts.get(depth=1)
    assert response["Location"].endswith(f"#p{reply.pk}")


def test_the_honeypot_refuses_a_bot(citizen):
    topic = TopicFactory()
    response = login(citizen).post(
        reverse("community:forum_thread_create", args=[topic.slug]),
        {"title": "Promo", "body": "Beli", "website": "http://spam"},
    )
    assert response.status_code == 200
    assert not Thread.objects.exists()


def test_the_post_rate_limit_answers_clearly_and_keeps_nothing(settings, citizen):
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "post": (1, 600),
    }
    thread = ThreadFactory()
    client = login(citizen)
    url = reverse("community:forum_reply", args=[thread.pk])
    client.post(url, {"body": "satu"})

    response = client.post(url, {"body": "dua"})

    assert response.status_code == 200
    assert "Terlalu banyak permintaan" in response.text
    assert list(
        thread.posts.filter(depth=1).values_list("body_markdown", flat=True)
    ) == ["satu"]


def test_a_suspended_citizen_is_told_why(moderator, citizen):
    services.suspend_account(moderator, citizen, "Menyebar hoaks berulang")
    thread = ThreadFactory()

    response = login(citizen).post(
        reverse("community:forum_reply", args=[thread.pk]), {"body": "halo"}
    )

    assert "Menyebar hoaks berulang" in response.text
    assert not thread.posts.filter(depth=1).exists()


def test_a_fourth_level_reply_is_refused_with_a_message(citizen):
    third = PostFactory(parent=PostFactory(parent=PostFactory()))

    response = login(citizen).post(
        reverse("community:forum_reply", args=[third.thread_id]),
        {"body": "terlalu dalam", "parent": third.pk},
    )

    assert "paling dalam 3 tingkat" in response.text
    assert not Post.objects.filter(depth=4).exists()


def test_editing_someone_elses_post_is_a_404(citizen):
    post = PostFactory()
    url = reverse("community:forum_post_edit", args=[post.pk])

    assert login(citizen).get(url).status_code == 404
    assert login(citizen).post(url, {"body": "ganti"}).status_code == 404
    post.refresh_from_db()
    assert post.body_markdown != "ganti"


def test_own_post_edit_within_and_after_the_window(citizen):
    post = PostFactory(author=citizen)
    url = reverse("community:forum_post_edit", args=[post.pk])

    assert login(citizen).post(url, {"body": "diperbaiki"}).status_code == 302
    post.refresh_from_db()
    assert post.body_markdown == "diperbaiki"

    Post.objects.filter(pk=post.pk).update(created=timezone.now() - timedelta(hours=1))
    response = login(citizen).post(url, {"body": "lagi"}, follow=True)
    assert "tidak dapat disunting lagi" in response.text
    post.refresh_from_db()
    assert post.body_markdown == "diperbaiki"


def test_a_post_is_reported_once_per_account_through_the_page(citizen):
    post = PostFactory()
    url = reverse("community:forum_post_report", args=[post.pk])
    client = login(citizen)

    assert client.post(url, {"reason": "SPAM"}).status_code == 302
    response = client.post(url, {"reason": "ABUSE"})

    assert "sudah melaporkan" in response.text
    assert Report.objects.filter(post=post).count() == 1


# ---------------------------------------------------------------- moderation pages

MODERATION_PAGES = ["moderation", "moderation_log", "moderation_post"]


@pytest.mark.parametrize(
    "persona", ["hr_officer", "supervisor", "employee", "citizen", "anonymous"]
)
@pytest.mark.parametrize("page", MODERATION_PAGES)
def test_moderation_pages_refuse_other_roles(client_for, persona, page):
    post = PostFactory()
    args = [post.pk] if page == "moderation_post" else []

    response = client_for(persona).get(reverse(f"community:{page}", args=args))

    assert response.status_code == (302 if persona == "anonymous" else 403)


@pytest.mark.parametrize("page", MODERATION_PAGES)
def test_moderation_pages_open_for_moderators(client_for, page):
    post = PostFactory()
    args = [post.pk] if page == "moderation_post" else []
    assert (
        client_for("moderator").get(reverse(f"community:{page}", args=args)).status_code
        == 200
    )


def test_moderation_of_a_missing_post_is_a_404(client_for):
    url = reverse("community:moderation_post", args=[999999])
    assert client_for("moderator").get(url).status_code == 404


def test_suspension_page_refuses_citizens(client_for, citizen):
    url = reverse("community:moderation_account", args=[citizen.pk])
    response = client_for("citizen").post(url, {"action": "suspend", "reason": "x"})
    assert response.status_code == 403
    assert not ModerationLog.objects.exists()


def test_the_queue_lists_pending_reported_and_hidden_posts(client_for, moderator):
    pending = PostFactory(status=PostStatus.PENDING)
    reported = PostFactory()
    Post.objects.filter(pk=reported.pk).update(open_reports=1)
    hidden = PostFactory(status=PostStatus.HIDDEN)
    fine = PostFactory()

    queue = client_for("moderator").get(reverse("community:moderation")).text

    for post in (pending, reported, hidden):
        assert f'data-post="{post.pk}"' in queue
    assert f'data-post="{fine.pk}"' not in queue


def test_moderator_hides_with_a_reason_through_the_page(client_for, moderator):
    post = PostFactory()
    url = reverse("community:moderation_post", args=[post.pk])
    client = client_for("moderator")

    client.post(url, {"action": "hide", "reason": ""})
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED

    client.post(url, {"action": "hide", "reason": "Menghina"})
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    log_page = client.get(reverse("community:moderation_log")).text
    assert "Menghina" in log_page


def test_moderator_suspends_through_the_page(client_for, citizen):
    url = reverse("community:moderation_account", args=[citizen.pk])
    client_for("moderator").post(url, {"action": "suspend", "reason": "Spam iklan"})

    assert citizen.citizen_profile.__class__.objects.get(user=citizen).is_suspended
    queue = client_for("moderator").get(reverse("community:moderation")).text
    assert "Spam iklan" in queue
