"""Issue 7's acceptance: the public pages send as many queries with 20 posts as
with 2,000 (forum posts and public feedback alike)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from community.demo.forum import bench_posts
from community.models import Feedback, Thread
from tests.community.factories_feedback import CitizenFactory, FeedbackFactory
from tests.helpers import assert_constant_queries
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(role_groups):
    return CitizenFactory()


def test_forum_pages_with_20_and_2000_posts(client, author):
    def build(n):
        bench_posts(n, author=author, threads=max(1, n // 100))

    def pages():
        biggest = Thread.objects.order_by("-reply_count", "pk").first()
        for url in (
            reverse("community:forum_index"),
            reverse("community:forum_topic", args=["bench-beban"]),
            reverse("community:forum_thread", args=[biggest.pk]),
            reverse("community:search") + "?q=antrean+layanan",
        ):
            assert client.get(url).status_code == 200, url

    assert_constant_queries(build, pages, small=20, large=2000)
    assert Thread.objects.public().count() >= 20


def test_unit_pages_with_20_and_2000_feedback(client, author):
    unit = OrgUnitFactory(kind="DINAS", name="Dinas Kependudukan")

    def build(n):
        Feedback.objects.bulk_create(
            FeedbackFactory.build(unit=unit, author=author, answered=True)
            for _ in range(n)
        )

    def pages():
        for url in (
            reverse("community:index"),
            reverse("community:unit_list"),
            reverse("community:unit_detail", args=[unit.pk]),
            reverse("community:feedback_unit_list", args=[unit.pk]),
        ):
            assert client.get(url).status_code == 200, url

    assert_constant_queries(build, pages, small=20, large=2000)
    # They are all public, so the pages really listed and counted them.
    assert Feedback.objects.public().filter(unit=unit).count() == 2000
