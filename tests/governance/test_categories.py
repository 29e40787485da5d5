"""Sectors, colleges and parts of the territory as records (governance.models.territory)."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from governance.models import College, Organisation, Sector, Territory
from governance.models.territory import label, territory_choices
from tests.factories import BodyFactory, OrganisationFactory, SeatQuotaFactory

MIGRATION = importlib.import_module("governance.migrations.0014_categories_of_the_alliance")


def test_a_new_database_gets_the_sectors_and_colleges_and_no_territory(db):
    for model in (Territory, Sector, College):
        model.objects.all().delete()

    MIGRATION.create_the_categories(apps, None)

    assert Territory.objects.count() == 0
    assert list(College.objects.values_list("code", "name_fr", "name_en")) == [
        ("community", "Communautaire", "Community"),
        ("institutional", "Institutionnel", "Institutional"),
    ]
    assert Sector.objects.count() == 7


def test_an_existing_alliance_keeps_the_mrcs_its_records_use(db):
    Territory.objects.all().delete()
    OrganisationFactory(mrc="charlevoix-est")
    SeatQuotaFactory(body=BodyFactory(), mrc="both", seats=1)

    MIGRATION.create_the_categories(apps, None)

    assert list(Territory.objects.values_list("code", "name_fr", "name_en", "whole")) == [
        ("charlevoix-est", "Charlevoix-Est", "Charlevoix-Est", False),
        ("both", "Les deux MRC", "Both MRCs", True),
    ]


def test_an_edit_is_read_at_once_and_labels_follow_the_language(db, settings):
    Territory.objects.all().delete()
    Territory.objects.create(code="haut-pays", name_fr="Haut-Pays", name_en="Uplands")

    assert territory_choices() == [("haut-pays", "Haut-Pays")]
    from django.utils import translation

    with translation.override("en"):
        assert label(Territory, "haut-pays") == "Uplands"
    # A code no record has (any more) is shown as it is, never an error.
    assert label(Territory, "ailleurs") == "ailleurs"


def test_an_organisation_of_an_unknown_part_of_the_territory_is_refused(db):
    organisation = Organisation(
        name="Ailleurs", slug="ailleurs", sector="community", college="community", mrc="ailleurs"
    )

    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()

    assert "mrc" in refused.value.message_dict


def test_a_code_in_use_cannot_change(db):
    Territory.objects.all().delete()
    part = Territory.objects.create(code="haut-pays", name_fr="Haut-Pays")
    OrganisationFactory(mrc="haut-pays")
    part.code = "hauts-pays"

    with pytest.raises(ValidationError) as refused:
        part.full_clean()

    assert refused.value.message_dict["code"] == [
        "Des enregistrements du répertoire portent ce code : il ne peut pas changer."
    ]
    assert part.records_using() == 0  # counted by the code it holds now


def test_the_administration_deletes_only_what_no_record_uses(db, rf, admin):
    from django.contrib import admin as django_admin

    Territory.objects.all().delete()
    used = Territory.objects.create(code="haut-pays", name_fr="Haut-Pays")
    unused = Territory.objects.create(code="bas-fleuve", name_fr="Bas-Fleuve")
    OrganisationFactory(mrc="haut-pays")
    request = rf.get("/admin/")
    request.user = admin
    model_admin = django_admin.site._registry[Territory]

    assert not model_admin.has_delete_permission(request, used)
    assert model_admin.has_delete_permission(request, unused)
    assert "delete_selected" not in model_admin.get_actions(request)
