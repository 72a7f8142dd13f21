from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from positions.dates import format_day
from sawahlunto_asn.lib.widgets import esc

register = template.Library()


def _badges():
    """The difference badge, with its two titles translated once per page."""
    short, over = esc(_("kurang pegawai")), esc(_("kelebihan pegawai"))

    def badge(value: int) -> str:
        if value > 0:
            return (
                f'<span class="badge text-bg-warning" title="{short}">+{value}</span>'
            )
        if value < 0:
            return f'<span class="badge text-bg-danger" title="{over}">{value}</span>'
        return '<span class="text-body-secondary">0</span>'

    return badge


@register.simple_tag
def position_map_rows(the_map, on: str = "") -> str:
    """The map's table body, built in Python as the admin builds its change lists:
    an OPD can hold hundreds of positions, and a template loop costs ~0.3 ms a row."""
    edit = esc(_("ubah"))
    # One reverse() per page, not per row: the pk is spliced into the pattern.
    unit_edit = reverse("positions:unit_update", args=[0]).replace("/0/", "/%d/")
    position_edit = reverse("positions:position_update", args=[0]).replace(
        "/0/", "/%d/"
    )
    date_param = f"&amp;on={esc(on)}" if on else ""
    badge = _badges()
    kinds: dict[str, str] = {}  # kind labels are lazy; translate each once per page
    parts: list[str] = []
    for row in the_map.rows:
        unit = row.unit
        danger = " table-danger" if row.difference < 0 else ""
        parts.append(
            f'<tr class="table-group-divider unit-row{danger}" data-unit="{esc(unit.code)}">'
            f'<th scope="row" class="indent-{row.depth}">'
            f'<a href="?unit={unit.pk}{date_param}">{esc(unit.name)}</a></th>'
            f"<td>{kinds.get(unit.kind) or kinds.setdefault(unit.kind, esc(unit.kind_label))}"
            "</td><td></td>"
            f'<td class="text-end fw-semibold">{row.needs}</td>'
            f'<td class="text-end fw-semibold">{row.incumbents}</td>'
            f'<td class="text-end fw-semibold">{badge(row.difference)}</td>'
            f'<td class="no-print"><a class="small" href="{unit_edit % unit.pk}">{edit}</a></td>'
            "</tr>"
        )
        for position in row.positions:
            state = ""
            if position.difference < 0:
                state = " table-danger"
            elif position.difference > 0:
                state = " vacancy"
            eselon = f" ({esc(position.eselon)})" if position.eselon else ""
            parts.append(
                f'<tr class="position-row{state}">'
                f'<td class="indent-{row.depth + 1}">{esc(position.title)} '
                f'<span class="text-body-secondary small">{esc(position.code)}</span></td>'
                f"<td>{esc(position.kind_label)}{eselon}</td>"
                f'<td class="text-end">{position.job_class}</td>'
                f'<td class="text-end">{position.needs}</td>'
                f'<td class="text-end">{position.incumbents}</td>'
                f'<td class="text-end">{badge(position.difference)}</td>'
                f'<td class="no-print"><a class="small" href="{position_edit % position.pk}">'
                f"{edit}</a></td></tr>"
            )
    return mark_safe("".join(parts))


def _day(value) -> str:
    return format_day(value) if value else "—"


@register.simple_tag
def employee_rows(page, labels) -> str:
    """The employee list's rows, built in Python like position_map_rows."""
    detail = reverse("positions:employee_detail", args=[0]).replace("/0/", "/%d/")
    parts: list[str] = []
    for e in page:
        parts.append(
            "<tr>"
            f'<td><a href="{detail % e.pk}">{esc(e.full_name)}</a><br>'
            f'<span class="small text-body-secondary">{esc(e.nip_display)} · '
            f"{esc(e.status_label)}</span></td>"
            f"<td>{esc(labels['rank'].get(e.rank_id, '—'))}</td>"
            f"<td>{esc(e.position_title or '—')}<br>"
            f'<span class="small text-body-secondary">{esc(e.unit_name or "")}</span></td>'
            f"<td>{_day(e.position_start)}</td>"
            f"<td>{esc(labels['education'].get(e.education_id, '—'))}</td>"
            f"<td>{_day(e.retirement_on)}</td>"
            "</tr>"
        )
    if not parts:
        empty = esc(_("Tidak ada pegawai yang cocok dengan saringan."))
        parts.append(f'<tr><td colspan="6">{empty}</td></tr>')
    return mark_safe("".join(parts))


WATCH_BADGES = {
    "OVERDUE": "text-bg-danger",
    "ELIGIBLE": "text-bg-success",
    "NOT_YET": "text-bg-secondary",
}


