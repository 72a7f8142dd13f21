"""Recompute the reform indicators the dashboard and the transparency page show.

Run daily (README); without --year it recomputes every year the data covers
(appraisal periods, JP, surveys, the current year), at most REFORM_TREND_YEARS.
"""

import time

from django.core.management.base import BaseCommand

from sawahlunto_asn.reform import indicators, snapshots


class Command(BaseCommand):
    help = "Hitung ulang indikator reformasi birokrasi (semua tahun, atau --year)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", dest="years")

    def handle(self, *args, years=None, **options):
        for year in years or indicators.years():
            start = time.perf_counter()
            snapshots.refresh(year)
            elapsed = time.perf_counter() - start
            if options["verbosity"] > 0:
                self.stdout.write(f"Indikator tahun {year} dihitung ({elapsed:.1f} s).")
