"""The demo forums and the benchmark's bulk posts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from community.demo.forum import BIG_THREAD_TITLE, bench_posts, seed_forum
from community.models import ModerationLog, Post, PostStatus, Report, Thread
from tests.community.factories_accounts import CitizenFactory
from tests.positions.factories import EmployeeFactory, OrgUnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]


def test_seed_forum_builds_every_state_once(moderator):
    for _ in range(3):
        OrgUnitFactory()
    EmployeeFactory(name="Hendra Gunawan")
    citizens = CitizenFactory.create_batch(5)

    created = seed_forum(citizens, count_threads=12)

    assert created == Post.objects.count()
    big = Thread.objects.get(title=BIG_THREAD_TITLE)
    assert big.posts.filter(depth__gte=1).count() >= 200
    assert Post.objects.filter(status=PostStatus.HIDDEN).exists()
    pending = Post.objects.filter(status=PostStatus.PENDING)
    assert {p.review_reason.split(":")[0] for p in pending} >= {
        "Menyebut nama pegawai",
        "Dilaporkan oleh 3 akun",
    }
    assert Report.objects.count() >= 3
    assert ModerationLog.objects.filter(action="HIDE", moderator=moderator).exists()
    assert Post.objects.public().search("antrean").exists()
    assert (
        Client().get(reverse("community:forum_thread", args=[big.pk])).status_code
        == 200
    )

    assert seed_forum(citizens, count_threads=12) == 0
    assert Post.objects.count() == created


def test_bench_posts_adds_searchable_posts():
    CitizenFactory()
    assert bench_posts(300) == 300
    assert Post.objects.count() == 300
    assert not Post.objects.filter(search_vector__isnull=True).exists()
    thread = Thread.objects.first()
    assert thread.reply_count == thread.posts.filter(depth=1).count()
