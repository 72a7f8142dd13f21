"""Rate limits: per account and per address, stored in PostgreSQL, nothing kept
of a refused attempt."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from community.errors import CommunityError
from community.models import RateLimitHit
from community.ratelimit import RateLimited, client_keys, limit, purge_expired
from tests.community.factories_accounts import CitizenFactory


@pytest.fixture
def tight_limits(settings):
    settings.COMMUNITY_RATE_LIMITS = {
        "signup": (2, 3600),
        "post": (3, 600),
        "feedback": (5, 60),
        "report": (30, 45),
    }


def make_request(user=None, address="203.0.113.7"):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    return request


@pytest.mark.django_db
def test_address_is_limited_and_refusal_leaves_no_row(tight_limits):
    limit(make_request(), "signup")
    limit(make_request(), "signup")
    with pytest.raises(RateLimited) as refused:
        limit(make_request(), "signup")
    assert isinstance(refused.value, CommunityError)
    message = refused.value.messages[0]
    assert "Terlalu banyak permintaan" in message
    assert "mendaftar akun" in message
    assert "sekitar 60 menit lagi" in message
    assert RateLimitHit.objects.count() == 2
    # Another address is not affected.
    limit(make_request(address="198.51.100.2"), "signup")


@pytest.mark.django_db
def test_account_is_limited_across_addresses(tight_limits, role_groups):
    citizen = CitizenFactory()
    for n in range(3):
        limit(make_request(citizen, address=f"198.51.100.{n}"), "post")
    with pytest.raises(RateLimited):
        limit(make_request(citizen, address="198.51.100.99"), "post")
    # A different account behind a fresh address still posts.
    limit(make_request(CitizenFactory(), address="198.51.100.50"), "post")


@pytest.mark.django_db
def test_accounts_sharing_an_address_share_its_allowance(tight_limits, role_groups):
    for _ in range(3):
        limit(make_request(CitizenFactory()), "post")
    with pytest.raises(RateLimited):
        limit(make_request(CitizenFactory()), "post")


@pytest.mark.django_db
def test_actions_are_counted_separately(tight_limits):
    limit(make_request(), "signup")
    limit(make_request(), "signup")
    limit(make_request(), "post")


@pytest.mark.django_db
def test_old_hits_fall_out_of_the_window(tight_limits):
    for _ in range(2):
        limit(make_request(), "signup")
    RateLimitHit.objects.update(at=timezone.now() - timedelta(seconds=3601))
    limit(make_request(), "signup")


@pytest.mark.django_db
def test_wait_is_counted_from_the_hit_that_frees_a_slot(tight_limits):
    now = timezone.now()
    for age in (50, 30, 10, 5, 1):
        RateLimitHit.objects.create(
            action="feedback", key="ip:203.0.113.7", at=now - timedelta(seconds=age)
        )
    with pytest.raises(RateLimited) as refused:
        limit(make_request(), "feedback")
    # The oldest of the five frees a slot after 60 - 50 = 10 seconds.
    assert 9 <= refused.value.retry_after <= 11
    assert "detik" in refused.value.messages[0]


def test_unknown_action_is_a_programming_error(tight_limits):
    with pytest.raises(ValueError, match="COMMUNITY_RATE_LIMITS"):
        limit(make_request(), "pots")


@pytest.mark.django_db
def test_address_comes_from_ipware_behind_a_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1"
    )
    request.user = AnonymousUser()
    assert client_keys(request) == ["ip:203.0.113.9"]


@pytest.mark.django_db
def test_purge_removes_only_expired_rows(tight_limits):
    now = timezone.now()
    RateLimitHit.objects.create(action="signup", key="ip:a", at=now)
    RateLimitHit.objects.create(
        action="signup", key="ip:b", at=now - timedelta(seconds=3601)
    )
    assert purge_expired() == 1
    assert list(RateLimitHit.objects.values_list("key", flat=True)) == ["ip:a"]


def test_default_limits_cover_every_action(settings):
    assert set(settings.COMMUNITY_RATE_LIMITS) >= {
        "signup",
        "feedback",
        "post",
        "report",
    }
    for count, seconds in settings.COMMUNITY_RATE_LIMITS.values():
        assert count > 0
        assert seconds > 0


@pytest.mark.django_db
def test_an_unresolvable_address_falls_back_to_the_peer(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_keys(make_request(address="10.0.0.1")) == ["ip:10.0.0.1"]


@pytest.mark.django_db
def test_the_daily_command_purges(tight_limits):
    RateLimitHit.objects.create(
        action="signup", key="ip:b", at=timezone.now() - timedelta(days=2)
    )
    out = StringIO()
    call_command("purge_rate_limits", stdout=out)
    assert not RateLimitHit.objects.exists()
    assert "1 expired" in out.getvalue()
