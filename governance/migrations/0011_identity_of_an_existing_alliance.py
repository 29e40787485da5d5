"""An installation that already holds an alliance (organisations or bodies) keeps showing
what it showed before its identity became data: the DSI Charlevoix's names and texts. A new,
empty database gets no identity row: the administrator writes it (manage.py create_alliance)."""

from django.db import migrations

# What the portal showed before the identity became data (the demo loads it too).
IDENTITY = {
    "name_fr": "Développement social intégré (DSI) de Charlevoix",
    "name_en": "Développement social intégré (DSI) de Charlevoix",
    "short_name_fr": "DSI Charlevoix",
    "short_name_en": "DSI Charlevoix",
    "mission_fr": "une alliance territoriale pour réduire les écarts de bien-être.",
    "mission_en": "a territorial alliance to reduce gaps in well-being.",
    "home_intro_fr": (
        "Dans Charlevoix, une alliance territoriale rassemble des municipalités, des acteurs des "
        "secteurs économiques et éducatifs, des organisations communautaires et des associations "
        "citoyennes pour améliorer la qualité de vie de la population et réduire les écarts de "
        "bien-être. Pour travailler ensemble, les partenaires ont décidé d'adopter un mode de "
        "gouvernance partagé."
    ),
    "home_intro_en": (
        "In Charlevoix, a territorial alliance brings together municipalities, economic and "
        "education actors, community organisations and citizen associations to improve the "
        "quality of life of the population and reduce gaps in well-being. To work together, they "
        "chose shared governance."
    ),
    "organigram_intro_fr": (
        "Le système de collaboration du DSI Charlevoix permet de mettre en relation des acteurs "
        "sociaux, de façon structurée et durable, pour qu'ils partagent de l'information, "
        "discutent de problèmes spécifiques au territoire, identifient des priorités et "
        "conviennent de résultats à atteindre."
    ),
    "organigram_intro_en": (
        "The collaboration system of the DSI Charlevoix brings social actors together in a "
        "structured and lasting way, so that they share information, discuss problems specific "
        "to the territory, set priorities and agree on the results to reach."
    ),
    "chantiers_intro_fr": (
        "Les chantiers sont composés d'acteurs qui détiennent des connaissances, des compétences "
        "ou des intérêts liés aux transformations souhaitées. Chaque chantier possède son propre "
        "comité décisionnel, qui tient informé le comité conseil."
    ),
    "chantiers_intro_en": (
        "The chantiers gather actors who hold knowledge, skills or interests linked to the "
        "changes sought. Each has its own decision committee, which keeps the comité conseil "
        "informed."
    ),
    "colour": "#0b4f6c",
    "header_colour": "#073a50",
    "contact_email": "adoc@example.org",
    "privacy_officer_fr": "Coordination de l’équipe ADOC, DSI Charlevoix",
    "privacy_officer_en": "Coordination of the ADOC team, DSI Charlevoix",
    "privacy_email": "adoc@example.org",
}



def keep_the_identity_shown_so_far(apps, schema_editor):
    Organisation = apps.get_model("governance", "Organisation")
    Body = apps.get_model("governance", "Body")
    AllianceIdentity = apps.get_model("governance", "AllianceIdentity")
    if AllianceIdentity.objects.exists():
        return
    if Organisation.objects.exists() or Body.objects.exists():
        fields = {**IDENTITY, "name": IDENTITY["name_fr"], "short_name": IDENTITY["short_name_fr"]}
        fields.update(
            {
                plain: IDENTITY[f"{plain}_fr"]
                for plain in (
                    "mission",
                    "home_intro",
                    "organigram_intro",
                    "chantiers_intro",
                    "privacy_officer",
                )
            }
        )
        AllianceIdentity.objects.create(**fields)


class Migration(migrations.Migration):
    dependencies = [("governance", "0010_alliance_identity")]

    operations = [migrations.RunPython(keep_the_identity_shown_so_far, migrations.RunPython.noop)]
