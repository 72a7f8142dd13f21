"""A few unread notifications for the demo logins, so the bell shows a count."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from sawahlunto_asn.notifications.models import Kind, Notification

DEMO = [
    (
        "atasan",
        Kind.SKP_AGREEMENT,
        _("SKP menunggu persetujuan Anda"),
        _("Pegawai Anda telah menyetujui SKP-nya."),
        "performance:team",
    ),
    (
        "atasan",
        Kind.OBJECTION,
        _("Keberatan atas penilaian kinerja diajukan"),
        _("Keberatan menunggu penjelasan dan keputusan Anda."),
        "performance:team",
    ),
    (
        "pegawai",
        Kind.TRAINING_NOMINATION,
        _("Anda ditunjuk mengikuti pelatihan"),
        _("Lihat jadwal dan tempat pelatihan."),
        "competency:my_learning",
    ),
    (
        "pegawai",
        Kind.SKP_AGREEMENT,
        _("SKP menunggu persetujuan Anda"),
        _("Pejabat penilai kinerja telah menyetujui SKP Anda."),
        "performance:my_skp",
    ),
    (
        "tpk",
        Kind.BATCH_DECISION,
        _("Usulan mutasi menunggu keputusan Anda"),
        _("Status: Diajukan."),
        "positions:batch_list",
    ),
    (
        "walikota",
        Kind.BATCH_DECISION,
        _("Usulan mutasi menunggu keputusan Anda"),
        _("Status: Direkomendasikan."),
        "positions:batch_list",
    ),
    (
        "warga",
        Kind.FEEDBACK_RESPONSE,
        _("Aspirasi Anda telah dijawab"),
        _("Buka aspirasi untuk membaca jawabannya."),
        "community:my_feedback",
    ),
    (
        "petugas-dukcapil",
        Kind.FEEDBACK_OVERDUE,
        _("Aspirasi lewat tenggat"),
        _("Ada aspirasi di unit Anda yang melewati tenggat."),
        "community:feedback_inbox",
    ),
]


def seed_notifications() -> int:
    """Create the demo notifications for the logins that exist (idempotent)."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in={d[0] for d in DEMO})
    }
    created = 0
    for username, kind, title, body, url_name in DEMO:
        user = users.get(username)
        if user is None:
            continue
        _row, made = Notification.objects.get_or_create(
            recipient=user,
            kind=kind,
            title=str(title),
            defaults={"body": str(body), "url": reverse(url_name)},
        )
        created += made
    return created