@register.simple_tag
def watch_rows(rows) -> str:
    """The rotation watch list's rows, built in Python like employee_rows."""
    detail = reverse("positions:employee_detail", args=[0]).replace("/0/", "/%d/")
    one_field = esc(_("satu rumpun saja"))
    years, months = _("th"), _("bl")
    labels: dict[str, str] = {}
    parts: list[str] = []
    for row in rows:
        post, employee, position = (
            row["post"],
            row["post"].employee,
            row["post"].position,
        )
        category = row["category"]
        label = labels.get(category) or labels.setdefault(
            category, esc(row["category_label"])
        )
        flag = (
            f' <span class="badge text-bg-warning" data-testid="one-field">{one_field}</span>'
            if row["one_field"]
            else ""
        )
        parts.append(
            f'<tr data-category="{category}">'
            f'<td><a href="{detail % employee.pk}">{esc(employee.full_name)}</a><br>'
            f'<span class="small text-body-secondary">{esc(employee.nip_display)}</span></td>'
            f"<td>{esc(position.title)}<br>"
            f'<span class="small text-body-secondary">{esc(position.unit.name)}</span></td>'
            f"<td>{_day(post.start_date)}</td>"
            f"<td>{row['in_post'][0]} {years} {row['in_post'][1]} {months}</td>"
            f'<td><span class="badge {WATCH_BADGES[category]}">{label}</span></td>'
            f"<td>{esc(', '.join(row['fields']))}{flag}</td>"
            "</tr>"
        )
    if not parts:
        empty = esc(_("Tidak ada pegawai yang cocok dengan saringan."))
        parts.append(f'<tr><td colspan="6">{empty}</td></tr>')
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def move_rows(context, rows, editable: bool, show_recommendations: bool) -> str:
    """A batch's moves with their findings, built in Python: a gerbong of 50 moves
    spent more time in the template loop than in validating the whole batch."""
    from django.middleware.csrf import get_token

    from positions.models import Move

    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(get_token(context["request"]))}">'
    remove = reverse("positions:batch_move_remove", args=[0]).replace("/0/", "/%d/")
    acknowledge = reverse("positions:batch_move_acknowledge", args=[0]).replace(
        "/0/", "/%d/"
    )
    kinds = {value: esc(label) for value, label in Move.Kind.choices}
    verdicts = {value: esc(label) for value, label in Move.Recommendation.choices}
    new_field = esc(_("rumpun baru"))
    nothing = esc(_("tidak ada catatan"))
    reason_label, placeholder = esc(_("Alasan:")), esc(_("Alasan tetap diusulkan"))
    save_reason, delete = esc(_("Simpan alasan")), esc(_("hapus"))
    ack_label = esc(_("Alasan menerima peringatan"))
    box_label = esc(_("Kotak"))
    box_title = esc(_("Posisi pada 9-box manajemen talenta (penilaian terakhir)"))
    gaps_label = esc(_("Kompetensi di bawah standar jabatan tujuan (asesmen/standar):"))
    parts: list[str] = []
    for row in rows:
        r = row["report"]
        move = r.move
        employee = move.employee
        box = row.get("talent_box")
        talent = (
            f' <span class="badge text-bg-light border" data-testid="talent-box" '
            f'title="{box_title}">{box_label} {box}</span>'
            if box
            else ""
        )
        cells = [
            f"<td>{esc(employee.full_name)}{talent}<br>"
            f'<span class="small text-body-secondary">{esc(employee.nip_display)}</span></td>',
            f"<td>{kinds.get(move.kind, esc(move.kind))}"
            + (
                f'<br><span class="badge text-bg-info">{new_field}</span>'
                if r.widens_experience
                else ""
            )
            + "</td>",
            f"<td>{esc(move.from_position or '—')}</td>",
            f"<td>{esc(move.to_position or '—')}</td>",
        ]
        findings = [
            f'<div class="small text-danger" data-testid="error">✖ {esc(f.message)}</div>'
            for f in row["errors"]
        ] + [
            f'<div class="small text-warning-emphasis" data-testid="warning">⚠ {esc(f.message)}</div>'
            for f in row["warnings"]
        ]
        if not r.findings:
            findings.append(f'<span class="small text-success">{nothing}</span>')
        if row.get("target_gaps"):
            short = ", ".join(
                f"{esc(g.name)} ({'—' if g.unassessed else g.assessed}/{g.required})"
                for g in row["target_gaps"]
            )
            findings.append(
                f'<div class="small text-body-secondary" data-testid="target-gaps">'
                f"{gaps_label} {short}</div>"
            )
        if move.acknowledged_reason:
            findings.append(
                f'<div class="small text-body-secondary">{reason_label} '
                f"{esc(move.acknowledged_reason)}</div>"
            )
        if editable and row["warnings"]:
            findings.append(
                f'<form method="post" action="{acknowledge % move.pk}" class="mt-1">{csrf}'
                f'<label class="visually-hidden" for="ack-{move.pk}">{ack_label}</label>'
                f'<textarea id="ack-{move.pk}" name="reason" rows="1" '
                f'class="form-control form-control-sm" placeholder="{placeholder}">'
                f"{esc(move.acknowledged_reason)}</textarea>"
                f'<button class="btn btn-sm btn-outline-secondary mt-1" type="submit">'
                f"{save_reason}</button></form>"
            )
        cells.append(f"<td>{''.join(findings)}</td>")
        if show_recommendations:
            select = row.get("recommend")
            if select is not None:
                inner = (
                    f'<label class="visually-hidden" for="{select.id_for_label}">'
                    f"{esc(select.label)}</label>{select}"
                )
            else:
                inner = verdicts.get(move.recommendation, "—")
            cells.append(f'<td data-testid="recommendation">{inner}</td>')
        if editable:
            cells.append(
                f'<td><form method="post" action="{remove % move.pk}">{csrf}'
                f'<button class="btn btn-sm btn-link text-danger" type="submit">'
                f"{delete}</button></form></td>"
            )
        parts.append(f'<tr data-testid="move">{"".join(cells)}</tr>')
    if not parts:
        empty = esc(_("Belum ada perpindahan."))
        parts.append(f'<tr><td colspan="7">{empty}</td></tr>')
    return mark_safe("".join(parts))
