"""Every database constraint of the portal speaks to the person: a message of its own, in
French, shown by forms, and said instead of a server error when the database refuses."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import IntegrityError, transaction
from django.db.models import BaseConstraint
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from governance.models import Person, Representation, RepresentationKind, Seat
from infrastructure.constraints import (
    IntegrityErrorMiddleware,
    message_for,
    portal_constraints,
    violated_constraint,
)
from tests.factories import PersonFactory, RepresentationFactory, SeatFactory

CONSTRAINTS = [
    pytest.param(model, constraint, id=f"{model._meta.label}.{constraint.name}")
    for model, constraint in portal_constraints()
]


def test_every_app_of_the_portal_is_looked_at():
    labels = {model._meta.app_label for model, _constraint in portal_constraints()}

    assert {"governance", "meetings", "elections", "chantiers"} <= labels
    assert len(CONSTRAINTS) >= 40


@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS)
def test_every_constraint_has_its_own_french_message(model, constraint):
    message = constraint.violation_error_message
    with translation.override("en"):
        english = str(message)
    with translation.override("fr"):
        french = str(message)

    assert message != BaseConstraint.default_violation_error_message
    assert "%(name)s" not in english
    assert french != english, f"{constraint.name}: no French translation of {english!r}"
    assert "contrainte" not in french.lower()


def refused(create):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    return error.value


def test_the_constraint_refusing_a_change_is_found_on_either_database(territory):
    person = PersonFactory(email="lea@example.org")
    representation = RepresentationFactory(person=person)

    check = refused(
        lambda: SeatFactory(starts=datetime.date(2026, 1, 1), ends=datetime.date(2025, 1, 1))
    )
    partial_unique = refused(
        lambda: Representation.objects.create(
            organisation=representation.organisation,
            person=person,
            kind=RepresentationKind.SUBSTITUTE,
        )
    )
    expression = refused(lambda: PersonFactory(email="LEA@example.org"))

    assert violated_constraint(check)[1].name == "governance_seat_ends_after_starts"
    assert violated_constraint(check)[0] is Seat
    assert (
        violated_constraint(partial_unique)[1].name
        == "one_open_representation_per_person_and_organisation"
    )
    assert violated_constraint(expression) == (
        Person,
        next(c for c in Person._meta.constraints if c.name == "one_person_per_email"),
    )
    with translation.override("fr"):
        assert message_for(partial_unique).startswith(
            "Cette personne représente déjà cet organisme"
        )


def test_a_refused_change_is_said_in_words_not_as_a_server_error(territory):
    representation = RepresentationFactory()
    error = refused(
        lambda: Representation.objects.create(
            organisation=representation.organisation,
            person=representation.person,
            kind=RepresentationKind.SUBSTITUTE,
        )
    )
    request = RequestFactory().post("/organismes/x/representant/?a=1")
    request.session = {}
    request._messages = FallbackStorage(request)
    middleware = IntegrityErrorMiddleware(lambda request: HttpResponse())

    with translation.override("fr"):
        response = middleware.process_exception(request, error)

    assert (response.status_code, response.url) == (302, "/organismes/x/representant/?a=1")
    (message,) = [str(m) for m in get_messages(request)]
    assert "une personne ne tient qu’une représentation" in message
    # A GET is not a change: the error stays a server error, as any bug.
    assert middleware.process_exception(RequestFactory().get("/"), error) is None


def test_a_form_that_checks_a_constraint_says_it_in_words(db):
    from elections.forms import ElectionForm

    with translation.override("fr"):
        form = ElectionForm(
            {
                "title": "Élection 2027",
                "held_on": "2027-06-01",
                "mode": "online",
                "term_years": "0",
                "mrc_minimum": "0",
                "nominations_open": "2027-04-01",
                "nominations_close": "2027-03-01",
                "voting_opens": "2027-05-01",
                "voting_closes": "2027-05-15",
                "community_seats": "4",
                "institutional_seats": "4",
            }
        )
        assert not form.is_valid()
        errors = [str(error) for errors in form.errors.values() for error in errors]

    assert "Les candidatures se ferment le jour de leur ouverture ou après." in errors
    assert not [error for error in errors if "contrainte" in error.lower()]
