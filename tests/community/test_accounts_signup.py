"""Citizen sign-up: display name only, inactive until the emailed link is
confirmed, rate limit and honeypot."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.urls import reverse

from community.models import CitizenProfile, RateLimitHit
from community.services.accounts import make_confirmation_token
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User
from tests.community.factories_accounts import CitizenFactory

PASSWORD = "Ombilin#Tambang1"


def signup_data(**overrides) -> dict:
    return {
        "display_name": "Uda Kopi",
        "username": "udakopi",
        "email": "uda@contoh.id",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
        **overrides,
    }


def sign_up(client, capture, **overrides):
    with capture(execute=True):
        return client.post(reverse("signup"), signup_data(**overrides))


def link_path(message) -> str:
    return re.search(
        r"https?://[^/\s]+(/partisipasi/akun/konfirmasi/\S+/)", message.body
    ).group(1)


@pytest.mark.django_db
def test_signup_creates_an_inactive_citizen_and_mails_a_link(
    client, role_groups, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("community:accounts_confirmation_sent")
    user = User.objects.get(username="udakopi")
    assert not user.is_active
    assert (user.first_name, user.last_name) == ("", "")
    assert user.email == "uda@contoh.id"
    assert user.groups.filter(name=roles.CITIZEN.group).exists()
    profile = user.citizen_profile
    assert profile.display_name == "Uda Kopi"
    assert profile.email_confirmed_at is None
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["uda@contoh.id"]
    assert "48 jam" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "Periksa surel Anda" in page


@pytest.mark.django_db
def test_confirming_the_link_activates_the_account(
    client, role_groups, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    link = link_path(mail.outbox[0])
    # Before confirmation the login says why it fails.
    refused = client.post(
        reverse("login"), {"username": "udakopi", "password": PASSWORD}
    )
    assert "belum aktif" in refused.content.decode()

    page = client.get(link)
    assert page.status_code == 200
    assert "Konfirmasi surel saya" in page.content.decode()
    assert not User.objects.get(username="udakopi").is_active  # GET writes nothing

    response = client.post(link)
    assert response["Location"] == reverse("community:accounts_email_confirmed")
    user = User.objects.get(username="udakopi")
    assert user.is_active
    assert user.citizen_profile.email_confirmed_at is not None
    assert (
        "Akun warga Anda sudah aktif"
        in client.get(response["Location"]).content.decode()
    )
    # A second click changes nothing and still lands on the confirmed page.
    assert client.post(link).status_code == 302
    login = client.post(reverse("login"), {"username": "udakopi", "password": PASSWORD})
    assert login.status_code == 302


@pytest.mark.django_db
def test_expired_link_is_refused_with_a_way_out(
    client, role_groups, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.COMMUNITY_EMAIL_CONFIRMATION_HOURS = 2
    sign_up(client, django_capture_on_commit_callbacks)
    link = link_path(mail.outbox[0])
    later = time.time() + 2 * 3600 + 5
    monkeypatch.setattr(signing.time, "time", lambda: later)
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 400
        html = response.content.decode()
        assert "sudah kedaluwarsa" in html
        assert reverse("community:accounts_resend_confirmation") in html
    assert not User.objects.get(username="udakopi").is_active


@pytest.mark.django_db
def test_tampered_link_is_refused(
    client, role_groups, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    user = User.objects.get(username="udakopi")
    other = CitizenFactory()
    # A token re-signed for another account id is not valid without the key.
    token = make_confirmation_token(user, email=user.email)
    payload, _sep, signature = token.partition(":")
    forged = signing.b64_encode(
        signing.b64_decode(payload.encode()).replace(
            f'"u":{user.pk}'.encode(), f'"u":{other.pk}'.encode()
        )
    ).decode()
    for bad in (token[:-2] + "xx", f"{forged}:{signature}", "bukan-token"):
        response = client.post(reverse("community:accounts_confirm_email", args=[bad]))
        assert response.status_code == 400
        assert "tidak sah" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.django_db
def test_link_of_a_deactivated_confirmed_account_does_not_reactivate(
    client, role_groups
):
    user = CitizenFactory(is_active=False)
    token = make_confirmation_token(user, email=user.email)
    client.post(reverse("community:accounts_confirm_email", args=[token]))
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.django_db
def test_signup_rate_limit_answers_clearly_and_keeps_nothing(
    client, role_groups, settings, django_capture_on_commit_callbacks
):
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "signup": (1, 3600),
    }
    assert sign_up(client, django_capture_on_commit_callbacks).status_code == 302
    response = sign_up(
        client,
        django_capture_on_commit_callbacks,
        username="kedua",
        email="kedua@contoh.id",
        display_name="Orang Kedua",
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak permintaan" in html
    assert "coba lagi" in html
    assert not User.objects.filter(username="kedua").exists()
    assert not CitizenProfile.objects.filter(display_name="Orang Kedua").exists()
    assert RateLimitHit.objects.filter(action="signup").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_signup_honeypot_refuses_a_bot(
    client, role_groups, django_capture_on_commit_callbacks
):
    response = sign_up(
        client, django_capture_on_commit_callbacks, website="http://x.example"
    )
    assert response.status_code == 200
    assert "Permintaan tidak dapat diproses." in response.content.decode()
    assert not User.objects.filter(username="udakopi").exists()
    assert not RateLimitHit.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_signup_page_has_the_honeypot_hidden(client, db):
    html = client.get(reverse("signup")).content.decode()
    assert '<div class="visually-hidden"><label for="id_website">' in html
    assert 'name="display_name"' in html
    assert 'name="first_name"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["Admin Kota", "petugas dinas", "ab", "Warga (akun dihapus)"]
)
def test_signup_refuses_misleading_display_names(
    client, role_groups, django_capture_on_commit_callbacks, name
):
    response = sign_up(client, django_capture_on_commit_callbacks, display_name=name)
    assert response.status_code == 200
    assert not User.objects.filter(username="udakopi").exists()


@pytest.mark.django_db
def test_resend_mails_only_a_waiting_account_and_says_the_same(
    client, role_groups, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    confirmed = CitizenFactory(email="sudah@contoh.id")
    url = reverse("community:accounts_resend_confirmation")
    sent_to = []
    for email in ("UDA@contoh.id", confirmed.email, "tidakada@contoh.id"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": email, "website": ""})
        assert response["Location"] == reverse("community:accounts_confirmation_sent")
        sent_to.extend(m.to[0] for m in mail.outbox)
        mail.outbox.clear()
    assert sent_to == ["uda@contoh.id"]


@pytest.mark.django_db
def test_resend_is_rate_limited(client, settings, db):
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "confirmation": (1, 600),
    }
    url = reverse("community:accounts_resend_confirmation")
    client.post(url, {"email": "a@contoh.id"})
    response = client.post(url, {"email": "a@contoh.id"})
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()


def test_group_exists_for_citizens(role_groups):
    assert Group.objects.filter(name=roles.CITIZEN.group).exists()
