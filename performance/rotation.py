"""What the rotation pages show of an employee's appraisal: his 9-box, through
settings.ROTATION_TALENT_PROVIDER (positions does not import this app)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef

from performance.models import Evaluation, Period
from performance.querysets import talent_boxes


def boxes_for(employee_ids: Iterable[int]) -> dict[int, int]:
    """Each employee's box in the latest period with annual results (two queries);
    employees without a result or a potential are left out."""
    # EXISTS per period (a handful), not DISTINCT over every evaluation.
    latest = (
        Period.objects.filter(Exists(Evaluation.objects.filter(period=OuterRef("pk"))))
        .order_by("-year")
        .first()
    )
    if latest is None:
        return {}
    return talent_boxes(latest, employee_ids)
