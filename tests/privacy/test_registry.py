"""The personal-data registry: every relation to a person or an account is declared, and the
export and the anonymisation do what the declarations say."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import reverse

from governance.models import Person
from infrastructure import personal_data
from infrastructure.personal_data import (
    DELETE,
    FORMER_NAME,
    PERSON,
    USER,
    Blank,
    Delete,
    Export,
    InSection,
    Keep,
    NotExported,
    Owner,
    Registry,
)
from meetings.models import Attendance, Meeting
from privacy.anonymise import anonymise
from tests.factories import JoinRequestFactory, PendingNotificationFactory

FORMER = "Ancien·ne partenaire"


def relations_to_people():
    """Every foreign key, one-to-one and many-to-many field of every model (ours, Django's,
    allauth's, django-tasks', the history tables of django-simple-history) that leads to a
    directory record or to a login account, as "app.Model.field". The tables Django creates for
    a many-to-many field are left out: the field itself is listed."""
    people = {Person, get_user_model()}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model in people:
                yield f"{model._meta.label}.{field.name}"


def undeclared(declarations):
    covered = {
        f"{d.model._meta.label}.{d.link_field.name}"
        for d in declarations
        if d.link_field is not None
    }
    return sorted(set(relations_to_people()) - covered)


def test_every_relation_to_a_person_or_an_account_is_declared():
    missing = undeclared(personal_data.declarations())

    assert not missing, (
        "No app's personal_data.py says how these are exported and anonymised: "
        + ", ".join(missing)
    )


@pytest.mark.parametrize(
    ("left_out", "named"),
    [
        (lambda d: d.model is Attendance and d.link == "person", "meetings.Attendance.person"),
        (
            lambda d: d.model is Meeting.history.model and d.link == "history_user",
            "meetings.HistoricalMeeting.history_user",
        ),
    ],
)
def test_completeness_check_names_a_relation_left_out(left_out, named):
    declarations = [d for d in personal_data.declarations() if not left_out(d)]

    assert undeclared(declarations) == [named]


def test_every_model_with_an_email_address_is_declared():
    declared = {d.model for d in personal_data.declarations()} | set(personal_data.organisational())
    with_email = {
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(f, models.EmailField) for f in model._meta.concrete_fields)
    }

    assert sorted(label for label in with_email if apps.get_model(label) not in declared) == []


def test_each_declaration_leads_where_it_says():
    targets = {PERSON: Person, USER: get_user_model()}
    for declaration in personal_data.declarations():
        field = declaration.link_field
        if field is None:
            continue
        if field.is_relation:
            target = field.related_model
        else:  # the record itself, or a history table's copy of the record's id
            target = getattr(declaration.model, "instance_type", declaration.model)
        assert target is targets[declaration.of], declaration


def test_sections_come_in_their_order_with_unique_keys():
    keys = [d.export.key for d in personal_data.sections()]

    assert keys[0] == "account"
    assert keys[-1] == "accesses"
    assert len(keys) == len(set(keys))


def test_the_file_has_every_declared_section(client, partner, records):
    client.force_login(partner)

    data = json.loads(client.get(reverse("privacy:my-data-json")).content)
    page = client.get(reverse("privacy:my-data")).content.decode()

    keys = [d.export.key for d in personal_data.sections()]
    assert [key for key in data if key not in ("portal", "exported_at")] == keys
    for declaration in personal_data.sections():
        assert f'id="section-{declaration.export.key}"' in page


def test_anonymisation_does_what_each_declaration_says(adoc, partner, records):
    person = records["person"]
    JoinRequestFactory(person=person, message="Je voudrais aider.")
    PendingNotificationFactory(person=person)
    owner = Owner(person=person, user=partner)
    declarations = [d for d in personal_data.declarations() if d.link is not None]
    before = [set(d.rows_of(owner).values_list("pk", flat=True)) for d in declarations]

    anonymise(person, adoc)

    for declaration, pks in zip(declarations, before, strict=True):
        rows = declaration.rows_of(owner)
        action = declaration.anonymise
        if isinstance(action, Delete):
            assert pks, f"{declaration}: the test data should have rows"
            assert not rows.exists(), declaration
        elif isinstance(action, Blank):
            assert pks, f"{declaration}: the test data should have rows"
            assert set(rows.values_list("pk", flat=True)) >= pks, declaration
            for name, value in action.values.items():
                expected = FORMER if value is FORMER_NAME else value
                assert not rows.exclude(**{name: expected}).exists(), (declaration, name)
        elif isinstance(action, Keep):
            assert set(rows.values_list("pk", flat=True)) >= pks, declaration


def make(registry, **changes):
    arguments = {
        "model": Attendance,
        "link": "person",
        "of": PERSON,
        "export": NotExported("a reason"),
        "anonymise": Keep("a reason"),
    } | changes
    return registry.register(
        arguments.pop("model"), arguments.pop("link"), arguments.pop("of"), **arguments
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"anonymise": Keep("")},
        {"anonymise": Keep("  ")},
        {"export": NotExported("")},
        {"export": None},
        {"anonymise": None},
        {"anonymise": Blank({})},
        {"anonymise": Blank({"no_such_field": ""})},
        {"link": "no_such_field"},
        {"link": None, "anonymise": DELETE, "what": "rows"},
        {"link": None, "what": ""},
        {"of": "organisation"},
    ],
)
def test_a_declaration_must_decide_both_and_say_why(changes):
    with pytest.raises(ImproperlyConfigured):
        make(Registry(), **changes)


def test_a_relation_or_a_section_is_declared_once():
    registry = Registry()
    section = Export("attendance", "Rencontres", (), lambda owner: [], order=1)
    make(registry, export=section)

    with pytest.raises(ImproperlyConfigured, match="twice"):
        make(registry)
    with pytest.raises(ImproperlyConfigured, match="already"):
        make(registry, link="meeting__responsible", export=section)


def test_a_part_of_a_section_names_one_that_exists():
    registry = Registry()
    make(registry, export=InSection("nowhere"))

    with pytest.raises(ImproperlyConfigured, match="nowhere"):
        registry.check()
