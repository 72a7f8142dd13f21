"""Who a community account is in public, and whether it may post."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community.errors import CommunityError
from community.models import CitizenProfile
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.navigation import NAV_FLAGS


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


def office_flags(user) -> dict[str, bool]:
    """What the menu offers beyond the user's roles: the responder's inbox and the
    unit head's public-service dashboard. Read once at login (a few queries) and
    kept in the session, so no page pays for it."""
    from community.services.feedback import responder_unit_id
    from community.services.survey import headed_units

    staff = user.has_perm(roles.SUPERVISOR.perm) or user.has_perm(roles.EMPLOYEE.perm)
    return {
        "responder": responder_unit_id(user) is not None,
        "unit_head": staff and bool(headed_units(user)),
    }


def remember_office_flags(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver (connected in CommunityConfig.ready)."""
    if request is not None and hasattr(request, "session"):
        request.session[NAV_FLAGS] = office_flags(user)
