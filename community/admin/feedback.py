"""Admin for feedback: services and national holidays are edited here; feedback
itself only read (its steps go through community.services.feedback so that each
is recorded and checked)."""

from __future__ import annotations

from django.contrib import admin

from community.models import Feedback, FeedbackAnswer, FeedbackEvent, Holiday, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class FeedbackEventInline(ReadOnlyInline):
    model = FeedbackEvent
    fields = ["at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


class FeedbackAnswerInline(ReadOnlyInline):
    model = FeedbackAnswer
    fields = ["round", "answered_at", "responder", "text"]
    readonly_fields = fields


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = [
        "tracking_code",
        "public_title",
        "unit",
        "category",
        "status",
        "created_at",
        "answer_due",
    ]
    list_filter = ["status", "category", "is_confidential", "is_anonymous"]
    search_fields = ["tracking_code", "public_title"]
    list_select_related = ["unit"]
    inlines = [FeedbackAnswerInline, FeedbackEventInline]
    exclude = ["photo"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
