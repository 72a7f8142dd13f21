"""Who a community account is in public, and whether it may post."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community.errors import CommunityError
from community.models import CitizenProfile


def ensure_may_post(user) -> None:
    """Refuse a suspended account; call it inside the writing transaction."""
    profile = CitizenProfile.objects.filter(user_id=user.pk).first()
    if profile is not None and profile.is_suspended:
        raise CommunityError(
            _(
                "Akun Anda ditangguhkan oleh moderator dan tidak dapat mengirim "
                "tulisan. Alasan: %(reason)s"
            )
            % {"reason": profile.suspension_reason}
        )
