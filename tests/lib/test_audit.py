from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from pghistory.models import Events

from sawahlunto_asn.accounts.models import User
from sawahlunto_asn.lib import audit
from tests.accounts.factories import UserFactory


def labels(obj):
    return list(
        Events.objects.tracks(obj)
        .order_by("pgh_id")
        .values_list("pgh_label", flat=True)
    )


@pytest.mark.django_db
def test_create_update_and_delete_are_recorded():
    user = UserFactory(first_name="Awal")
    user.first_name = "Ubah"
    user.save()
    pk = user.pk
    user.delete()
    events = list(Events.objects.filter(pgh_obj_id=str(pk)).order_by("pgh_id"))
    assert [e.pgh_label for e in events] == ["insert", "update", "delete"]
    assert events[1].pgh_diff["first_name"] == ["Awal", "Ubah"]


@pytest.mark.django_db
def test_bulk_writes_and_raw_sql_are_recorded():
    users = User.objects.bulk_create([User(username="a1"), User(username="a2")])
    User.objects.filter(username__in=["a1", "a2"]).update(first_name="Massal")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET last_name = 'Mentah' WHERE username = 'a1'"
        )
    assert labels(users[0]) == ["insert", "update", "update"]
    assert labels(users[1]) == ["insert", "update"]


@pytest.mark.django_db
def test_password_and_last_login_stay_out_of_the_trail():
    user = UserFactory()
    user.set_password("lain-lagi-123")
    user.save()
    assert labels(user) == ["insert"]
    assert "password" not in Events.objects.tracks(user).get().pgh_data


@pytest.mark.django_db
def test_the_acting_user_and_url_are_recorded_through_the_request(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    target = UserFactory(first_name="Lama")
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    response = client.post(
        url,
        {
            "username": target.username,
            "first_name": "Baru",
            "last_name": target.last_name,
            "email": target.email,
            "is_active": "on",
            "date_joined_0": "2026-01-02",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = Events.objects.tracks(target).get(pgh_label="update")
    assert update.pgh_context["user"] == admin.pk
    assert update.pgh_context["url"] == url
    assert audit.history_for(target)[0].actor == str(admin)


@pytest.mark.django_db
def test_history_page_shows_who_changed_what(client, hr_officer):
    import pghistory

    target = UserFactory(first_name="Lama")
    with pghistory.context(user=hr_officer.pk, url="/uji/"):
        target.first_name = "Baru"
        target.save()
    client.force_login(hr_officer)
    url = reverse("audit_history", args=["accounts", "user", target.pk])
    html = client.get(url).content.decode()
    assert "Diubah" in html
    assert "Dibuat" in html
    assert str(hr_officer) in html
    assert "Lama" in html
    assert "Baru" in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["supervisor", "employee", "moderator", "citizen"])
def test_history_page_is_for_hr_only(client_for, persona, role_groups):
    target = UserFactory()
    url = reverse("audit_history", args=["accounts", "user", target.pk])
    assert client_for(persona).get(url).status_code == 403


@pytest.mark.django_db
def test_history_page_404_for_untracked_models_and_missing_objects(client, hr_officer):
    client.force_login(hr_officer)
    assert (
        client.get(reverse("audit_history", args=["auth", "group", 1])).status_code
        == 404
    )
    assert (
        client.get(reverse("audit_history", args=["nope", "model", 1])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("audit_history", args=["accounts", "user", 999999])
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_history_reads_in_two_queries_whatever_the_number_of_events(
    hr_officer, django_assert_num_queries
):
    import pghistory

    target = UserFactory()
    for i in range(20):
        with pghistory.context(user=hr_officer.pk):
            User.objects.filter(pk=target.pk).update(first_name=f"N{i}")
    with django_assert_num_queries(2):
        entries = audit.history_for(target)
    assert len(entries) == 21
