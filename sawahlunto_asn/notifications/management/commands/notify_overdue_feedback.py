from django.core.management.base import BaseCommand

from sawahlunto_asn.notifications.overdue import notify_overdue_feedback


class Command(BaseCommand):
    help = (
        "Run daily: tell each unit's active responders about feedback that missed "
        "its deadline. Each missed deadline is told once, so running it again "
        "the same day (or the next) sends nothing new."
    )

    def handle(self, *args, **options) -> None:
        count = notify_overdue_feedback()
        self.stdout.write(f"{count} aspirasi lewat tenggat diberitahukan.")
