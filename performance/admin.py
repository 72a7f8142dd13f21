"""Admin for every performance model: a place to look things up. Every write
goes through performance.services (periods, agreement, ratings, locks,
objections), so rows are read-only here; closing a period is an action that
calls the service."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from performance import services
from performance.models import (
    BehaviourExpectation,
    CheckIn,
    Evaluation,
    Evidence,
    Feedback,
    Indicator,
    Objection,
    Period,
    PlannedResult,
    Realisation,
    Skp,
    SkpVersion,
    TalentPotential,
    UnitResult,
)
from positions.admin import HistoryLinkMixin


class ReadOnlyMixin(HistoryLinkMixin):
    """Rows written by a service: looked up here, never edited or added."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "history_link"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Period)
class PeriodAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("year", "start_date", "end_date", "status", "closed_at")
    list_filter = ("status",)
    search_fields = ("year",)
    actions = ["close"]

    @admin.action(description=_("Tutup periode terpilih"))
    def close(self, request, queryset):
        for period in queryset:
            try:
                services.close_period(period, by=request.user)
            except services.AppraisalError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)


class PlannedResultInline(ReadOnlyInline):
    model = PlannedResult
    fields = ("kind", "text", "parent", "order")
    raw_id_fields = ("parent",)


class SkpVersionInline(ReadOnlyInline):
    model = SkpVersion
    fields = ("version", "agreed_at")


@admin.register(Skp)
class SkpAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("employee", "period", "unit", "appraiser", "status", "version")
    list_filter = ("period", "status", "approach")
    search_fields = ("employee__name", "employee__nip", "appraiser__name")
    list_select_related = ("employee", "period", "unit", "appraiser")
    raw_id_fields = ("employee", "position", "unit", "appraiser", "superior")
    inlines = [PlannedResultInline, SkpVersionInline]


@admin.register(SkpVersion)
class SkpVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("skp", "version", "agreed_at")
    search_fields = ("skp__employee__name", "skp__employee__nip")
    list_select_related = ("skp__employee", "skp__period")


class IndicatorInline(ReadOnlyInline):
    model = Indicator
    fields = ("aspect", "text", "target", "order")


@admin.register(PlannedResult)
class PlannedResultAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("text", "kind", "skp")
    list_filter = ("kind", "skp__period")
    search_fields = ("text", "skp__employee__name", "skp__employee__nip")
    list_select_related = ("skp__employee", "skp__period")
    raw_id_fields = ("skp", "parent")
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("text", "aspect", "target", "rhk")
    list_filter = ("aspect",)
    search_fields = ("text", "target", "rhk__text")
    list_select_related = ("rhk",)
    raw_id_fields = ("rhk",)


@admin.register(BehaviourExpectation)
class BehaviourExpectationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("skp", "value", "text")
    list_filter = ("value",)
    search_fields = ("text", "skp__employee__name")
    list_select_related = ("skp__employee", "skp__period")
    raw_id_fields = ("skp",)


@admin.register(Realisation)
class RealisationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("indicator", "checkpoint", "recorded_at")
    list_filter = ("checkpoint",)
    search_fields = ("text", "indicator__text")
    list_select_related = ("indicator",)
    raw_id_fields = ("indicator", "recorded_by")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The file itself is not linked: it has no URL and is served only through
    services.open_evidence after the SKP's visibility check."""

    list_display = ("__str__", "kind", "content_type", "size", "uploaded_at")
    list_filter = ("kind", "content_type")
    search_fields = ("text", "url", "original_name")
    exclude = ("file",)
    raw_id_fields = ("realisation", "uploaded_by")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("skp", "given_on", "rhk", "value")
    list_filter = ("value", "skp__period")
    search_fields = ("text", "skp__employee__name")
    list_select_related = ("skp__employee", "skp__period", "rhk")
    raw_id_fields = ("skp", "rhk", "given_by")


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("skp", "checkpoint", "predikat")
    list_filter = ("checkpoint", "predikat")
    search_fields = ("skp__employee__name", "skp__employee__nip")
    list_select_related = ("skp__employee", "skp__period")
    raw_id_fields = ("skp", "recorded_by")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "employee",
        "work_results_rating",
        "behaviour_rating",
        "predikat",
        "received_at",
        "locked_at",
    )
    list_filter = ("predikat", "skp__period")
    search_fields = ("employee__name", "employee__nip")
    list_select_related = ("employee",)
    raw_id_fields = ("skp", "employee", "appraiser", "rated_by")


@admin.register(UnitResult)
class UnitResultAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("unit", "period", "org_rating", "locked_at")
    list_filter = ("period", "org_rating")
    search_fields = ("unit__name", "unit__code")
    list_select_related = ("unit", "period")
    raw_id_fields = ("unit", "rated_by", "locked_by")


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "evaluation",
        "status",
        "original_predikat",
        "decision",
        "new_predikat",
        "filed_at",
    )
    list_filter = ("status", "decision")
    search_fields = ("evaluation__employee__name", "evaluation__employee__nip")
    list_select_related = ("evaluation",)
    raw_id_fields = ("evaluation", "filed_by", "decided_by")


@admin.register(TalentPotential)
class TalentPotentialAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("employee", "period", "level", "source", "score")
    list_filter = ("period", "level", "source")
    search_fields = ("employee__name", "employee__nip", "source_text")
    list_select_related = ("employee", "period")
    raw_id_fields = ("employee", "set_by")
