from django.core.management.base import BaseCommand, CommandError

from meetings.digest import send_digests


class Command(BaseCommand):
    help = "Send each person the weekly digest of the news they chose to receive weekly."

    def handle(self, *args, **options):
        sent, failed = send_digests()
        self.stdout.write(f"Digests sent: {sent}; failed (kept for the next run): {failed}")
        if failed:
            raise CommandError(f"{failed} digest(s) could not be sent.")
