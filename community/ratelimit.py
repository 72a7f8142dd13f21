"""Rate limits per account and per client address (issue 7, item 4).

Hits live in PostgreSQL (community.models.RateLimitHit) rather than in a cache:
LocMem is per process, so with several gunicorn workers each would count alone.
A hit is written only when the attempt is allowed, so a refused request leaves
nothing behind.

Call `limit(request, action)` once the request is about to do its work, e.g.
after the form is valid and before the service writes. Called inside the
writing transaction, the hit is rolled back together with a failed write.
"""

from __future__ import annotations

import math
import zlib
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.errors import CommunityError
from community.models import RateLimitHit

ACTION_LABELS = {
    "signup": gettext_lazy("mendaftar akun"),
    "feedback": gettext_lazy("mengirim aspirasi atau pengaduan"),
    "post": gettext_lazy("mengirim tulisan"),
    "report": gettext_lazy("melaporkan tulisan"),
    "confirmation": gettext_lazy("meminta tautan konfirmasi"),
    "survey": gettext_lazy("mengisi Survei Kepuasan Masyarakat"),
    "track": gettext_lazy("melacak aspirasi"),
}


class RateLimited(CommunityError):
    """Too many attempts at one action from this account or address."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def limit(request: HttpRequest, action: str) -> None:
    """Record one attempt at `action`, or raise RateLimited if the account or the
    client address already used up its allowance in the current window."""
    count, seconds = _rule(action)
    keys = client_keys(request)
    if not keys:
        return
    now = timezone.now()
    since = now - timedelta(seconds=seconds)
    with transaction.atomic():
        _lock(action, keys)
        for key in keys:
            times = list(
                RateLimitHit.objects.filter(action=action, key=key, at__gt=since)
                .order_by("at")
                .values_list("at", flat=True)
            )
            if len(times) >= count:
                # The next attempt is allowed once enough of these hits age out.
                frees_at = times[len(times) - count] if count > 0 else now
                wait = (frees_at + timedelta(seconds=seconds) - now).total_seconds()
                raise RateLimited(_message(action, wait), retry_after=math.ceil(wait))
        RateLimitHit.objects.bulk_create(
            RateLimitHit(action=action, key=key, at=now) for key in keys
        )


def client_keys(request: HttpRequest) -> list[str]:
    """The account (when signed in) and the client address, as axes resolves it
    (AXES_IPWARE_* settings), so both count against the same proxies."""
    keys = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        keys.append(f"user:{user.pk}")
    # Without an address an anonymous attempt would escape every limit; a
    # misconfigured proxy count then limits the proxy's address as a whole.
    address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR")
    if address:
        keys.append(f"ip:{address}"[:80])
    return sorted(keys)


def purge_expired() -> int:
    """Delete hits older than the longest configured window (the daily
    `manage.py purge_rate_limits`; a sweep inside requests would make a page's
    query count depend on chance)."""
    longest = max(
        seconds for _count, seconds in settings.COMMUNITY_RATE_LIMITS.values()
    )
    cutoff = timezone.now() - timedelta(seconds=longest)
    deleted, _by_model = RateLimitHit.objects.filter(at__lt=cutoff).delete()
    return deleted


def _rule(action: str) -> tuple[int, int]:
    try:
        count, seconds = settings.COMMUNITY_RATE_LIMITS[action]
    except KeyError:
        # A typo in a view must fail loudly in tests, not silently skip the limit.
        raise ValueError(
            f"Unknown rate-limit action {action!r}; add it to COMMUNITY_RATE_LIMITS."
        ) from None
    return int(count), int(seconds)


def _lock(action: str, keys: list[str]) -> None:
    """Serialise concurrent attempts on the same key across processes, in a
    fixed (sorted) order so two keys never deadlock."""
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [_lock_space(), zlib.crc32(f"{action}|{key}".encode()) - 2**31],
            )


def _lock_space() -> int:
    # A fixed first key keeps these locks apart from any other advisory lock.
    return zlib.crc32(b"community.ratelimit") - 2**31


def _message(action: str, wait_seconds: float) -> str:
    label = ACTION_LABELS.get(action, _("melakukan tindakan ini"))
    return _(
        "Terlalu banyak permintaan: Anda sudah terlalu sering %(action)s dalam "
        "waktu singkat. Silakan coba lagi %(when)s."
    ) % {"action": label, "when": _humanize_wait(wait_seconds)}


def _humanize_wait(seconds: float) -> str:
    if seconds < 60:
        return _("dalam %(n)d detik") % {"n": max(1, math.ceil(seconds))}
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return _("sekitar %(n)d menit lagi") % {"n": minutes}
    return _("sekitar %(n)d jam lagi") % {"n": math.ceil(minutes / 60)}
