"""Profile, download of one's own data and account deletion."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.urls import reverse

from community.errors import CommunityError
from community.models import CitizenProfile
from community.models.accounts import DELETED_NAME
from community.services.accounts import delete_citizen_account, export_personal_data
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User
from tests.accounts.factories import PASSWORD
from tests.community.factories_accounts import CitizenFactory

PAGES = ("accounts_profile", "accounts_export", "accounts_delete")
ERASED: list[int] = []


def sample_personal_data(user) -> dict:
    """An area's exporter, as feedback or forum will provide one."""
    return {
        "aspirasi": [
            {
                "kode": f"ASP-{user.pk}",
                "tanggal": dt.date(2026, 3, 1),
                "nilai": Decimal("3.5"),
            }
        ]
    }


def sample_list_data(user) -> list:
    return [
        {
            "rapat": "Forum Diskusi Publik",
            "pada": dt.datetime(2026, 4, 2, tzinfo=dt.UTC),
        }
    ]


def sample_eraser(user) -> None:
    ERASED.append(user.pk)


@pytest.fixture(autouse=True)
def _area_hooks(settings):
    # The areas' own exporters land separately; these stand in for them.
    settings.COMMUNITY_PERSONAL_DATA_EXPORTERS = [
        "tests.community.test_accounts_profile.sample_personal_data"
    ]
    settings.COMMUNITY_PERSONAL_DATA_ERASERS = [
        "tests.community.test_accounts_profile.sample_eraser"
    ]
    ERASED.clear()


@pytest.fixture
def profiled_citizen(role_groups):
    return CitizenFactory(
        username="rangmudo", email="rang@contoh.id", profile__display_name="Rang Mudo"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("hr_officer", 403),
        ("supervisor", 403),
        ("employee", 403),
        ("moderator", 403),
        ("citizen", 200),
    ],
)
def test_permission_matrix(client_for, page, persona, status):
    response = client_for(persona).get(reverse(f"community:{page}"))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_profile_shows_account_data(client, profiled_citizen):
    client.force_login(profiled_citizen)
    html = client.get(reverse("community:accounts_profile")).content.decode()
    assert "Rang Mudo" in html
    assert "rang@contoh.id" in html
    assert "rangmudo" in html


@pytest.mark.django_db
def test_display_name_with_script_is_escaped_on_the_profile(client, role_groups):
    user = CitizenFactory(profile__display_name="<script>alert('x')</script>")
    client.force_login(user)
    html = client.get(reverse("community:accounts_profile")).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


@pytest.mark.django_db
def test_changing_the_display_name(client, profiled_citizen):
    client.force_login(profiled_citizen)
    response = client.post(
        reverse("community:accounts_profile"),
        {"display_name": "  Sutan Batuah ", "email": "rang@contoh.id"},
    )
    assert response.status_code == 302
    profiled_citizen.citizen_profile.refresh_from_db()
    assert profiled_citizen.citizen_profile.display_name == "Sutan Batuah"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_citizen_without_profile_gets_one_on_saving(client, citizen):
    client.force_login(citizen)
    assert (
        "Belum diatur"
        in client.get(reverse("community:accounts_profile")).content.decode()
    )
    client.post(
        reverse("community:accounts_profile"),
        {"display_name": "Warga Baru", "email": citizen.email},
    )
    assert CitizenProfile.objects.get(user=citizen).display_name == "Warga Baru"


@pytest.mark.django_db
def test_new_email_applies_only_once_confirmed(
    client, profiled_citizen, django_capture_on_commit_callbacks
):
    client.force_login(profiled_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:accounts_profile"),
            {"display_name": "Rang Mudo", "email": "baru@contoh.id"},
        )
    profiled_citizen.refresh_from_db()
    assert profiled_citizen.email == "rang@contoh.id"
    assert mail.outbox[0].to == ["baru@contoh.id"]
    link = re.search(r"(/partisipasi/akun/konfirmasi/\S+/)", mail.outbox[0].body).group(
        1
    )
    assert client.post(link).status_code == 302
    profiled_citizen.refresh_from_db()
    assert profiled_citizen.email == "baru@contoh.id"
    assert profiled_citizen.is_active


