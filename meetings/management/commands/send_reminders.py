from django.conf import settings
from django.core.management.base import BaseCommand

from governance.followup import send_follow_up
from meetings.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Every day: remind the people of the action items due within a few days, and send "
        "the ADOC team its weekly follow-up of terms ending and vacant seats; the worker "
        "(manage.py db_worker) sends the emails. Running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_URL,
            help="The portal's address for the links (default: PORTAL_URL).",
        )

    def handle(self, *args, base_url, **options):
        base_url = base_url.rstrip("/")
        self.stdout.write(f"Action items reminded: {send_due_reminders(base_url)}")
        self.stdout.write(f"Follow-ups queued for the ADOC team: {send_follow_up(base_url)}")
