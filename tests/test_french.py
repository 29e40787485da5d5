"""French done right (issue 17): names in French order on both engines, Québec dates, times
and numbers, elision and plurals."""

import re

import pytest
from django.urls import reverse

from governance.models import Organisation, Person
from infrastructure.collation import sort_key
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

FRENCH_ORDER = ["Bélanger et fils", "Brisson Transport", "Maison du Quartier", "MRC des Sommets"]


def test_french_key_sorts_accents_and_case_after_the_letters():
    names = ["MRC de Charlevoix", "Brisson", "Maison de la famille", "Bélanger", "bélanger"]

    assert sorted(names, key=sort_key) == [
        "bélanger", "Bélanger", "Brisson", "Maison de la famille", "MRC de Charlevoix"
    ]  # fmt: skip
    # fr-CA reads the accents from the end of the word; œ is o and e.
    assert sorted(["côté", "coté", "côte", "cote"], key=sort_key) == [
        "cote", "côte", "coté", "côté"
    ]  # fmt: skip
    assert sorted(["Oeuvre", "Œuvres", "Odile"], key=sort_key) == ["Odile", "Oeuvre", "Œuvres"]


@pytest.mark.django_db
def test_names_sort_in_french_in_the_database():
    for name in reversed(FRENCH_ORDER):
        OrganisationFactory(name=name)
        PersonFactory(last_name=name, first_name="Anne")

    assert list(Organisation.objects.values_list("name", flat=True)) == FRENCH_ORDER
    assert list(Person.objects.values_list("last_name", flat=True)) == FRENCH_ORDER
    # Two names that differ by an accent or a capital are two names.
    assert Organisation.objects.filter(name="mrc des sommets").count() == 0
    assert Organisation.objects.filter(name="MRC des Sommets").count() == 1


def test_directory_lists_organisations_in_french_order(client, login_as, partner):
    for name in reversed(FRENCH_ORDER):
        OrganisationFactory(name=name)
    login_as("partner")

    page = client.get(reverse("governance:directory"), {"q": ""}).content.decode()

    shown = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', page)
    assert [name for name in shown if name in FRENCH_ORDER] == FRENCH_ORDER


def test_organisation_lists_its_people_in_french_order(client, login_as, partner):
    organisation = OrganisationFactory(name="Maison du Quartier")
    for name in ["Brisson", "Bélanger", "Morin"]:
        AffiliationFactory(organisation=organisation, person=PersonFactory(last_name=name))
    login_as("partner")

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert page.index("Bélanger") < page.index("Brisson") < page.index("Morin")
