from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sawahlunto_asn.accounts import roles
from tests.accounts.factories import UserFactory

# Each role's own pages; every other persona must get 403 there.
ROLE_PAGES = {
    "hr_officer": ["positions:index", "competency:index"],
    "supervisor": ["performance:team"],
    "employee": ["positions:my_profile"],
    "moderator": ["community:moderation"],
    "citizen": ["community:my_feedback"],
}
ALL_PAGES = [(owner, page) for owner, pages in ROLE_PAGES.items() for page in pages]
PERSONAS = [*ROLE_PAGES, "anonymous"]


def test_migration_creates_one_group_per_role_with_its_permission(db):
    for role in roles.ALL_ROLES:
        group = Group.objects.get(name=role.group)
        assert list(group.permissions.values_list("codename", flat=True)) == [
            role.codename
        ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("owner", "page"), ALL_PAGES)
def test_role_page_matrix(client_for, persona, owner, page):
    response = client_for(persona).get(reverse(page))
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif persona == owner:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Akses ditolak" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(ROLE_PAGES))
def test_navigation_shows_only_the_roles_own_menu(client_for, persona):
    html = client_for(persona).get(reverse("dashboard")).content.decode()
    menu = html[html.index('data-testid="menu"') : html.index("<!-- /menu -->")]
    for owner, pages in ROLE_PAGES.items():
        for page in pages:
            if owner == persona:
                assert f'href="{reverse(page)}"' in menu
            else:
                assert f'href="{reverse(page)}"' not in menu


def test_anonymous_dashboard_redirects_to_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=" + reverse("dashboard")


def test_superuser_passes_every_role_check(db, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for _owner, page in ALL_PAGES:
        assert client.get(reverse(page)).status_code == 200


def test_user_without_role_is_told_so_on_the_dashboard(db, client):
    client.force_login(UserFactory())
    html = client.get(reverse("dashboard")).content.decode()
    assert "belum memiliki peran" in html


def test_user_scope_hr_sees_all_others_only_themselves(hr_officer, employee, citizen):
    from sawahlunto_asn.accounts.models import User

    assert set(User.objects.visible_to(hr_officer)) == {hr_officer, employee, citizen}
    assert list(User.objects.visible_to(employee)) == [employee]
