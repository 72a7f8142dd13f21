"""Demo accounts, one per role, for `seed_demo`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User
from sawahlunto_asn.accounts.services import ensure_roles

DEMO_PASSWORD = "sawahlunto-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    role: roles.Role | None
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Administrator Sistem", None, superuser=True),
    DemoAccount("bkpsdm", "Rina Marlina (BKPSDM)", roles.HR),
    DemoAccount("atasan", "Hendra Saputra (Atasan)", roles.SUPERVISOR),
    DemoAccount("pegawai", "Dewi Lestari (Pegawai)", roles.EMPLOYEE),
    DemoAccount("moderator", "Yusuf Hakim (Moderator)", roles.MODERATOR),
    DemoAccount("warga", "Siti Aminah (Warga)", roles.CITIZEN),
    DemoAccount("tpk", "Zulkifli Anwar (Tim Penilai Kinerja)", roles.REVIEWER),
    DemoAccount("walikota", "Wali Kota (PPK)", roles.PPK),
)


@transaction.atomic
def seed_accounts() -> list[DemoAccount]:
    """Create or refresh the demo accounts; running it twice changes nothing."""
    ensure_roles()
    groups = {group.name: group for group in Group.objects.all()}
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "email": f"{account.username}@sawahluntokota.example",
                "is_staff": account.superuser,
                "is_superuser": account.superuser,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if account.role is not None:
            user.groups.add(groups[account.role.group])
    return list(DEMO_ACCOUNTS)
