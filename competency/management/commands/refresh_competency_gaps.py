from __future__ import annotations

from django.core.management.base import BaseCommand

from competency.services import refresh_gap_summary


class Command(BaseCommand):
    help = (
        "Recount the competency gap summary (per unit and competency) from today's "
        "placements, standards and latest assessments. Run daily from cron, e.g. "
        "`15 0 * * * manage.py refresh_competency_gaps`; the city-wide gap report and "
        "the training-needs list read it, and say when it was counted."
    )

    def handle(self, *args, **options):
        rows = refresh_gap_summary()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Gap summary counted: {rows} unit/competency rows.")
