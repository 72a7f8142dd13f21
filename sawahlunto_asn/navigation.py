"""The menu: each entry names the roles that see it, so each role sees only its own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles

# The session key community.identity.office_flags() is kept under at login.
NAV_FLAGS = "nav_flags"


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    roles: tuple[roles.Role, ...]
    # The navbar groups a section's entries under one dropdown, so that HR's
    # twenty pages fit one line; a section a role sees one entry of is a link.
    section: str = ""
    # Shown to everyone, signed in or not (the public participation pages).
    public: bool = False
    # Shown only when the login-time flag is set (community.identity.office_flags):
    # a responder or unit head is a seat, not a role.
    flag: str = ""


JABATAN = _("Jabatan")
KOMPETENSI = _("Kompetensi")
KINERJA = _("Kinerja")
PARTISIPASI = _("Partisipasi")
REFORMASI = _("Reformasi")


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
        _("Dasbor Reformasi"),
        "reform:dashboard",
        "speedometer",
        (roles.HR, roles.PPK),
        section=REFORMASI,
    ),
    MenuItem(
        _("Dasbor Reformasi"),
        "reform:dashboard",
        "speedometer",
        (roles.SUPERVISOR, roles.EMPLOYEE),
        section=REFORMASI,
        flag="unit_head",
    ),
    MenuItem(
        _("Transparansi"),
        "reform:transparency",
        "eye",
        (),
        section=REFORMASI,
        public=True,
    ),
    MenuItem(
        _("Beranda Partisipasi"),
        "community:index",
        "house-heart",
        (),
        section=PARTISIPASI,
        public=True,
    ),
    MenuItem(
        _("Layanan Publik & IKM"),
        "community:unit_list",
        "building-check",
        (),
        section=PARTISIPASI,
        public=True,
    ),
    MenuItem(
        _("Diskusi Warga"),
        "community:forum_index",
        "chat-square-text",
        (),
        section=PARTISIPASI,
        public=True,
    ),
    MenuItem(
        _("Forum Diskusi Publik"),
        "community:meeting_list",
        "people",
        (),
        section=PARTISIPASI,
        public=True,
    ),
    MenuItem(
        _("Komitmen Forum"),
        "community:commitment_list",
        "list-check",
        (),
        section=PARTISIPASI,
        public=True,
    ),
    MenuItem(
        _("Lacak Aspirasi"),
        "community:feedback_track",
        "search",
        (),
        section=PARTISIPASI,
        public=True,
    ),
    MenuItem(
        _("Kirim Aspirasi"),
        "community:feedback_submit",
        "send",
        (roles.CITIZEN,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Aspirasi Saya"),
        "community:my_feedback",
        "chat-left-text",
        (roles.CITIZEN,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Profil Warga"),
        "community:accounts_profile",
        "person-vcard",
        (roles.CITIZEN,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Moderasi"),
        "community:moderation",
        "shield-check",
        (roles.MODERATOR,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Verifikasi Aspirasi"),
        "community:feedback_queue",
        "inbox",
        (roles.MODERATOR,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Log Moderasi"),
        "community:moderation_log",
        "journal-text",
        (roles.MODERATOR,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Kotak Masuk Aspirasi"),
        "community:feedback_inbox",
        "inbox",
        roles.ALL_ROLES,
        section=PARTISIPASI,
        flag="responder",
    ),
    MenuItem(
        _("Dasbor Layanan Publik"),
        "community:office_dashboard",
        "graph-up",
        (roles.HR,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Dasbor Layanan Publik"),
        "community:office_dashboard",
        "graph-up",
        (roles.SUPERVISOR, roles.EMPLOYEE),
        section=PARTISIPASI,
        flag="unit_head",
    ),
    MenuItem(
        _("Eskalasi Aspirasi"),
        "community:feedback_escalation",
        "alarm",
        (roles.HR,),
        section=PARTISIPASI,
    ),
    MenuItem(
        _("Periode SKM"),
        "community:survey_periods",
        "ui-checks",
        (roles.HR,),
        section=PARTISIPASI,
    ),
]


def _visible(user, flags: dict | None) -> list[MenuItem]:
    flags = flags or {}
    seen: set[str] = set()
    items = []
    for item in MENU:
        if item.url_name in seen:
            continue  # one page, offered to several audiences
        if not item.public and not (
            user is not None
            and user.is_authenticated
            and any(user.has_perm(role.perm) for role in item.roles)
        ):
            continue
        if item.flag and not flags.get(item.flag):
            continue
        seen.add(item.url_name)
        items.append(item)
    return items


@cache
def _url(url_name: str, prefix: str) -> str:
    # The menu's URLs take no arguments, so each is reversed once per process
    # (and script prefix) instead of twenty times on every page.
    return reverse(url_name)


def _link(item: MenuItem) -> dict:
    return {
        "label": item.label,
        "url": _url(item.url_name, get_script_prefix()),
        "icon": item.icon,
        "url_name": item.url_name,
    }


def items_for(user, flags: dict | None = None) -> list[dict]:
    """The pages a signed-in user works with (the dashboard's cards)."""
    if user is None or not user.is_authenticated:
        return []
    return [_link(item) for item in _visible(user, flags) if not item.public]


def sections_for(user, flags: dict | None = None) -> list[dict]:
    """The navbar: links, and dropdowns of a section's links in menu order."""
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    visible = _visible(user, flags)
    counts: dict[str, int] = {}
    for item in visible:
        counts[item.section] = counts.get(item.section, 0) + 1
    for item in visible:
        link = _link(item)
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


def flags_of(request) -> dict:
    session = getattr(request, "session", None)
    return (session.get(NAV_FLAGS) if session is not None else None) or {}


def menu(request) -> dict:
    """Context processor; permissions are cached on the user, so one query at most."""
    return {
        "menu_sections": sections_for(getattr(request, "user", None), flags_of(request))
    }
