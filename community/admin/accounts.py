from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from community.models import CitizenProfile, Responder


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("surel dikonfirmasi")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Sudah")), ("no", _("Belum"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(email_confirmed_at__isnull=self.value() == "no")
        return queryset


class SuspendedFilter(admin.SimpleListFilter):
    title = _("ditangguhkan")
    parameter_name = "suspended"

    def lookups(self, request, model_admin):
        return [("yes", _("Ya")), ("no", _("Tidak"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(suspended_at__isnull=self.value() == "no")
        return queryset


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = (
        "display_name",
        "user",
        "email_confirmed_at",
        "suspended_at",
        "created_at",
    )
    list_filter = (ConfirmedFilter, SuspendedFilter, "user__is_active", "created_at")
    search_fields = ("display_name", "user__username", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)
    date_hierarchy = "created_at"


@admin.register(Responder)
class ResponderAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "title", "is_active")
    list_filter = ("is_active", ("unit", admin.RelatedOnlyFieldListFilter))
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "title",
        "unit__name",
        "unit__code",
    )
    list_select_related = ("user", "unit")
    raw_id_fields = ("user", "unit")
