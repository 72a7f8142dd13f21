from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from sawahlunto_asn.accounts.models import User


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_gives_every_role_a_login():
    call_command("seed_demo", employees=60, stdout=StringIO())
    first = User.objects.count()
    call_command("seed_demo", employees=60, stdout=StringIO())
    assert User.objects.count() == first
    logins = User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    assert logins.count() == len(DEMO_ACCOUNTS)
    for role in roles.ALL_ROLES:
        user = logins.get(groups__name=role.group)
        assert user.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_demo_logins_lists_every_account():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for account in DEMO_ACCOUNTS:
        assert account.username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
