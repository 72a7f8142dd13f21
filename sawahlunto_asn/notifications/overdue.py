"""Feedback past its deadline, told once to the unit's responders."""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sawahlunto_asn.notifications.models import Kind, SentOnce
from sawahlunto_asn.notifications.services import notify

# Two runs at once would both see a feedback as not yet told.
LOCK_KEY = "notify_overdue_feedback"


@transaction.atomic(durable=True)
def notify_overdue_feedback(today: date | None = None) -> int:
    """Tell each unit's active responders about each feedback that missed its
    current deadline, once per deadline missed; return how many feedback."""
    from community.models import Feedback, Responder

    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [LOCK_KEY])
    items = list(
        Feedback.objects.overdue(today).only(
            "pk", "unit_id", "status", "response_due", "answer_due", "public_title"
        )
    )
    keys = {
        fb.pk: f"feedback-overdue:{fb.pk}:{fb.current_due.isoformat()}" for fb in items
    }
    sent = set(
        SentOnce.objects.filter(key__in=keys.values()).values_list("key", flat=True)
    )
    responders: dict[int, list[int]] = {}
    for unit_id, user_id in Responder.objects.filter(
        is_active=True, unit_id__in={fb.unit_id for fb in items}
    ).values_list("unit_id", "user_id"):
        responders.setdefault(unit_id, []).append(user_id)
    fresh = [
        fb for fb in items if keys[fb.pk] not in sent and responders.get(fb.unit_id)
    ]
    SentOnce.objects.bulk_create(SentOnce(key=keys[fb.pk]) for fb in fresh)
    for fb in fresh:
        notify(
            responders[fb.unit_id],
            Kind.FEEDBACK_OVERDUE,
            title=_("Aspirasi lewat tenggat: %(t)s") % {"t": fb.public_title},
            body=_("Tenggat %(d)s sudah lewat.") % {"d": fb.current_due.isoformat()},
            url=reverse("community:feedback_detail", args=[fb.pk]),
        )
    return len(fresh)
