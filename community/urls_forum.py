from django.urls import path

from community.feeds import LatestPostsFeed
from community.views import forum

urlpatterns = [
    path("diskusi/", forum.forum_index, name="forum_index"),
    path("diskusi/terbaru.atom", LatestPostsFeed(), name="forum_feed"),
    path("diskusi/topik/<slug:slug>/", forum.forum_topic, name="forum_topic"),
    path(
        "diskusi/topik/<slug:slug>/utas-baru/",
        forum.forum_thread_create,
        name="forum_thread_create",
    ),
    path("diskusi/utas/<int:pk>/", forum.forum_thread, name="forum_thread"),
    path("diskusi/utas/<int:pk>/balas/", forum.forum_reply, name="forum_reply"),
    path(
        "diskusi/tulisan/<int:pk>/sunting/",
        forum.forum_post_edit,
        name="forum_post_edit",
    ),
    path(
        "diskusi/tulisan/<int:pk>/laporkan/",
        forum.forum_post_report,
        name="forum_post_report",
    ),
    path("cari/", forum.search, name="search"),
    path("moderasi/", forum.moderation, name="moderation"),
    path("moderasi/tulisan/<int:pk>/", forum.moderation_post, name="moderation_post"),
    path(
        "moderasi/akun/<int:pk>/", forum.moderation_account, name="moderation_account"
    ),
    path("moderasi/log/", forum.moderation_log, name="moderation_log"),
]