@pytest.mark.django_db
def test_email_of_another_account_is_refused(client, profiled_citizen):
    other = CitizenFactory(email="ambil@contoh.id")
    client.force_login(profiled_citizen)
    response = client.post(
        reverse("community:accounts_profile"),
        {"display_name": "Rang Mudo", "email": other.email.upper()},
    )
    assert response.status_code == 200
    assert "sudah dipakai akun lain" in response.content.decode()


@pytest.mark.django_db
def test_export_is_a_json_attachment_of_own_data(client, profiled_citizen):
    CitizenFactory(email="lain@contoh.id")
    client.force_login(profiled_citizen)
    response = client.get(reverse("community:accounts_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="data-saya-'
    )
    data = json.loads(response.content)
    assert data["akun"]["nama_pengguna"] == "rangmudo"
    assert data["akun"]["surel"] == "rang@contoh.id"
    assert data["profil"]["nama_tampilan"] == "Rang Mudo"
    assert data["test_accounts_profile"] == {
        "aspirasi": [
            {
                "kode": f"ASP-{profiled_citizen.pk}",
                "tanggal": "2026-03-01",
                "nilai": "3.5",
            }
        ]
    }
    assert "lain@contoh.id" not in response.content.decode()


@pytest.mark.django_db
def test_export_takes_list_exporters_and_fails_loudly_on_a_missing_one(
    profiled_citizen, settings
):
    settings.COMMUNITY_PERSONAL_DATA_EXPORTERS = [
        "tests.community.test_accounts_profile.sample_list_data"
    ]
    data = export_personal_data(profiled_citizen)
    assert data["test_accounts_profile"][0]["pada"] == "2026-04-02T00:00:00Z"
    settings.COMMUNITY_PERSONAL_DATA_EXPORTERS = [
        "community.services.nowhere.personal_data"
    ]
    with pytest.raises(ImproperlyConfigured):
        export_personal_data(profiled_citizen)


@pytest.mark.django_db
def test_deletion_needs_the_password(client, profiled_citizen):
    client.force_login(profiled_citizen)
    response = client.post(reverse("community:accounts_delete"), {"password": "salah"})
    assert response.status_code == 200
    assert "Kata sandi salah" in response.content.decode()
    profiled_citizen.refresh_from_db()
    assert profiled_citizen.username == "rangmudo"
    assert ERASED == []


@pytest.mark.django_db
def test_deletion_erases_personal_data_and_logs_out(client, profiled_citizen):
    client.force_login(profiled_citizen)
    response = client.post(reverse("community:accounts_delete"), {"password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session
    user = User.objects.get(pk=profiled_citizen.pk)
    assert user.username == f"dihapus-{user.pk}"
    assert (user.email, user.first_name, user.last_name) == ("", "", "")
    assert not user.is_active
    assert not user.has_usable_password()
    profile = user.citizen_profile
    assert profile.display_name == str(DELETED_NAME)
    assert profile.email_confirmed_at is None
    assert [user.pk] == ERASED
    # The audit trail no longer holds the old username or address.
    history = json.dumps(
        list(User.pgh_event_model.objects.filter(pgh_obj_id=user.pk).values()),
        default=str,
    )
    assert "rangmudo" not in history
    assert "rang@contoh.id" not in history
    # Nobody can log in as the old account any more.
    login = client.post(
        reverse("login"), {"username": "rangmudo", "password": PASSWORD}
    )
    assert login.status_code == 200


@pytest.mark.django_db
def test_posts_of_a_deleted_account_show_the_neutral_name(profiled_citizen):
    delete_citizen_account(profiled_citizen)
    author = User.objects.select_related("citizen_profile", "responder__unit").get(
        pk=profiled_citizen.pk
    )
    html = render_to_string("community/includes/author.html", {"author": author})
    assert str(DELETED_NAME) in html
    assert "Rang Mudo" not in html
    assert "rangmudo" not in html


@pytest.mark.django_db
def test_a_staff_account_cannot_delete_itself_here(client, role_groups):
    user = CitizenFactory(role=roles.CITIZEN)
    user.groups.add(Group.objects.get(name=roles.HR.group))
    client.force_login(user)
    response = client.post(reverse("community:accounts_delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert "akun petugas" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active
    with pytest.raises(CommunityError):
        delete_citizen_account(user)
