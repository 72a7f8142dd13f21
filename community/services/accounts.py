"""Citizen accounts: sign-up with email confirmation, profile, the download of
one's own data and account deletion (issue 7, item 1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from community.errors import CommunityError
from community.models import CitizenProfile
from community.models.accounts import DELETED_NAME
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User

CONFIRMATION_SALT = "community.accounts.email-confirmation"


class ConfirmationInvalid(CommunityError):
    """The link was altered, belongs to a deleted account or an older address."""


class ConfirmationExpired(ConfirmationInvalid):
    """The link was genuine but is older than COMMUNITY_EMAIL_CONFIRMATION_HOURS."""


@transaction.atomic(durable=True)
def register_citizen(
    *,
    username: str,
    email: str,
    password: str,
    display_name: str,
    link_for: Callable[[str], str],
) -> User:
    """Create an inactive citizen account with its profile; it becomes usable once
    the link mailed (after commit) to `email` is opened. `link_for(token)` turns a
    token into the absolute confirmation URL."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise CommunityError(_("Surel ini sudah terdaftar."), code="email_taken")
    if User.objects.filter(username__iexact=username).exists():
        raise CommunityError(
            _("Nama pengguna ini sudah dipakai."), code="username_taken"
        )
    # Only the display name is asked: the real name stays out unless the citizen
    # types it there himself.
    user = User(username=username, email=email, is_active=False)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=roles.CITIZEN.group))
    CitizenProfile.objects.create(user=user, display_name=display_name.strip())
    _mail_confirmation(user, email=email, link_for=link_for)
    return user


def make_confirmation_token(user: User, *, email: str) -> str:
    """A signed, expiring token binding the account to the address to confirm."""
    return signing.dumps({"u": user.pk, "e": email}, salt=CONFIRMATION_SALT)


def read_confirmation_token(token: str) -> dict:
    """The account id and address a link confirms, or ConfirmationExpired /
    ConfirmationInvalid; writes nothing."""
    max_age = timedelta(hours=settings.COMMUNITY_EMAIL_CONFIRMATION_HOURS)
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ConfirmationExpired(
            _("Tautan konfirmasi sudah kedaluwarsa."), code="expired"
        ) from None
    except signing.BadSignature:
        raise ConfirmationInvalid(
            _("Tautan konfirmasi tidak sah."), code="invalid"
        ) from None
    if not isinstance(data, dict):
        raise ConfirmationInvalid(_("Tautan konfirmasi tidak sah."), code="invalid")
    return data


@transaction.atomic(durable=True)
def confirm_email(token: str) -> User:
    """Mark the address in `token` confirmed: activates a new account, or makes a
    pending new address the account's address. Opening the link twice is fine."""
    data = read_confirmation_token(token)
    invalid = ConfirmationInvalid(_("Tautan konfirmasi tidak sah."), code="invalid")
    user = User.objects.select_for_update().filter(pk=data.get("u")).first()
    if user is None or not user.has_usable_password():
        raise invalid  # deleted in between
    profile = CitizenProfile.objects.select_for_update().filter(user_id=user.pk).first()
    if profile is None:
        raise invalid
    email = data.get("e", "")
    if email == user.email:
        if profile.email_confirmed_at is None:
            # Only a never-confirmed account is activated here: an account an
            # administrator later switched off is not switched on by an old link.
            user.is_active = True
            user.save(update_fields=["is_active"])
            profile.email_confirmed_at = timezone.now()
            profile.save(update_fields=["email_confirmed_at"])
        return user
    if profile.email_confirmed_at is None:
        raise invalid  # an older address of an account never confirmed
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise CommunityError(
            _("Surel ini sudah dipakai akun lain."), code="email_taken"
        )
    user.email = email
    user.save(update_fields=["email"])
    profile.email_confirmed_at = timezone.now()
    profile.save(update_fields=["email_confirmed_at"])
    return user


def resend_confirmation(email: str, *, link_for: Callable[[str], str]) -> None:
    """Mail the link again to an account still waiting for confirmation. Says
    nothing about whether the address is registered."""
    user = (
        User.objects.filter(
            email__iexact=email.strip(),
            is_active=False,
            citizen_profile__email_confirmed_at__isnull=True,
        )
        .exclude(password__startswith="!")
        .first()
    )
    if user is not None:
        _mail_confirmation(user, email=user.email, link_for=link_for)


