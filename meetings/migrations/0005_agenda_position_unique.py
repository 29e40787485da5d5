"""Two items of one meeting never share a position.

PostgreSQL checks the constraint at the commit (DEFERRABLE INITIALLY DEFERRED), so that items
can swap places in one transaction. SQLite has no deferrable constraints and Django creates
none there: a plain unique index stands in for it, checked row by row (meetings.workflow
writes positions in an order that never collides).
"""

import django.db.models.constraints
from django.db import migrations, models

SQLITE_INDEX = "agenda_item_position_unique_sqlite"


def sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE UNIQUE INDEX {SQLITE_INDEX} ON meetings_agendaitem (meeting_id, position)"
        )


def drop_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SQLITE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("chantiers", "0002_progress_reports"),
        ("meetings", "0004_renumber_agenda_positions"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("meeting", "position"),
                name="agenda_item_position_unique",
            ),
        ),
        migrations.RunPython(sqlite_index, drop_sqlite_index),
    ]
