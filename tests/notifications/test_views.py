"""My notifications, opening one, marking all read, my choices, the navbar bell."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.notifications.demo import seed_notifications
from sawahlunto_asn.notifications.models import Kind, Notification, Preference
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def make(user, n=1, **fields):
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=fields.get("kind", Kind.TRAINING_NOMINATION),
            title=f"Notifikasi {i}",
            body="Isi",
            url=fields.get("url", "/kompetensi/pelatihan-saya/"),
            created_at=now - timedelta(minutes=n - i),
            read_at=fields.get("read_at"),
        )
        for i in range(n)
    )


def test_the_list_shows_mine_newest_first_with_the_unread_marked(
    client_for, employee, supervisor
):
    make(employee, 2)
    make(employee, 1, read_at=timezone.now())
    make(supervisor, 1)
    response = client_for("employee").get("/notifikasi/")
    assert response.status_code == 200
    page = list(response.context["page"])
    assert all(n.recipient_id == employee.pk for n in page)
    assert [n.created_at for n in page] == sorted(
        (n.created_at for n in page), reverse=True
    )
    html = response.content.decode()
    assert html.count('class="badge text-bg-primary me-1">Baru</span>') == 2
    assert "Tandai semua dibaca" in html


def test_the_list_is_paginated(client_for, employee):
    make(employee, 30)
    response = client_for("employee").get("/notifikasi/?page=2")
    assert len(response.context["page"].object_list) == 5


def test_anonymous_is_sent_to_login(client):
    response = client.get("/notifikasi/")
    assert response.status_code == 302
    assert "/akun/" in response.url or "login" in response.url


def test_opening_marks_read_and_goes_to_the_link(client_for, employee):
    [row] = make(employee, url="/kompetensi/pelatihan-saya/")
    client = client_for("employee")
    assert client.get(f"/notifikasi/{row.pk}/buka/").status_code == 405
    response = client.post(f"/notifikasi/{row.pk}/buka/")
    assert response.status_code == 302
    assert response.url == "/kompetensi/pelatihan-saya/"
    row.refresh_from_db()
    first = row.read_at
    assert first is not None
    client.post(f"/notifikasi/{row.pk}/buka/")
    row.refresh_from_db()
    assert row.read_at == first


def test_an_outside_link_is_not_followed(client_for, employee):
    [row] = make(employee, url="https://contoh.example/jebakan")
    response = client_for("employee").post(f"/notifikasi/{row.pk}/buka/")
    assert response.url == "/notifikasi/"


def test_another_users_notification_is_404(client_for, employee, supervisor):
    [theirs] = make(supervisor)
    response = client_for("employee").post(f"/notifikasi/{theirs.pk}/buka/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_mine(client_for, employee, supervisor):
    make(employee, 3)
    make(supervisor, 2)
    response = client_for("employee").post("/notifikasi/tandai-dibaca/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=employee, read_at=None).exists()
    assert Notification.objects.filter(recipient=supervisor, read_at=None).count() == 2


def test_the_unread_count_shows_in_the_navbar(client_for, employee):
    make(employee, 3)
    make(employee, 1, read_at=timezone.now())
    html = client_for("employee").get("/dasbor/").content.decode()
    assert 'data-testid="notification-bell"' in html
    assert 'data-testid="unread-count">3<' in html


def test_no_badge_without_unread_and_no_bell_for_anonymous(client_for, employee):
    html = client_for("employee").get("/dasbor/").content.decode()
    assert 'data-testid="notification-bell"' in html
    assert 'data-testid="unread-count"' not in html
    assert 'data-testid="notification-bell"' not in (
        client_for("anonymous").get("/").content.decode()
    )


def notification_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return [q["sql"] for q in ctx.captured_queries if "notifications_" in q["sql"]]


def test_the_unread_count_is_one_count_query_and_none_for_anonymous(
    client_for, employee
):
    make(employee, 5)
    [sql] = notification_queries(client_for("employee"), "/dasbor/")
    assert sql.startswith("SELECT COUNT(*)")
    assert '"read_at" IS NULL' in sql
    assert notification_queries(client_for("anonymous"), "/") == []


def test_the_list_page_runs_in_constant_queries(client_for, employee):
    client = client_for("employee")
    assert_constant_queries(
        lambda n: make(employee, n), lambda: client.get("/notifikasi/"), large=25
    )


def test_preferences_offer_the_kinds_of_my_roles(client_for, role_groups):
    citizen_rows = client_for("citizen").get("/notifikasi/preferensi/").context["rows"]
    assert [kind for kind, _, _ in citizen_rows] == [Kind.FEEDBACK_RESPONSE]
    supervisor_rows = client_for("supervisor").get("/notifikasi/preferensi/")
    kinds = [kind for kind, _, _ in supervisor_rows.context["rows"]]
    assert kinds == [Kind.SKP_AGREEMENT, Kind.OBJECTION, Kind.TRAINING_NOMINATION]


def test_a_responder_is_offered_overdue_feedback(client, role_groups):
    user = ResponderFactory(user=UserFactory(role=roles.EMPLOYEE)).user
    client.force_login(user)
    kinds = [k for k, _, _ in client.get("/notifikasi/preferensi/").context["rows"]]
    assert Kind.FEEDBACK_OVERDUE in kinds


def test_saving_preferences_stores_the_grid(client_for, supervisor):
    client = client_for("supervisor")
    response = client.post(
        "/notifikasi/preferensi/",
        {"in_app-OBJECTION": "on", "email-SKP_AGREEMENT": "on"},
    )
    assert response.status_code == 302
    saved = {
        p.kind: (p.in_app, p.email) for p in Preference.objects.filter(user=supervisor)
    }
    assert saved == {
        "SKP_AGREEMENT": (False, True),
        "OBJECTION": (True, False),
        "TRAINING_NOMINATION": (False, False),
    }
    rows = client.get("/notifikasi/preferensi/").context["rows"]
    assert {k: (p.in_app, p.email) for k, _, p in rows} == saved
    assert client.put("/notifikasi/preferensi/").status_code == 405


def test_the_demo_seeds_unread_notifications_once(role_groups):
    for username in ("atasan", "pegawai", "tpk", "walikota", "warga"):
        UserFactory(username=username)
    assert seed_notifications() == 7
    assert seed_notifications() == 0
    assert Notification.objects.filter(read_at=None).count() == 7
