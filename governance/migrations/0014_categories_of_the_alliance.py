"""The sectors, colleges and sub-territories that were lists in the code become records.

Every installation gets the sectors and the two colleges the code knew (nothing in them names a
territory; the administrator renames, adds or reorders them). The sub-territories are an
alliance's own: a database that already holds records using them (the DSI Charlevoix's MRCs)
gets the three it used, with the names it showed; a new, empty one gets none (manage.py
create_alliance, or the administration, writes them). Reversed, the records are deleted and the
codes the other tables hold stay as they were."""

from django.db import migrations

SECTORS = [
    ("municipal", "Municipal", "Municipal"),
    ("community", "Organisation communautaire", "Community organisation"),
    ("citizen", "Association citoyenne", "Citizen association"),
    ("economic", "Économique", "Economic"),
    ("education", "Éducation", "Education"),
    ("health", "Réseau de la santé et des services sociaux", "Health and social services network"),
    ("other", "Autre", "Other"),
]
COLLEGES = [
    ("community", "Communautaire", "Community"),
    ("institutional", "Institutionnel", "Institutional"),
]
# (code, French, English, the whole territory)
TERRITORIES = [
    ("charlevoix", "Charlevoix", "Charlevoix", False),
    ("charlevoix-est", "Charlevoix-Est", "Charlevoix-Est", False),
    ("both", "Les deux MRC", "Both MRCs", True),
]


def _create(model, code, french, english, position, **more):
    model.objects.get_or_create(
        code=code,
        defaults={
            "name": french,
            "name_fr": french,
            "name_en": english,
            "position": position,
            **more,
        },
    )


def create_the_categories(apps, schema_editor):
    for name, rows in (("Sector", SECTORS), ("College", COLLEGES)):
        model = apps.get_model("governance", name)
        for position, (code, french, english) in enumerate(rows, 1):
            _create(model, code, french, english, position * 10)
    used = set()
    for model_name, app in (
        ("Organisation", "governance"),
        ("Seat", "governance"),
        ("SeatQuota", "governance"),
        ("Candidacy", "elections"),
    ):
        model = apps.get_model(app, model_name)
        used |= set(model.objects.exclude(mrc="").values_list("mrc", flat=True).distinct())
    territory = apps.get_model("governance", "Territory")
    known = {code: (french, english, whole) for code, french, english, whole in TERRITORIES}
    for position, code in enumerate(
        sorted(used, key=lambda c: list(known).index(c) if c in known else 99), 1
    ):
        french, english, whole = known.get(code, (code, code, False))
        _create(territory, code, french, english, position * 10, whole=whole)


def delete_the_categories(apps, schema_editor):
    for name in ("Sector", "College", "Territory"):
        apps.get_model("governance", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0013_territory_as_data"),
        ("elections", "0006_territory_as_data"),
    ]

    operations = [migrations.RunPython(create_the_categories, delete_the_categories)]
