"""The survey area: the participation home, the public unit pages, the SKM
questionnaire and results, HR's survey periods and the office dashboard."""

from django.urls import path

from community.views import survey, units

unit_patterns = [
    path("", units.index, name="index"),
    path("unit/", units.unit_list, name="unit_list"),
    path("unit/<int:pk>/", units.unit_detail, name="unit_detail"),
]

survey_patterns = [
    path("unit/<int:pk>/survei/", survey.survey_respond, name="survey_respond"),
    path("survei/", survey.survey_results, name="survey_results"),
    path("survei/periode/", survey.survey_periods, name="survey_periods"),
    path(
        "survei/periode/<int:pk>/tutup/",
        survey.survey_period_close,
        name="survey_period_close",
    ),
]

office_patterns = [
    path("kantor/", units.office_dashboard, name="office_dashboard"),
]

urlpatterns = [*unit_patterns, *survey_patterns, *office_patterns]
