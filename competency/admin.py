"""Admin for every competency model. HR edits the dictionary, standards and the
catalogue here; seats, completion and reviews go through the services, so their
rows are read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from competency.models import (
    Assessment,
    Attendance,
    Competency,
    CompetencyLevel,
    Evaluation,
    ExternalLearning,
    PositionStandard,
    ProgramCompetency,
    Registration,
    StandardDefault,
    TrainingEvent,
    TrainingProgram,
    UnitGapSummary,
    YearlyJp,
)
from positions.admin import HistoryLinkMixin


class ReadOnlyMixin:
    """Rows written by a service (locks, waiting list, audit): looked up here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CompetencyLevelInline(admin.TabularInline):
    model = CompetencyLevel
    extra = 0
    max_num = 5


@admin.register(Competency)
class CompetencyAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("code", "name", "type", "field", "is_active")
    list_filter = ("type", "field", "is_active")
    search_fields = ("code", "name")
    readonly_fields = ("history_link",)
    inlines = [CompetencyLevelInline]


@admin.register(CompetencyLevel)
class CompetencyLevelAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("competency", "level", "description")
    list_filter = ("level", "competency__type")
    search_fields = ("competency__code", "competency__name", "description")
    list_select_related = ("competency",)
    autocomplete_fields = ("competency",)
    readonly_fields = ("history_link",)


@admin.register(StandardDefault)
class StandardDefaultAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("position_kind", "functional_level", "competency", "required_level")
    list_filter = ("position_kind", "functional_level", "competency__type")
    search_fields = ("competency__code", "competency__name")
    list_select_related = ("competency",)
    autocomplete_fields = ("competency",)
    readonly_fields = ("history_link",)


@admin.register(PositionStandard)
class PositionStandardAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("position", "competency", "required_level")
    list_filter = ("competency__type", "required_level")
    search_fields = ("position__code", "position__title", "competency__code")
    list_select_related = ("position", "competency")
    autocomplete_fields = ("position", "competency")
    readonly_fields = ("history_link",)


@admin.register(Assessment)
class AssessmentAdmin(HistoryLinkMixin, admin.ModelAdmin):
    """Add-only: a correction is a new assessment, the old one stays as history."""

    list_display = (
        "employee",
        "competency",
        "level",
        "assessed_on",
        "method",
        "assessor_name",
    )
    list_filter = ("method", "level", "competency__type")
    search_fields = ("employee__nip", "employee__name", "competency__code")
    list_select_related = ("employee", "competency")
    autocomplete_fields = ("employee", "competency", "assessor")
    date_hierarchy = "assessed_on"
    readonly_fields = ("history_link",)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)


class ProgramCompetencyInline(admin.TabularInline):
    model = ProgramCompetency
    extra = 1
    autocomplete_fields = ("competency",)


@admin.register(TrainingProgram)
class TrainingProgramAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "category_label",
        "jp_credit",
        "provider",
        "is_reform_socialisation",
        "is_active",
    )
    list_filter = ("kind", "is_reform_socialisation", "is_active")
    search_fields = ("title", "provider")
    readonly_fields = ("history_link",)
    inlines = [ProgramCompetencyInline]

    @admin.display(description=_("kategori"))
    def category_label(self, obj):
        return obj.category


@admin.register(ProgramCompetency)
class ProgramCompetencyAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("program", "competency", "target_level")
    list_filter = ("target_level", "competency__type")
    search_fields = ("program__title", "competency__code", "competency__name")
    list_select_related = ("program", "competency")
    autocomplete_fields = ("program", "competency")
    readonly_fields = ("history_link",)


@admin.register(TrainingEvent)
class TrainingEventAdmin(HistoryLinkMixin, admin.ModelAdmin):
    list_display = (
        "program",
        "start_date",
        "end_date",
        "place",
        "capacity",
        "registration_deadline",
        "organiser",
    )
    list_filter = ("program__kind",)
    search_fields = ("program__title", "place", "organiser")
    list_select_related = ("program",)
    autocomplete_fields = ("program", "organiser_unit")
    date_hierarchy = "start_date"
    readonly_fields = ("history_link",)

    def get_readonly_fields(self, request, obj=None):
        # Seats change through services.change_capacity, which fills from the waiting list.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "capacity") if obj is not None else fields


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyMixin, HistoryLinkMixin, admin.ModelAdmin):
    list_display = (
        "employee",
        "event",
        "status",
        "source",
        "waitlist_position",
        "certificate_number",
        "completed_on",
    )
    list_filter = ("status", "source")
    search_fields = (
        "employee__nip",
        "employee__name",
        "event__program__title",
        "certificate_number",
    )
    list_select_related = ("employee", "event__program")
    autocomplete_fields = ("employee", "event")
    readonly_fields = ("history_link",)


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("registration", "day", "present", "recorded_by", "recorded_at")
    list_filter = ("present",)
    search_fields = ("registration__employee__nip", "registration__employee__name")
    list_select_related = ("registration", "recorded_by")
    date_hierarchy = "day"


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("registration", "rating", "submitted_at")
    list_filter = ("rating",)
    search_fields = ("registration__event__program__title", "comments")
    list_select_related = ("registration",)


@admin.register(ExternalLearning)
class ExternalLearningAdmin(ReadOnlyMixin, HistoryLinkMixin, admin.ModelAdmin):
    list_display = ("employee", "title", "kind", "jp", "end_date", "status")
    list_filter = ("status", "kind")
    search_fields = ("employee__nip", "employee__name", "title", "provider")
    list_select_related = ("employee",)
    autocomplete_fields = ("employee",)
    date_hierarchy = "end_date"
    readonly_fields = ("history_link",)


class DerivedMixin(ReadOnlyMixin):
    """Counts the services derive from other rows: looked up, never edited."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnitGapSummary)
class UnitGapSummaryAdmin(DerivedMixin, admin.ModelAdmin):
    list_display = (
        "unit",
        "competency",
        "required_count",
        "unassessed_count",
        "below_count",
        "computed_at",
    )
    list_filter = ("competency__type",)
    search_fields = ("unit__name", "competency__code", "competency__name")
    list_select_related = ("unit", "competency")


@admin.register(YearlyJp)
class YearlyJpAdmin(DerivedMixin, admin.ModelAdmin):
    list_display = ("employee", "year", "counted")
    list_filter = ("year",)
    search_fields = ("employee__name", "employee__nip")
    list_select_related = ("employee",)
