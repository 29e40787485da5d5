"""`manage.py create_alliance`: an empty alliance in one command, named as its founders say."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from governance.models import AllianceIdentity, Body, BodyKind, BodyLink, BodyLinkKind

OPTIONS = {
    "name": "Table de concertation du Haut-Pays",
    "short_name": "Table Haut-Pays",
    "assembly": "Grande table",
    "council": "Comité de coordination",
    "team": "Équipe d’animation",
    "admin_email": "direction@haut-pays.example.org",
    "territories": "Haut-Pays, Bas-Fleuve, Les Îles",
}


def create(**options):
    out = io.StringIO()
    call_command("create_alliance", interactive=False, stdout=out, **{**OPTIONS, **options})
    return out.getvalue()


def test_an_empty_alliance_in_one_command(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "un mot de passe assez long")
    said = create()
    assert "Table Haut-Pays" in said
    assert "/admin/" in said
    identity = AllianceIdentity.objects.get()
    assert identity.short_name == "Table Haut-Pays"
    bodies = {body.kind: body for body in Body.objects.all()}
    assert bodies[BodyKind.ASSEMBLY].name == "Grande table"
    assert bodies[BodyKind.COUNCIL].name == "Comité de coordination"
    assert bodies[BodyKind.ADOC].name == "Équipe d’animation"
    assert set(BodyLink.objects.values_list("kind", flat=True)) == {
        BodyLinkKind.ELECTS,
        BodyLinkKind.SUPPORTS,
    }
    admin = User.objects.get(email=OPTIONS["admin_email"])
    assert admin.is_superuser
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": admin.email, "password": "un mot de passe assez long"},
    )
    assert response.status_code == 302
    organigram = client.get(reverse("governance:organigram")).content.decode()
    assert "Comité de coordination" in organigram
    assert "Grande table" in organigram
    assert "Charlevoix" not in organigram.split("<main")[0]
    assert "· Table Haut-Pays</title>" in organigram


def test_without_a_password_the_administrator_sets_one_later(db, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    assert "Mot de passe oublié" in create()
    assert not User.objects.get().has_usable_password()


def test_a_second_alliance_in_the_same_database_is_refused(db):
    create()
    with pytest.raises(CommandError, match="déjà une alliance"):
        create(admin_email="autre@example.org")
    assert User.objects.count() == 1


def test_bad_answers_are_refused_and_nothing_is_written(db):
    with pytest.raises(CommandError, match="pas une adresse"):
        create(admin_email="pas-une-adresse")
    with pytest.raises(CommandError, match="Manque"):
        call_command("create_alliance", interactive=False, stdout=io.StringIO())
    assert not AllianceIdentity.objects.exists()
    assert not Body.objects.exists()
    assert not User.objects.exists()
