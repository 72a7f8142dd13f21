"""The Atom feed of the forum: public posts only, newest first, no extra query
per post."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from community.services import forum as services
from tests.community.factories_forum import PostFactory, ThreadFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

FEED = reverse("community:forum_feed")


def test_the_feed_lists_public_posts_and_never_hidden_ones(moderator):
    thread = ThreadFactory(title="Lampu jalan padam di Kubang")
    shown = PostFactory(thread=thread, body_markdown="Sudah tiga malam gelap.")
    hidden = PostFactory(thread=thread, body_markdown="Kata-kata kasar di sini.")
    services.hide_post(moderator, hidden, "Kasar")

    response = Client().get(FEED)
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Lampu jalan padam di Kubang" in xml
    assert "Sudah tiga malam gelap." in xml
    assert f"#p{shown.pk}" in xml
    assert "Kata-kata kasar" not in xml


def test_the_feed_escapes_what_citizens_wrote():
    ThreadFactory(title="<script>alert(1)</script> Banjir")
    xml = Client().get(FEED).content.decode()
    assert "<script>" not in xml
    assert "&lt;script&gt;" in xml


def test_the_feed_costs_the_same_queries_for_2_and_50_posts():
    thread = ThreadFactory(title="Air PDAM keruh")

    def build(n):
        PostFactory.create_batch(n, thread=thread, body_markdown="Masih keruh.")

    assert_constant_queries(build, lambda: Client().get(FEED))


def test_the_forum_index_links_to_the_feed():
    html = Client().get(reverse("community:forum_index")).content.decode()
    assert f'href="{FEED}"' in html
