"""Review pass: the participation pages lead to each other, breadcrumbs share one
root, the survey's rate-limit message names its action, and no page relies on
inline styles (the content security policy blocks them)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community import ratelimit
from tests.community.factories_feedback import FeedbackFactory
from tests.community.factories_forum import ThreadFactory, TopicFactory
from tests.community.factories_meetings import CommitmentFactory, MeetingFactory
from tests.community.factories_survey import SurveyPeriodFactory
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

ROOT_LABEL = "Beranda Partisipasi"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def hrefs(html: str) -> set[str]:
    return {h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)}


def breadcrumbs(html: str) -> str:
    match = re.search(r'<ol class="breadcrumb">(.*?)</ol>', html, re.S)
    assert match, "no breadcrumbs"
    return match.group(1)


@pytest.mark.parametrize("persona", ["anonymous", "citizen"])
def test_participation_home_leads_to_every_area(client_for, persona):
    links = hrefs(page(client_for(persona), reverse("community:index")))
    for name in (
        "unit_list",
        "forum_index",
        "search",
        "meeting_list",
        "commitment_list",
        "feedback_track",
        "feedback_submit",
        "survey_results",
    ):
        assert reverse(f"community:{name}") in links, name


def test_unit_detail_links_to_feedback_survey_forum_and_meetings(client_for, citizen):
    unit = OrgUnitFactory()
    topic = TopicFactory(unit=unit)
    meeting = MeetingFactory(unit=unit)
    CommitmentFactory(unit=unit, is_public=True)
    today = timezone.localdate()
    SurveyPeriodFactory(
        start_date=today - timedelta(days=5),
        end_date=today + timedelta(days=5),
    )
    html = page(client_for("citizen"), reverse("community:unit_detail", args=[unit.pk]))
    links = hrefs(html)
    assert reverse("community:feedback_unit_list", args=[unit.pk]) in links
    assert f"{reverse('community:feedback_submit')}?unit={unit.pk}" in links
    assert reverse("community:survey_respond", args=[unit.pk]) in links
    assert reverse("community:forum_topic", args=[topic.slug]) in links
    assert reverse("community:meeting_detail", args=[meeting.pk]) in links
    assert f"{reverse('community:commitment_list')}?unit={unit.pk}" in links


def test_unit_detail_without_topic_or_commitments_hides_those_links(client_for):
    unit = OrgUnitFactory()
    TopicFactory(unit=OrgUnitFactory())  # another unit's topic
    html = page(
        client_for("anonymous"), reverse("community:unit_detail", args=[unit.pk])
    )
    links = hrefs(html)
    assert reverse("community:feedback_unit_list", args=[unit.pk]) in links
    assert not any("/diskusi/topik/" in link for link in links)
    assert f"{reverse('community:commitment_list')}?unit={unit.pk}" not in links
    assert 'data-testid="unit-meetings"' not in html


def test_the_unit_commitment_link_is_a_valid_filter(client_for):
    commitment = CommitmentFactory(is_public=True)
    url = f"{reverse('community:commitment_list')}?unit={commitment.unit_id}"
    assert commitment.description in page(client_for("anonymous"), url)


def test_submit_link_preselects_the_unit(client_for):
    unit = OrgUnitFactory(kind="DINAS")
    url = f"{reverse('community:feedback_submit')}?unit={unit.pk}"
    html = page(client_for("citizen"), url)
    assert re.search(rf'<option value="{unit.pk}" selected>', html)


def test_public_pages_share_the_participation_root(client_for):
    unit = OrgUnitFactory()
    topic = TopicFactory(unit=unit)
    thread = ThreadFactory(topic=topic)
    meeting = MeetingFactory(unit=unit)
    commitment = CommitmentFactory(unit=unit, is_public=True)
    feedback = FeedbackFactory(unit=unit, assigned=True)
    index = reverse("community:index")
    urls = [
        reverse("community:unit_list"),
        reverse("community:unit_detail", args=[unit.pk]),
        reverse("community:feedback_unit_list", args=[unit.pk]),
        reverse("community:feedback_detail", args=[feedback.pk]),
        reverse("community:feedback_track"),
        reverse("community:forum_index"),
        reverse("community:forum_topic", args=[topic.slug]),
        reverse("community:forum_thread", args=[thread.pk]),
        reverse("community:search"),
        reverse("community:meeting_list"),
        reverse("community:meeting_detail", args=[meeting.pk]),
        reverse("community:commitment_list"),
        reverse("community:commitment_detail", args=[commitment.pk]),
        reverse("community:survey_results"),
    ]
    client = client_for("anonymous")
    for url in urls:
        crumbs = breadcrumbs(page(client, url))
        assert f'href="{index}"' in crumbs, url
        assert ROOT_LABEL in crumbs, url
    home = breadcrumbs(page(client, index))
    assert ROOT_LABEL in home
    assert 'aria-current="page"' in home


def test_citizen_pages_share_the_participation_root(client_for):
    client = client_for("citizen")
    for name in ("feedback_submit", "my_feedback", "accounts_profile"):
        crumbs = breadcrumbs(page(client, reverse(f"community:{name}")))
        assert ROOT_LABEL in crumbs, name


def test_office_pages_lead_back_to_the_staff_dashboard(client_for):
    dashboard = reverse("dashboard")
    for persona, names in (
        ("moderator", ("moderation", "moderation_log", "feedback_queue")),
        ("hr_officer", ("feedback_escalation", "survey_periods")),
    ):
        client = client_for(persona)
        for name in names:
            crumbs = breadcrumbs(page(client, reverse(f"community:{name}")))
            assert f'href="{dashboard}"' in crumbs, name


def test_office_dashboard_has_no_inline_styles(client_for):
    unit = OrgUnitFactory()
    FeedbackFactory(unit=unit, assigned=True)
    url = f"{reverse('community:office_dashboard')}?unit={unit.pk}"
    html = page(client_for("hr_officer"), url)
    assert 'data-testid="deadlines"' in html
    assert "style=" not in html


def test_feedback_photo_has_no_inline_style():
    from django.template.loader import get_template

    source = get_template("community/feedback_detail.html").template.source
    assert "style=" not in source


def test_survey_rate_limit_message_names_the_survey(settings, rf, citizen):
    settings.COMMUNITY_RATE_LIMITS = {**settings.COMMUNITY_RATE_LIMITS}
    settings.COMMUNITY_RATE_LIMITS["survey"] = (1, 3600)
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    request.user = citizen
    ratelimit.limit(request, "survey")
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.limit(request, "survey")
    assert "Survei Kepuasan Masyarakat" in str(refused.value)
    assert "melakukan tindakan ini" not in str(refused.value)


def test_every_configured_action_has_a_label(settings):
    assert set(settings.COMMUNITY_RATE_LIMITS) <= set(ratelimit.ACTION_LABELS)


def test_feedback_form_explains_its_fields(client_for):
    html = page(client_for("citizen"), reverse("community:feedback_submit"))
    assert "Tidak tahu / tidak ada" in html
    assert "---------" not in html
    assert "Pengaduan: layanan tidak sesuai ketentuan" in html
