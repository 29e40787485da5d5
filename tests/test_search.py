"""Issue 17's examples of search that forgives, over the Charlevoix demo, on the engine the
tests run on (SQLite by default, PostgreSQL with DATABASE_URL): the directory and the site
search answer the same to « eboulements » and « Éboulements », to word forms, to the first
letters of words and to hyphenated names."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from tests.conftest import rolled_back


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (a few seconds) and rolled back after it."""
    with rolled_back(django_db_blocker):
        call_command("load_demo", "--force", stdout=io.StringIO())
        yield


@pytest.fixture
def partner(db):
    return User.objects.get(email="partenaire@example.org")


def directory(client, user, text):
    client.force_login(user)
    response = client.get(reverse("governance:directory"), {"q": text})
    return [organisation.name for organisation in response.context["organisations"]], response


def records(client, user, text):
    """{kind: [records]} the site search finds."""
    client.force_login(user)
    response = client.get(reverse("meetings:search"), {"q": text})
    return {kind.key: results for kind, results, _more in response.context["groups"]}, response


def test_directory_ignores_accents_and_case(client, partner):
    plain, _ = directory(client, partner, "eboulements")
    accented, _ = directory(client, partner, "Éboulements")
    shouted, _ = directory(client, partner, "EBOULEMENTS")

    # The organisation named after the village first, then the one whose description names it.
    assert plain == [
        "Jardins collectifs des Éboulements",
        "Maison de la famille de Baie-Saint-Paul",
    ]
    assert accented == plain
    assert shouted == plain


def test_directory_finds_an_organisation_by_a_member_written_without_accents(client, partner):
    names, _ = directory(client, partner, "melanie")

    assert names == ["Moisson Charlevoix"]  # Mélanie Ouellet coordinates there


def test_directory_finds_the_first_letters_of_words(client, partner):
    names, _ = directory(client, partner, "maison fam")

    assert names == [
        "Maison de la famille de Baie-Saint-Paul",
        "Maison de la famille de Charlevoix-Est",
    ]


def test_directory_finds_hyphenated_names_word_by_word(client, partner):
    names, _ = directory(client, partner, "baie saint paul")

    assert sorted(names) == [
        "Maison de la famille de Baie-Saint-Paul",
        "Maison des jeunes de Baie-Saint-Paul",
        "Ville de Baie-Saint-Paul",
    ]


def test_directory_finds_the_organisations_of_a_chantier_with_or_without_accents(client, partner):
    plain, _ = directory(client, partner, "securite")
    accented, _ = directory(client, partner, "sécurité")

    assert "Moisson Charlevoix" in plain  # it coordinates the chantier Sécurité alimentaire
    assert len(plain) == 6
    assert accented == plain


def test_directory_marks_the_words_found(client, partner):
    _names, response = directory(client, partner, "eboulements")

    text = response.content.decode()
    assert "Jardins collectifs des <mark>Éboulements</mark>" in text
    # The description that names the village is shown, the word marked there too.
    assert "<mark>Éboulements</mark>." in text


@pytest.mark.parametrize("text", ["securite", "developpement", "assemblee"])
def test_site_search_ignores_accents(client, partner, text):
    _found, response = records(client, partner, text)

    assert response.context["found"] > 0
    assert "<mark>" in response.content.decode()


def test_site_search_finds_the_same_records_for_a_plural_and_its_singular(client, partner):
    plural, _ = records(client, partner, "demandes")
    singular, _ = records(client, partner, "demande")

    assert sum(len(results) for results in plural.values()) > 0
    assert plural == singular


def test_site_search_finds_the_same_with_or_without_accents(client, partner):
    for plain, accented in [("securite", "sécurité"), ("assemblee", "assemblée")]:
        assert records(client, partner, plain)[0] == records(client, partner, accented)[0]
