"""Search that forgives on PostgreSQL (issue 17): the immutable dsi_unaccent function and GIN
indexes over the vectors the directory searches. Nothing on SQLite, which computes them when
it searches (infrastructure.search)."""

from django.db import migrations

from infrastructure.search import functions, gin_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0007_content_in_both_languages"),
    ]

    operations = [
        functions(),
        gin_indexes(
            "governance",
            [
                (
                    "organisation",
                    "organisation_search_idx",
                    [("name", "A"), ("acronym", "A"), ("description", "B")],
                ),
                ("person", "person_search_idx", [("first_name", "A"), ("last_name", "A")]),
            ],
        ),
    ]
