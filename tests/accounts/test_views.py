from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User
from tests.accounts.factories import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_login_with_right_password_lands_on_dashboard(client, hr_officer):
    response = login(client, "bkpsdm", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


@pytest.mark.django_db
def test_wrong_password_message_is_indonesian(client, hr_officer):
    response = login(client, "bkpsdm", "salah")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


@pytest.mark.django_db
def test_ten_wrong_passwords_lock_out_the_eleventh_try(client, hr_officer, settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    for _ in range(9):
        assert login(client, "bkpsdm", "salah").status_code == 200
    tenth = login(client, "bkpsdm", "salah")
    assert tenth.status_code == 429
    eleventh = login(client, "bkpsdm", PASSWORD)
    assert eleventh.status_code == 429
    html = eleventh.content.decode()
    assert "Akun dikunci sementara" in html
    assert "10 kali" in html
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    User.objects.create_user("lain", password=PASSWORD)
    assert login(client, "lain", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_logout_requires_post_and_ends_the_session(client, hr_officer):
    client.force_login(hr_officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_password_change(client, employee):
    client.force_login(employee)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Sawahlunto#2026!",
            "new_password2": "Sawahlunto#2026!",
        },
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.check_password("Sawahlunto#2026!")


@pytest.mark.django_db
def test_password_reset_sends_a_working_link(client, employee):
    response = client.post(reverse("password_reset"), {"email": employee.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Atur ulang" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/akun/sandi/atur/\S+)", body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "Baru#Sawahlunto9", "new_password2": "Baru#Sawahlunto9"},
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.check_password("Baru#Sawahlunto9")


@pytest.mark.django_db
def test_citizen_signup_creates_a_citizen_account(client, role_groups):
    response = client.post(
        reverse("signup"),
        {
            "username": "budi",
            "display_name": "Budi Ombilin",
            "email": "budi@contoh.id",
            "password1": "Ombilin#Tambang1",
            "password2": "Ombilin#Tambang1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="budi")
    # Usable once the emailed link is confirmed (tests/community/test_accounts_*).
    user.is_active = True
    assert user.has_role(roles.CITIZEN)
    assert not user.has_role(roles.HR)


@pytest.mark.django_db
def test_signup_rejects_a_taken_email_in_indonesian(client, citizen):
    response = client.post(
        reverse("signup"),
        {
            "username": "baru",
            "display_name": "Warga Baru",
            "email": citizen.email.upper(),
            "password1": "Ombilin#Tambang1",
            "password2": "Ombilin#Tambang1",
        },
    )
    assert response.status_code == 200
    assert "Surel ini sudah terdaftar." in response.content.decode()
    assert not User.objects.filter(username="baru").exists()


def test_login_page_is_styled_and_indonesian(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="id"' in html
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "Masuk ke ASN Sawahlunto" in html
