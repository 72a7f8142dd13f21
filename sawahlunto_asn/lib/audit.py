"""Audit trail: who changed what and when, recorded by PostgreSQL triggers.

Triggers catch ORM saves, bulk_create, queryset.update() and raw SQL alike.
The delete event must be passed explicitly: pghistory tracks only inserts and
updates by default. The request's user and URL are attached by
pghistory.middleware.HistoryMiddleware.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pghistory
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from pghistory import core as pghistory_core
from pghistory.models import Events

LABELS = {"insert": _("Dibuat"), "update": _("Diubah"), "delete": _("Dihapus")}


def audited(**kwargs: Any):
    """Decorate a model so that every create, update and delete is recorded."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        **kwargs,
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    actor: str
    changes: list[tuple[str, Any, Any]]
    url: str


def history_for(obj: models.Model) -> list[HistoryEntry]:
    """The object's events, newest first, with the actor's name (two queries)."""
    events = list(Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id"))
    user_ids = {
        (event.pgh_context or {}).get("user")
        for event in events
        if (event.pgh_context or {}).get("user") is not None
    }
    names = {
        user.pk: str(user) for user in get_user_model().objects.filter(pk__in=user_ids)
    }
    entries = []
    for event in events:
        context = event.pgh_context or {}
        user_id = context.get("user")
        if event.pgh_label == "update" and event.pgh_diff:
            changes = [
                (field, old, new) for field, (old, new) in event.pgh_diff.items()
            ]
        else:
            changes = [
                (field, None, value) for field, value in (event.pgh_data or {}).items()
            ]
        entries.append(
            HistoryEntry(
                at=event.pgh_created_at,
                action=str(LABELS.get(event.pgh_label, event.pgh_label)),
                actor=names.get(
                    user_id, str(_("Sistem")) if user_id is None else f"#{user_id}"
                ),
                changes=changes,
                url=context.get("url", ""),
            )
        )
    return entries


def is_audited(model: type[models.Model]) -> bool:
    return bool(pghistory_core.event_models(tracks_model=model))
