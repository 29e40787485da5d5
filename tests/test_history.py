"""History complete and readable (issue 14): the generic builder (infrastructure.history), the
history pages of every record kind, and the edit-conflict table comparing displayed values."""

import pytest

from governance.forms import OrganisationForm
from governance.models import Organisation, Sector
from tests.factories import OrganisationFactory


def organisation_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "sector": organisation.sector,
        "college": organisation.college,
        "mrc": organisation.mrc,
        "address": organisation.address,
        "website": organisation.website,
        "description": organisation.description,
        "joined": organisation.joined.isoformat() if organisation.joined else "",
        "is_active": "on" if organisation.is_active else "",
        "version": organisation.version,
    }
    return {**data, **changes}


# --- The edit-conflict table ---------------------------------------------------------------


@pytest.mark.django_db
def test_conflict_table_flags_only_the_fields_that_really_differ():
    organisation = OrganisationFactory(name="Maison de la famille", sector=Sector.COMMUNITY)
    opened = organisation_data(organisation, name="Maison des familles")
    Organisation.objects.filter(pk=organisation.pk).update(name="Maison familiale", version=1)

    form = OrganisationForm(opened, instance=Organisation.objects.get(pk=organisation.pk))
    assert form.is_valid(), form.errors
    assert form.save_unless_changed() is None

    # Only the name differs; the sector, untouched, is the same on both sides.
    assert [label for label, _theirs, _yours in form.conflict] == ["Nom"]
    assert form.conflict[0][1:] == ("Maison familiale", "Maison des familles")


@pytest.mark.django_db
def test_conflict_table_shows_both_sides_as_displayed():
    organisation = OrganisationFactory(sector=Sector.COMMUNITY, is_active=True)
    opened = organisation_data(organisation, sector=Sector.HEALTH, is_active="")
    Organisation.objects.filter(pk=organisation.pk).update(version=1)

    form = OrganisationForm(opened, instance=Organisation.objects.get(pk=organisation.pk))
    assert form.is_valid(), form.errors
    form.save_unless_changed()

    rows = {label: (theirs, yours) for label, theirs, yours in form.conflict}
    assert rows["Secteur"] == (
        "Organisation communautaire",
        "Réseau de la santé et des services sociaux",
    )
    assert rows["Membre en activité"] == ("oui", "non")
