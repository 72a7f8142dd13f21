"""The menu: each entry names the roles that see it, so each role sees only its own."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    roles: tuple[roles.Role, ...]
    # The navbar groups a section's entries under one dropdown, so that HR's
    # twenty pages fit one line; a section a role sees one entry of is a link.
    section: str = ""


JABATAN = _("Jabatan")
KOMPETENSI = _("Kompetensi")
KINERJA = _("Kinerja")
PARTISIPASI = _("Partisipasi")


# Later issues append their pages here.
MENU: list[MenuItem] = [
    MenuItem(_("Dasbor"), "dashboard", "speedometer2", roles.ALL_ROLES),
    MenuItem(
        _("Ikhtisar Jabatan"),
        "positions:index",
        "diagram-3",
        (roles.HR,),
        section=JABATAN,
    ),
    MenuItem(
        _("Peta Jabatan"),
        "positions:position_map",
        "grid-3x3-gap",
        (roles.HR,),
        section=JABATAN,
    ),
    MenuItem(
        _("Pegawai"), "positions:employee_list", "people", (roles.HR,), section=JABATAN
    ),
    MenuItem(
        _("Usulan Mutasi"),
        "positions:batch_list",
        "arrow-left-right",
        (roles.HR, roles.REVIEWER, roles.PPK),
        section=JABATAN,
    ),
    MenuItem(
        _("Ikhtisar Kompetensi"),
        "competency:index",
        "mortarboard",
        (roles.HR,),
        section=KOMPETENSI,
    ),
    MenuItem(
        _("Kegiatan Pelatihan"),
        "competency:event_list",
        "calendar-event",
        (roles.HR, roles.SUPERVISOR, roles.EMPLOYEE),
        section=KOMPETENSI,
    ),
    MenuItem(
        _("Pelatihan Saya"),
        "competency:my_learning",
        "journal-check",
        (roles.SUPERVISOR, roles.EMPLOYEE),
        section=KOMPETENSI,
    ),
    MenuItem(
        _("Profil Saya"),
        "positions:my_profile",
        "person-badge",
        (roles.EMPLOYEE,),
        section=JABATAN,
    ),
    MenuItem(
        _("Bawahan Saya"),
        "positions:employee_list",
        "person-lines-fill",
        (roles.SUPERVISOR,),
        section=JABATAN,
    ),
    MenuItem(
        _("Kompetensi Tim"),
        "competency:gap_report",
        "bar-chart-steps",
        (roles.SUPERVISOR,),
        section=KOMPETENSI,
    ),
    MenuItem(
        _("JP Tim"),
        "competency:jp_report",
        "hourglass-split",
        (roles.SUPERVISOR,),
        section=KOMPETENSI,
    ),
    MenuItem(
        _("SKP Saya"),
        "performance:my_skp",
        "clipboard-data",
        (roles.EMPLOYEE, roles.SUPERVISOR),
        section=KINERJA,
    ),
    MenuItem(
        _("Kinerja Tim"),
        "performance:team",
        "clipboard-check",
        (roles.SUPERVISOR,),
        section=KINERJA,
    ),
    MenuItem(
        _("Distribusi Predikat"),
        "performance:distribution",
        "bar-chart",
        (roles.HR, roles.SUPERVISOR, roles.PPK),
        section=KINERJA,
    ),
    MenuItem(
        _("Manajemen Talenta"),
        "performance:talent",
        "grid-3x3",
        (roles.HR, roles.SUPERVISOR),
        section=KINERJA,
    ),
    MenuItem(
        _("Periode Penilaian"),
        "performance:periods",
        "calendar3",
        (roles.HR,),
        section=KINERJA,
    ),
    MenuItem(
        _("Moderasi"),
        "community:moderation",
        "shield-check",
        (roles.MODERATOR,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Aspirasi Saya"),
        "community:my_feedback",
        "chat-left-text",
        (roles.CITIZEN,),
        section=PARTISIPASI,
    ),
]


def items_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "url_name": item.url_name,
        }
        for item in MENU
        if any(user.has_perm(role.perm) for role in item.roles)
    ]


def sections_for(user) -> list[dict]:
    """The navbar: links, and dropdowns of a section's links in menu order."""
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    visible = [
        item
        for item in MENU
        if user.is_authenticated
        and any(user.has_perm(role.perm) for role in item.roles)
    ]
    counts: dict[str, int] = {}
    for item in visible:
        counts[item.section] = counts.get(item.section, 0) + 1
    for item in visible:
        link = {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "url_name": item.url_name,
        }
        if not item.section or counts[item.section] == 1:
            entries.append(link)
            continue
        group = groups.get(item.section)
        if group is None:
            group = groups[item.section] = {
                "label": item.section,
                "slug": slugify(item.section),
                "children": [],
            }
            entries.append(group)
        group["children"].append(link)
    return entries


def menu(request) -> dict:
    """Context processor; permissions are cached on the user, so one query at most."""
    user = getattr(request, "user", None)
    return {"menu_sections": sections_for(user) if user is not None else []}
