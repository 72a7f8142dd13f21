"""Admin for every registry model. Writes that have rules go through the services."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from positions import services
from positions.models import (
    BlockedWindow,
    EducationHistory,
    EducationLevel,
    Employee,
    ImportBatch,
    Move,
    OrgUnit,
    Placement,
    Position,
    Rank,
    RankHistory,
    RetirementRule,
    RotationBatch,
)


class HistoryLinkMixin:
    """A read-only link to the object's audit trail (django-pghistory)."""

    @admin.display(description=_("riwayat perubahan"))
    def history_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse(
            "audit_history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk]
        )
        return format_html('<a href="{}">{}</a>', url, _("lihat riwayat"))


@admin.register(Rank)
class RankAdmin(admin.ModelAdmin):
    list_display = ("code", "grade", "name", "scheme", "ordinal")
    list_filter = ("scheme",)
    search_fields = ("code", "grade", "name")


@admin.register(EducationLevel)
class EducationLevelAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "ordinal")
    search_fields = ("code", "name")


@admin.register(RetirementRule)
class RetirementRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "level", "age")
    list_filter = ("kind",)


@admin.register(OrgUnit)
class OrgUnitAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth", "history_link")

    def save_model(self, request, obj, form, change):
        services.save_org_unit(obj)


@admin.register(Position)
class PositionAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "code",
        "unit",
        "kind",
        "level",
        "eselon",
        "job_class",
        "needs",
    )
    list_filter = ("kind", "field", "eselon", "is_active")
    search_fields = ("code", "title", "unit__name")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit", "supervisor")
    readonly_fields = ("retirement_rule", "history_link")

    def save_model(self, request, obj, form, change):
        services.save_position(obj)


class RankHistoryInline(admin.TabularInline):
    model = RankHistory
    extra = 0
    autocomplete_fields = ()


class EducationHistoryInline(admin.TabularInline):
    model = EducationHistory
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("name", "nip", "status", "rank", "education", "is_active")
    list_filter = ("status", "gender", "is_active", "rank__scheme")
    search_fields = ("nip", "name")
    list_select_related = ("rank", "education")
    autocomplete_fields = ("user",)
    readonly_fields = ("rank", "rank_date", "education", "history_link")
    inlines = [RankHistoryInline, EducationHistoryInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_latest_rank(form.instance)
        services.refresh_highest_education(form.instance)


@admin.register(RankHistory)
class RankHistoryAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("employee", "rank", "effective_date", "decree_number")
    list_select_related = ("employee", "rank")
    search_fields = ("employee__nip", "employee__name", "decree_number")
    autocomplete_fields = ("employee",)
    readonly_fields = ("history_link",)


@admin.register(EducationHistory)
class EducationHistoryAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("employee", "level", "major", "graduation_year")
    list_select_related = ("employee", "level")
    search_fields = ("employee__nip", "employee__name", "major")
    autocomplete_fields = ("employee",)
    readonly_fields = ("history_link",)


@admin.register(Placement)
class PlacementAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = (
        "employee",
        "position",
        "kind",
        "start_date",
        "end_date",
        "decree_number",
    )
    list_filter = ("kind",)
    search_fields = (
        "employee__nip",
        "employee__name",
        "position__title",
        "decree_number",
    )
    list_select_related = ("employee", "position")
    autocomplete_fields = ("employee", "position")
    date_hierarchy = "start_date"
    readonly_fields = ("history_link",)

    # Placements are written only through the HR pages and the import, where the
    # seat count is checked under a row lock; here they are looked up and audited.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(HistoryLinkMixin, admin.ModelAdmin):
    """Uploads are previewed and committed on the HR import pages; here they are looked up."""

    list_display = ("filename", "kind", "uploaded_by", "created_at", "committed_at")
    list_filter = ("kind",)
    search_fields = ("filename", "sha256", "uploaded_by__username")
    list_select_related = ("uploaded_by",)
    exclude = ("content",)
    readonly_fields = ("history_link",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MoveInline(admin.TabularInline):
    model = Move
    extra = 0
    autocomplete_fields = ("employee", "from_position", "to_position")


@admin.register(RotationBatch)
class RotationBatchAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("title", "effective_date", "status", "created_by", "created_at")
    list_filter = ("status",)
    search_fields = ("title",)
    list_select_related = ("created_by",)
    readonly_fields = ("status", "created_by", "history_link")
    inlines = [MoveInline]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Move)
class MoveAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("employee", "batch", "kind", "from_position", "to_position")
    list_filter = ("kind",)
    search_fields = ("employee__nip", "employee__name", "batch__title")
    list_select_related = ("employee", "batch", "from_position", "to_position")
    autocomplete_fields = ("employee", "from_position", "to_position")
    readonly_fields = ("history_link",)


@admin.register(BlockedWindow)
class BlockedWindowAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("label", "kind", "start_date", "end_date")
    list_filter = ("kind",)
    search_fields = ("label",)
    readonly_fields = ("history_link",)
