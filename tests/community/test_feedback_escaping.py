"""Script typed into any feedback field comes out escaped on every page that
shows it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import CitizenProfile
from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.community.factories_feedback import CitizenFactory, FeedbackFactory
from tests.positions.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile(role_groups):
    unit = OrgUnitFactory(name=f"Dinas {IMG}")
    author = CitizenFactory()
    CitizenProfile.objects.create(user=author, display_name=f"Budi{IMG}")
    responder = ResponderFactory(unit=unit, user=UserFactory(role=roles.EMPLOYEE))
    fields = {
        "unit": unit,
        "author": author,
        "title": f"Judul {SCRIPT}",
        "text": f"Isi {SCRIPT}",
        "public_title": f"Judul {SCRIPT}",
        "public_text": f"Isi {SCRIPT}",
        "photo": "2026/01/x.jpg",
        "photo_name": f"{IMG}.jpg",
        "photo_content_type": "image/jpeg",
    }
    late = timezone.localdate() - timedelta(days=3)
    new = FeedbackFactory(**fields, response_due=late)
    assigned = FeedbackFactory(**fields, assigned=True, answer_due=late)
    assigned.answers.create(text=f"Jawab {SCRIPT}", responder=responder.user)
    return {
        "unit": unit,
        "author": author,
        "responder": responder.user,
        "new": new,
        "assigned": assigned,
    }


def assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_escapes_user_text(hostile, moderator, hr_officer):
    assigned, new = hostile["assigned"], hostile["new"]
    pages = [
        (Client(), reverse("community:feedback_unit_list", args=[hostile["unit"].pk])),
        (Client(), reverse("community:feedback_detail", args=[assigned.pk])),
        (
            Client(),
            reverse("community:feedback_track") + f"?kode={assigned.tracking_code}",
        ),
        (login(hostile["author"]), reverse("community:feedback_detail", args=[new.pk])),
        (login(hostile["author"]), reverse("community:my_feedback")),
        (login(moderator), reverse("community:feedback_queue")),
        (login(moderator), reverse("community:feedback_detail", args=[new.pk])),
        (login(hostile["responder"]), reverse("community:feedback_inbox")),
        (login(hr_officer), reverse("community:feedback_escalation")),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode())


def test_file_name_is_shown_escaped_to_the_author(hostile):
    html = (
        login(hostile["author"])
        .get(reverse("community:feedback_detail", args=[hostile["new"].pk]))
        .content.decode()
    )
    assert "&lt;img src=x onerror=alert(1)&gt;.jpg" in html


def test_tracking_code_input_is_not_echoed_raw():
    html = (
        Client()
        .get(reverse("community:feedback_track"), {"kode": SCRIPT})
        .content.decode()
    )
    assert "<script>alert" not in html