@transaction.atomic(durable=True)
def update_citizen_profile(
    user: User,
    *,
    display_name: str,
    email: str,
    link_for: Callable[[str], str],
) -> bool:
    """Save the display name now; a new address is mailed a link and replaces the
    old one only once confirmed. Returns whether such a link was sent."""
    User.objects.select_for_update().filter(pk=user.pk).get()
    CitizenProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name.strip()}
    )
    email = User.objects.normalize_email(email).lower()
    if email == user.email.lower():
        return False
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise CommunityError(
            _("Surel ini sudah dipakai akun lain."), code="email_taken"
        )
    _mail_confirmation(user, email=email, link_for=link_for)
    return True


def export_personal_data(user: User) -> dict:
    """Everything the system keeps about `user` as personal data, per area, ready
    for json.dumps (dates as ISO strings)."""
    profile = CitizenProfile.objects.filter(user_id=user.pk).first()
    data = {
        "dibuat_pada": timezone.now(),
        "akun": {
            "nama_pengguna": user.username,
            "surel": user.email,
            "nama_depan": user.first_name,
            "nama_belakang": user.last_name,
            "terdaftar_pada": user.date_joined,
            "terakhir_masuk": user.last_login,
            "peran": user.role_labels,
        },
        "profil": None
        if profile is None
        else {
            "nama_tampilan": profile.display_name,
            "surel_dikonfirmasi_pada": profile.email_confirmed_at,
            "ditangguhkan_pada": profile.suspended_at,
            "alasan_penangguhan": profile.suspension_reason,
            "dibuat_pada": profile.created_at,
        },
    }
    for path in settings.COMMUNITY_PERSONAL_DATA_EXPORTERS:
        data[_area_name(path)] = _load(path)(user)
    # A round trip through JSON proves the file can be written before the
    # response starts, and turns dates, decimals and lazy text into plain values.
    return json.loads(json.dumps(data, cls=_ExportEncoder))


@transaction.atomic(durable=True)
def delete_citizen_account(user: User) -> None:
    """Erase the account's personal data everywhere; its posts stay, shown under
    the neutral DELETED_NAME. The account can never log in again."""
    erasers = [_load(path) for path in settings.COMMUNITY_PERSONAL_DATA_ERASERS]
    user = User.objects.select_for_update().get(pk=user.pk)
    if (
        user.is_staff
        or user.is_superuser
        or user.groups.exclude(name=roles.CITIZEN.group).exists()
    ):
        # A staff login carries HR history; it is closed by an administrator.
        raise CommunityError(
            _(
                "Akun ini juga akun petugas dan tidak dapat dihapus sendiri. "
                "Hubungi administrator BKPSDM."
            ),
            code="staff_account",
        )
    old_username = user.username
    user.username = f"dihapus-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(
        update_fields=[
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "password",
        ]
    )
    CitizenProfile.objects.update_or_create(
        user=user,
        defaults={"display_name": str(DELETED_NAME), "email_confirmed_at": None},
    )
    for erase in erasers:
        erase(user)
    # The audit trail and the login records keep old usernames and addresses;
    # erased means gone from there too (the update above was just recorded).
    apps.get_model("accounts", "UserEvent").objects.filter(pgh_obj_id=user.pk).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=old_username).delete()


def _mail_confirmation(
    user: User, *, email: str, link_for: Callable[[str], str]
) -> None:
    link = link_for(make_confirmation_token(user, email=email))
    context = {
        "user": user,
        "link": link,
        "hours": settings.COMMUNITY_EMAIL_CONFIRMATION_HOURS,
    }
    subject = _("Konfirmasi surel akun warga ASN Sawahlunto")
    body = render_to_string("community/accounts_confirmation_email.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [email], fail_silently=False)
    )


class _ExportEncoder(DjangoJSONEncoder):
    """Dates, decimals and UUIDs as Django writes them; anything else an area
    returns (a model instance, lazy text) as its text rather than a failure."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _load(path: str) -> Callable:
    try:
        return import_string(path)
    except ImportError as error:
        # A missing area must stop the export or the erasure, never leave part
        # of a citizen's data out without anyone noticing.
        raise ImproperlyConfigured(
            f"COMMUNITY_PERSONAL_DATA_*: cannot import {path!r}: {error}"
        ) from error


def _area_name(path: str) -> str:
    """ "community.services.feedback.personal_data" -> "feedback"."""
    parts = path.split(".")
    return parts[-2] if len(parts) >= 2 else path
