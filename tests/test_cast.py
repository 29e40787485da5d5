"""The cast built once per module (tests/conftest.py, `cast_once_per_module`): each test gets the
same rows, as they were before any test changed them, in the database and in memory."""

import pytest

from governance.models import Body, Person

pytestmark = pytest.mark.usefixtures("cast_once_per_module")

SEEN = {}  # what the first of the two runs saw, for the second (in the same worker)


@pytest.mark.parametrize("run", [1, 2])
def test_what_one_test_changes_is_not_seen_by_the_next(run, territory, partner, adoc):
    council = territory["council"]
    # Built once: the same rows in every test of the module.
    assert SEEN.setdefault("rows", (council.pk, partner.pk, adoc.pk)) == (
        council.pk,
        partner.pk,
        adoc.pk,
    )
    # As built, whatever the other run changed.
    assert council.name == "Comité conseil"
    assert Body.objects.get(pk=council.pk).name == "Comité conseil"
    assert partner.email == "partenaire@example.org"
    assert not Person.objects.filter(last_name="Ajoutée par un test").exists()

    council.name = "Renommé en mémoire"
    Body.objects.filter(pk=council.pk).update(name="Renommé dans la base")
    partner.email = "change@example.org"
    Person.objects.create(first_name="Une", last_name="Ajoutée par un test")


def test_the_role_fixtures_are_the_cast_of_the_territory(territory, partner, council, adoc):
    assert partner.person.affiliations.get().organisation == territory["organisation"]
    assert council.person.seats.get().body == territory["council"]
    assert adoc.person.seats.get().body == territory["adoc"]
