"""Django's flush, which empties the database, adopted records included: on SQLite the
record locks' triggers (infrastructure.record_lock) let this command through, and nothing
else (PostgreSQL's flush truncates, which fires no row trigger)."""

from django.core.management.commands import flush

from infrastructure.record_lock import maintenance


class Command(flush.Command):
    def handle(self, **options):
        with maintenance():
            return super().handle(**options)
