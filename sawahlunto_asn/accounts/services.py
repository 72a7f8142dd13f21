from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from sawahlunto_asn.accounts import roles


def ensure_roles(group_model=Group, permission_model=Permission, ct_model=ContentType):
    """Create the role groups and their access permissions; safe to run again.

    The model classes are parameters so the data migration can pass its
    historical models.
    """
    content_type, _ = ct_model.objects.get_or_create(app_label="accounts", model="user")
    for role in roles.ALL_ROLES:
        name = dict(roles.PERMISSIONS)[role.codename]
        perm, _ = permission_model.objects.get_or_create(
            content_type=content_type, codename=role.codename, defaults={"name": name}
        )
        group, _ = group_model.objects.get_or_create(name=role.group)
        group.permissions.add(perm)
