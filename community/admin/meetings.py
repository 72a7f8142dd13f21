"""Admin for forum meetings and commitments. Registrations and the progress
history are written by community.services.meetings (locks, capacity, history
rows), so they are read-only here."""

from __future__ import annotations

from django.contrib import admin

from community.models import (
    Commitment,
    CommitmentUpdate,
    Meeting,
    MeetingRegistration,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RegistrationInline(ReadOnlyInline):
    model = MeetingRegistration
    fields = ("user", "attended", "created_at")
    readonly_fields = fields


class CommitmentUpdateInline(ReadOnlyInline):
    model = CommitmentUpdate
    fields = ("date", "status", "progress", "note", "by")
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_at", "place", "status", "minutes_published_at")
    list_filter = ("status", "registration_open")
    search_fields = ("title", "theme", "place")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    readonly_fields = ("minutes_published_at", "created_by", "created_at")
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "unit", "meeting", "due_date", "status", "progress")
    list_filter = ("status", "is_public")
    search_fields = ("description", "unit__name", "meeting__title")
    list_select_related = ("unit", "meeting")
    autocomplete_fields = ("unit", "meeting")
    # Status and progress change only through a history row (the services).
    readonly_fields = ("status", "progress", "created_by", "created_at")
    inlines = [CommitmentUpdateInline]
