from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from community.demo.seed import seed_community
from competency.demo import seed_competency
from competency.services import refresh_gap_summary
from performance.demo import seed_performance
from positions.demo import MIN_EMPLOYEES, seed_registry
from positions.demo_rotation import seed_rotation_batches
from sawahlunto_asn.accounts.demo import seed_accounts
from sawahlunto_asn.notifications.demo import seed_notifications


class Command(BaseCommand):
    help = "Load the demo data (idempotent): accounts for every role, then each app's data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees", type=int, default=2500, help="How many employees to seed."
        )

    def handle(self, *args, **options):
        employees = options["employees"]
        if employees < MIN_EMPLOYEES:
            raise CommandError(f"--employees must be at least {MIN_EMPLOYEES}.")
        accounts = seed_accounts()
        # After the accounts, so that `atasan` and `pegawai` can be linked.
        registry = seed_registry(employees)
        competency = seed_competency()
        # After competency: potentials come from the assessments.
        performance = seed_performance()
        # Bulk loads leave the planner without statistics; the list pages then pick
        # nested loops over whole tables (28 ms instead of 3 ms at 2,500 employees).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # Walked through the approval services, each step its own transaction.
        batches = seed_rotation_batches()
        # After the batches: the summary counts today's posts.
        refresh_gap_summary()
        # Last: feedback goes to the units, responders to the OPDs.
        community = seed_community()
        # A few unread notifications, so the bell has something to show.
        seed_notifications()
        # Last of all: the reform dashboard's figures of every year seeded.
        call_command("refresh_reform_indicators", verbosity=0)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Demo data ready: {len(accounts)} accounts; "
                f"{registry.line().rstrip('.')}; {batches} rotation batches; "
                f"{competency.line().rstrip('.')}; {performance.line().rstrip('.')}; "
                f"{community.line()}"
            )
