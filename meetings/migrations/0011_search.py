"""GIN indexes over the vectors the site search reads on PostgreSQL (issue 17), with the
dsi_unaccent function governance's 0007 creates. Nothing on SQLite."""

from django.db import migrations

from infrastructure.search import gin_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_search"),
        ("meetings", "0010_plausible_dates"),
    ]

    operations = [
        gin_indexes(
            "meetings",
            [
                ("meeting", "meeting_search_idx", [("title", "A"), ("notes", "B")]),
                (
                    "agendaitem",
                    "agendaitem_search_idx",
                    [("title", "A"), ("description", "B"), ("minutes", "B")],
                ),
                (
                    "decision",
                    "decision_search_idx",
                    [("number", "A"), ("title", "A"), ("text", "B")],
                ),
                ("mandate", "mandate_search_idx", [("title", "A"), ("description", "B")]),
            ],
        ),
    ]
