"""Admin for forum topics. Threads, posts, reports and the moderation log are
written by community.services.forum (masks, review, locks, log rows), so they
are read-only here; moderators work in the moderation pages."""

from __future__ import annotations

from django.contrib import admin

from community.models import ModerationLog, Post, Report, Thread, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "unit", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("unit",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ("title", "topic", "status", "reply_count", "last_post_at")
    list_filter = ("status", "topic")
    search_fields = ("title",)
    list_select_related = ("topic",)


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ("pk", "thread", "depth", "status", "open_reports", "created")
    list_filter = ("status",)
    list_select_related = ("thread",)
    exclude = ("search_vector",)
    show_full_result_count = False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("post", "reason", "created", "resolved_at")
    list_filter = ("reason",)


@admin.register(ModerationLog)
class ModerationLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "moderator", "action", "target_kind", "target_id")
    list_filter = ("action", "target_kind")
    list_select_related = ("moderator",)
