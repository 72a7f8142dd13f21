from django.core.management.base import BaseCommand

from community.ratelimit import purge_expired


class Command(BaseCommand):
    help = (
        "Delete rate-limit hits older than the longest window in "
        "COMMUNITY_RATE_LIMITS; run daily (see README, Deploying)."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{deleted} expired rate-limit hits deleted.")
