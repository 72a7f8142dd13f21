from __future__ import annotations

from django.core.management.base import BaseCommand

from competency.services import recount_all_jp


class Command(BaseCommand):
    help = (
        "Rebuild each employee's counted JP per year from completed training and "
        "approved external learning, with the caps now in settings. The services keep "
        "it current; run this after changing COMPETENCY_JP_CAPS or after a bulk load."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", help="Only this year (repeatable)."
        )

    def handle(self, *args, **options):
        rows = recount_all_jp(options["year"])
        if options["verbosity"] >= 1:
            self.stdout.write(f"Yearly JP recounted: {rows} employee-years.")
