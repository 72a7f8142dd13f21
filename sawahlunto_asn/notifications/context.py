"""The navbar's unread count."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sawahlunto_asn.notifications.models import Notification


def _count(request: HttpRequest) -> int:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread(request: HttpRequest) -> dict:
    """`unread_count`: one indexed COUNT, sent only when a template shows it."""
    return {"unread_count": SimpleLazyObject(lambda: _count(request))}
