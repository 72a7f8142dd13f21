"""Admin pages for profiles and responders; the demo seeding."""

from __future__ import annotations

import pytest
from django.urls import reverse

from community.demo.accounts import seed_citizens
from community.models import CitizenProfile, Responder
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.demo import DEMO_PASSWORD, seed_accounts
from sawahlunto_asn.accounts.models import User
from tests.accounts.factories import UserFactory
from tests.community.factories import ResponderFactory
from tests.community.factories_accounts import CitizenFactory
from tests.positions.factories import OrgUnitFactory


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["citizenprofile", "responder"])
def test_admin_lists_search_and_filter(client, role_groups, model):
    CitizenFactory(profile__display_name="Uda Rizal")
    ResponderFactory(user=UserFactory(first_name="Afrizal"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:community_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "riz"}).status_code == 200
    param = {"citizenprofile": "confirmed", "responder": "is_active__exact"}[model]
    value = {"citizenprofile": "no", "responder": "1"}[model]
    assert client.get(url, {param: value}).status_code == 200


@pytest.mark.django_db
def test_seed_citizens_is_idempotent_and_confirmed(role_groups):
    seed_accounts()
    root = OrgUnitFactory(code="PEMKOT", name="Pemerintah Kota")
    OrgUnitFactory(code="DISDUK", name="Dinas Kependudukan", parent=root)
    OrgUnitFactory(code="DINKES", name="Dinas Kesehatan", parent=root)
    citizens = seed_citizens(12)
    again = seed_citizens(12)
    assert [u.pk for u in citizens] == [u.pk for u in again]
    assert [u.username for u in citizens][:2] == ["warga001", "warga002"]
    assert User.objects.filter(username__startswith="warga0").count() == 12
    for user in citizens:
        assert user.is_active
        assert (user.first_name, user.last_name) == ("", "")
        assert user.has_role(roles.CITIZEN)
        assert user.citizen_profile.email_confirmed_at is not None
    assert citizens[0].check_password(DEMO_PASSWORD)
    names = [u.citizen_profile.display_name for u in citizens]
    assert len(set(names)) > 5
    assert CitizenProfile.objects.get(user__username="warga").display_name == "Uni Siti"
    assert sorted(Responder.objects.values_list("unit__code", flat=True)) == [
        "DINKES",
        "DISDUK",
    ]


@pytest.mark.django_db
def test_seed_citizens_without_units_makes_no_responders(role_groups):
    seed_citizens(3)
    assert not Responder.objects.exists()
