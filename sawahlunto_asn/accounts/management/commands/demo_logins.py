from django.core.management.base import BaseCommand

from community.demo.seed import DEMO_RESPONDER, demo_responder
from sawahlunto_asn.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo logins; `make run` shows them before serving."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(f"Login demo — kata sandi semua akun: {DEMO_PASSWORD}")
        for account in DEMO_ACCOUNTS:
            role = (
                "superuser (Admin Django)" if account.superuser else account.role.label
            )
            self.stdout.write(f"  {account.username:<16} {role}")
        if demo_responder() is not None:
            self.stdout.write(
                f"  {DEMO_RESPONDER:<16} Petugas penjawab aspirasi (Dinas Dukcapil)"
            )
        self.stdout.write("Buka http://127.0.0.1:8000/")
