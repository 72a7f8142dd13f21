"""One namespace, one URL module per area so each area's routes stay with it."""

from community import (
    urls_accounts,
    urls_feedback,
    urls_forum,
    urls_meetings,
    urls_survey,
)

app_name = "community"
urlpatterns = [
    *urls_accounts.urlpatterns,
    *urls_feedback.urlpatterns,
    *urls_forum.urlpatterns,
    *urls_meetings.urlpatterns,
    *urls_survey.urlpatterns,
]
