"""SKM periods and answers. Answers are read-only here: a changed score would
silently change a published index."""

from django.contrib import admin

from community.models import SurveyPeriod, SurveyResponse


@admin.register(SurveyPeriod)
class SurveyPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["period", "unit", "submitted_at"]
    list_filter = ["period"]
    list_select_related = ["period", "unit"]
    raw_id_fields = ["unit", "respondent", "service"]
    search_fields = ["unit__name"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
