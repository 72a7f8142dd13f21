"""The appraisal city of tests/performance (org, period, head_user) reused for the
notification tests, and a client per user."""

from __future__ import annotations

import pytest
from django.test import Client

from sawahlunto_asn.notifications.models import Notification
from tests.performance.conftest import (  # noqa: F401 (fixtures)
    _evidence_in_tmp,
    head_user,
    org,
    other_supervisor,
    period,
)


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def received(user, kind=None) -> list[Notification]:
    rows = Notification.objects.filter(recipient=user)
    if kind is not None:
        rows = rows.filter(kind=kind)
    return list(rows)


def mails_to(mailoutbox, user) -> list:
    return [m for m in mailoutbox if user.email in m.to]
