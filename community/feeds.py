"""The forum as an Atom feed: the newest public posts, for readers and for the
city's own portal. Hidden and pending posts never reach it (Post.objects.public())."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from community.models import Post

FEED_SIZE = 30


class LatestPostsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Diskusi warga Kota Sawahlunto")
    subtitle = _("Tulisan terbaru di forum diskusi publik.")

    def link(self) -> str:
        return reverse("community:forum_index")

    def items(self):
        return (
            Post.objects.public()
            .select_related("thread")
            .order_by("-created", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Post) -> str:
        return item.thread.title

    def item_description(self, item: Post) -> str:
        # The masked Markdown source as plain text: a feed reader shows no HTML
        # the app has not written itself.
        return item.body_markdown

    def item_link(self, item: Post) -> str:
        return reverse("community:forum_thread", args=[item.thread_id]) + (
            f"#p{item.pk}"
        )

    def item_pubdate(self, item: Post):
        return item.created
