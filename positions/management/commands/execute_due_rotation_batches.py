from django.core.management.base import BaseCommand

from positions.services import execute_due_batches


class Command(BaseCommand):
    help = (
        "Execute every rotation batch whose SK is issued and whose TMT has come. "
        "Run daily by cron; each batch moves all its people at once or not at all."
    )

    def handle(self, *args, **options):
        done, failed = execute_due_batches()
        for line in failed:
            self.stderr.write(line)
        self.stdout.write(f"{len(done)} batch(es) executed, {len(failed)} refused.")
