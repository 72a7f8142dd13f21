"""The menu: each entry names the roles that see it, so each role sees only its own."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    roles: tuple[roles.Role, ...]


# Later issues append their pages here.
MENU: list[MenuItem] = [
    MenuItem(_("Dasbor"), "dashboard", "speedometer2", roles.ALL_ROLES),
    MenuItem(_("Jabatan"), "positions:index", "diagram-3", (roles.HR,)),
    MenuItem(_("Peta Jabatan"), "positions:position_map", "grid-3x3-gap", (roles.HR,)),
    MenuItem(_("Pegawai"), "positions:employee_list", "people", (roles.HR,)),
    MenuItem(
        _("Usulan Mutasi"),
        "positions:batch_list",
        "arrow-left-right",
        (roles.HR, roles.REVIEWER, roles.PPK),
    ),
    MenuItem(_("Kompetensi"), "competency:index", "mortarboard", (roles.HR,)),
    MenuItem(
        _("Kegiatan Pelatihan"),
        "competency:event_list",
        "calendar-event",
        (roles.HR, roles.SUPERVISOR, roles.EMPLOYEE),
    ),
    MenuItem(
        _("Pelatihan Saya"),
        "competency:my_learning",
        "journal-check",
        (roles.SUPERVISOR, roles.EMPLOYEE),
    ),
    MenuItem(
        _("Profil Saya"), "positions:my_profile", "person-badge", (roles.EMPLOYEE,)
    ),
    MenuItem(
        _("Bawahan Saya"),
        "positions:employee_list",
        "person-lines-fill",
        (roles.SUPERVISOR,),
    ),
    MenuItem(
        _("Kompetensi Tim"),
        "competency:gap_report",
        "bar-chart-steps",
        (roles.SUPERVISOR,),
    ),
    MenuItem(
        _("JP Tim"), "competency:jp_report", "hourglass-split", (roles.SUPERVISOR,)
    ),
    MenuItem(
        _("SKP Saya"),
        "performance:my_skp",
        "clipboard-data",
        (roles.EMPLOYEE, roles.SUPERVISOR),
    ),
    MenuItem(
        _("Kinerja Tim"), "performance:team", "clipboard-check", (roles.SUPERVISOR,)
    ),
    MenuItem(
        _("Distribusi Predikat"),
        "performance:distribution",
        "bar-chart",
        (roles.HR, roles.SUPERVISOR, roles.PPK),
    ),
    MenuItem(
        _("Manajemen Talenta"),
        "performance:talent",
        "grid-3x3",
        (roles.HR, roles.SUPERVISOR),
    ),
    MenuItem(_("Periode Penilaian"), "performance:periods", "calendar3", (roles.HR,)),
    MenuItem(_("Moderasi"), "community:moderation", "shield-check", (roles.MODERATOR,)),
    MenuItem(
        _("Aspirasi Saya"), "community:my_feedback", "chat-left-text", (roles.CITIZEN,)
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


def menu(request) -> dict:
    """Context processor; permissions are cached on the user, so one query at most."""
    user = getattr(request, "user", None)
    return {"menu_items": items_for(user) if user is not None else []}
