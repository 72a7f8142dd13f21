"""A unit's IKM badge and feedback figures, written in Python: the unit list,
the participation home and the office overview show a hundred units, and an
include per cell cost about 0.4 ms each (50 ms of a 60 ms page)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

NONE_YET = "\u2013"


@register.simple_tag
def ikm_badge(result, period=None) -> SafeString:
    """The published IKM with its band, or why it is not published yet.
    `result` is a community.ikm.Result or None ("" when the template's lookup
    found nothing, e.g. row.latest.result of a unit without a period)."""
    result = result or None
    period = period or None
    if result is not None and result.is_public:
        badge = format_html(
            '<span class="fw-semibold" data-testid="ikm">{}</span> '
            '<span class="badge text-bg-{}" title="{}">{} · {}</span>',
            number_format(result.ikm, 2),
            result.band.css,
            _("Mutu pelayanan"),
            result.band.grade,
            result.band.label,
        )
        if period is not None:
            badge = format_html(
                '{} <span class="small text-body-secondary">({})</span>',
                badge,
                period.name,
            )
        return badge
    hidden = format_html(
        '<span class="text-body-secondary" data-testid="ikm-hidden">{}</span>',
        _("Belum cukup responden"),
    )
    if result is None:
        return hidden
    return format_html(
        '{} <span class="small text-body-secondary">({})</span>',
        hidden,
        _("%(n)s dari minimal %(min)s")
        % {"n": result.respondents, "min": result.minimum},
    )


@register.simple_tag
def feedback_cells(stats) -> SafeString:
    """Three table cells: open feedback, mean days to answer, share on time.
    `stats` is a UnitFeedbackStats or None."""
    stats = stats or None
    open_count = stats.open_count if stats is not None else 0
    days = getattr(stats, "avg_response_days", None)
    share = getattr(stats, "answered_on_time_share", None)
    return format_html(
        '<td class="text-end">{}</td><td class="text-end">{}</td>'
        '<td class="text-end">{}</td>',
        open_count,
        _("%(d)s hari") % {"d": number_format(days, 1)}
        if days is not None
        else NONE_YET,
        f"{round(share * 100)}%" if share is not None else NONE_YET,
    )
