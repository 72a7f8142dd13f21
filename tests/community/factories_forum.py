"""Forum factories. Rows are built directly (fast, any state); tests of the
rules go through community.services.forum instead."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from community import markup
from community.models import Post, PostStatus, Report, Thread, Topic
from community.services.forum import _index
from tests.community.factories_accounts import CitizenFactory


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topik-{n}")
    title = factory.Sequence(lambda n: f"Topik {n}")
    description = "Diskusi layanan publik."


class ThreadFactory(DjangoModelFactory):
    """A thread with its opening post (post_generation `body`)."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory)
    title = factory.Sequence(lambda n: f"Utas {n}")
    author = factory.SubFactory(CitizenFactory)

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        if not create:
            return
        text = extracted or "Pelayanan di kantor ini perlu diperbaiki."
        post = Post.objects.create(
            thread=self,
            depth=0,
            author=self.author,
            body_markdown=text,
            body_html=markup.render(text),
            status=self.status,
            created=self.created,
        )
        _index(post, self.title)


class PostFactory(DjangoModelFactory):
    """A top-level reply unless `parent` is given."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(CitizenFactory)
    body_markdown = factory.Sequence(lambda n: f"Balasan nomor {n} tentang antrean.")
    body_html = factory.LazyAttribute(lambda p: markup.render(p.body_markdown))
    status = PostStatus.PUBLISHED
    parent = None
    depth = factory.LazyAttribute(lambda p: p.parent.depth + 1 if p.parent else 1)
    root = factory.LazyAttribute(
        lambda p: (p.parent.root or p.parent) if p.parent else None
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        post = super()._create(model_class, *args, **kwargs)
        _index(post)
        return post


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    post = factory.SubFactory(PostFactory)
    reporter = factory.SubFactory(CitizenFactory)
    reason = Report.Reason.SPAM


def add_replies(thread: Thread, count: int, author, *, nested: bool = True) -> None:
    """`count` published replies in bulk: top-level ones, each (when nested)
    followed by a reply to it, so the tree has two levels."""
    now = timezone.now()
    html = markup.render("Setuju, antrean lama.")
    tops = Post.objects.bulk_create(
        Post(
            thread=thread,
            depth=1,
            author=author,
            body_markdown="Setuju, antrean lama.",
            body_html=html,
            created=now,
        )
        for _ in range((count + 1) // 2 if nested else count)
    )
    if nested:
        Post.objects.bulk_create(
            Post(
                thread=thread,
                parent=top,
                root=top,
                depth=2,
                author=author,
                body_markdown="Setuju, antrean lama.",
                body_html=html,
                created=now,
            )
            for top in tops[: count - len(tops)]
        )
