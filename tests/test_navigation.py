"""The menu: public participation pages for everyone, the rest by role, and the
seat-based extras (a responder's inbox, a unit head's dashboard) by the flags
read at login."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def menu_of(client, url="home") -> str:
    html = client.get(reverse(url)).content.decode()
    return html[html.index('data-testid="menu"') : html.index("<!-- /menu -->")]


def test_anonymous_visitors_see_the_public_participation_pages(client):
    menu = menu_of(client)
    for name in ("index", "unit_list", "forum_index", "meeting_list", "feedback_track"):
        assert f'href="{reverse("community:" + name)}"' in menu
    assert reverse("community:feedback_submit") not in menu
    assert reverse("community:moderation") not in menu


def test_a_responder_finds_his_inbox_after_logging_in(client, role_groups):
    responder = ResponderFactory(user=UserFactory(role=roles.EMPLOYEE))
    client.force_login(responder.user)
    assert reverse("community:feedback_inbox") in menu_of(client, "dashboard")


def test_an_employee_who_answers_for_no_unit_has_no_inbox(client, employee):
    client.force_login(employee)
    menu = menu_of(client, "dashboard")
    assert reverse("community:feedback_inbox") not in menu
    assert reverse("community:office_dashboard") not in menu


def test_hr_gets_the_office_pages(client, hr_officer):
    client.force_login(hr_officer)
    menu = menu_of(client, "dashboard")
    for name in ("office_dashboard", "feedback_escalation", "survey_periods"):
        assert reverse("community:" + name) in menu
    assert reverse("community:feedback_inbox") not in menu


def test_the_flags_cost_no_query_on_a_page(client, role_groups):
    def queries_for(user) -> int:
        client.force_login(user)
        client.get(reverse("home"))
        return count_queries(lambda: client.get(reverse("home")))

    plain = queries_for(UserFactory(role=roles.EMPLOYEE))
    responder = ResponderFactory(user=UserFactory(role=roles.EMPLOYEE))
    assert queries_for(responder.user) == plain


def test_the_transparency_page_is_offered_to_everyone(client):
    menu = menu_of(client)
    assert f'href="{reverse("reform:transparency")}"' in menu
    assert f'href="{reverse("reform:dashboard")}"' not in menu


def test_hr_and_the_wali_kota_get_the_reform_dashboard(client, hr_officer, role_groups):
    for user in (hr_officer, UserFactory(role=roles.PPK)):
        client.force_login(user)
        menu = menu_of(client, "dashboard")
        assert f'href="{reverse("reform:dashboard")}"' in menu
