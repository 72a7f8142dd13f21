from django.core.management.base import BaseCommand

from sawahlunto_asn.accounts.demo import seed_accounts


class Command(BaseCommand):
    help = "Load the demo data (idempotent): accounts for every role, then each app's data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees", type=int, default=2500, help="How many employees to seed."
        )

    def handle(self, *args, **options):
        accounts = seed_accounts()
        self.stdout.write(f"Demo data ready: {len(accounts)} accounts.")
