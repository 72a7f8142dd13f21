from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.audit import audited


class UserQuerySet(models.QuerySet):
    def visible_to(self, user) -> UserQuerySet:
        """Accounts a user may look at: HR sees all, everyone else only their own."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(roles.HR.perm):
            return self
        return self.filter(pk=user.pk)


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    pass


# The password hash and the login timestamp stay out of the audit trail.
@audited(exclude=["password", "last_login"])
class User(AbstractUser):
    """A login. An ASN's HR record is positions.Employee, linked one-to-one later."""

    objects = AccountManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        permissions = roles.PERMISSIONS

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: roles.Role) -> bool:
        return self.has_perm(role.perm)

    @property
    def role_labels(self) -> list[str]:
        return [str(role.label) for role in roles.ALL_ROLES if self.has_perm(role.perm)]
