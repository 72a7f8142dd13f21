"""Sending notifications after the acting transaction commits, and the user's
own writes (reading, choosing per kind).

notify() is called from inside a service's transaction; everything it does runs
on commit, so a rolled-back action sends nothing, and an email that fails is
logged and never undoes or breaks the action.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone

from sawahlunto_asn.notifications.models import (
    KIND_ROLES,
    Kind,
    Notification,
    Preference,
)

logger = logging.getLogger(__name__)


def notify(users: Iterable, kind: str, *, title: str, body: str, url: str) -> None:
    """Queue one notification of `kind` for each distinct user (instances or ids),
    delivered after the current transaction commits."""
    if not connection.in_atomic_block:
        raise RuntimeError("notify() must run inside the acting service's transaction")
    kind = Kind(kind)
    ids = sorted(
        {
            user if isinstance(user, int) else user.pk
            for user in users
            if user is not None and (isinstance(user, int) or user.pk is not None)
        }
    )
    if not ids:
        return
    transaction.on_commit(
        partial(_deliver, ids, kind, str(title)[:200], str(body)[:500], url[:300]),
        robust=True,
    )


def users_with_role(role):
    """Active users whose groups carry the role (superusers are not paged)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__codename=role.codename,
            groups__permissions__content_type__app_label="accounts",
        )
        .values_list("pk", flat=True)
        .distinct()
    )


def preferences_for(user_ids: Iterable[int], kind: str) -> dict[int, Preference]:
    """Each user's preference for `kind`, the default where he has no row."""
    saved = {
        p.user_id: p
        for p in Preference.objects.filter(user_id__in=list(user_ids), kind=kind)
    }
    default = Preference.default(kind)
    return {pk: saved.get(pk, default) for pk in user_ids}


def user_preferences(user, kinds: Iterable[str]) -> dict[str, Preference]:
    """The user's preference for each kind, the default where he has no row."""
    saved = {p.kind: p for p in Preference.objects.filter(user=user)}
    return {kind: saved.get(kind) or Preference.default(kind) for kind in kinds}


def _deliver(ids: list[int], kind: str, title: str, body: str, url: str) -> None:
    users = list(get_user_model().objects.filter(pk__in=ids, is_active=True))
    prefs = preferences_for([u.pk for u in users], kind)
    Notification.objects.bulk_create(
        Notification(recipient=u, kind=kind, title=title, body=body, url=url)
        for u in users
        if prefs[u.pk].in_app
    )
    addresses = [u.email for u in users if u.email and prefs[u.pk].email]
    if addresses:
        _send_emails(addresses, title, body, url)


def _send_emails(addresses: list[str], title: str, body: str, url: str) -> None:
    """One message per address (no recipient sees another); failures are logged."""
    link = settings.NOTIFICATION_SITE_URL.rstrip("/") + url if url else ""
    text = "\n\n".join(part for part in (body, link) if part)
    try:
        mailer = get_connection(fail_silently=False)
        for address in addresses:
            try:
                EmailMessage(
                    subject=title,
                    body=text,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[address],
                    connection=mailer,
                ).send()
            except Exception:
                logger.exception("Notification email to %s failed", address)
    except Exception:
        logger.exception("Notification email connection failed")


def relevant_kinds(user) -> list[str]:
    """The kinds that can reach this user, in display order."""
    from community.models import Responder

    if user.is_superuser:
        return list(Kind.values)
    kinds = []
    for kind in Kind:
        if any(user.has_perm(role.perm) for role in KIND_ROLES[kind]) or (
            kind == Kind.FEEDBACK_OVERDUE
            and Responder.objects.filter(user=user, is_active=True).exists()
        ):
            kinds.append(kind.value)
    return kinds


@transaction.atomic(durable=True)
def save_preferences(user, choices: Mapping[str, tuple[bool, bool]]) -> None:
    """Store the user's (in_app, email) choice for each given kind, all or none."""
    for kind, (in_app, email) in choices.items():
        Preference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"in_app": in_app, "email": email}
        )


def mark_read(notification: Notification) -> Notification:
    """Read from now on; a notification read before keeps its first reading time."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(user) -> int:
    """Mark every unread notification of the user read; return how many."""
    return Notification.objects.visible_to(user).unread().update(read_at=timezone.now())
