from django.core.management.base import BaseCommand

from meetings.digest import send_digests


class Command(BaseCommand):
    help = (
        "Queue each person's weekly digest of the news they chose to receive weekly; "
        "the worker (manage.py db_worker) sends them."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Digests queued: {send_digests()}")
