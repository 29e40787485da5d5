"""The alliance's identity as data (governance.models.identity): one record the administrator
edits, shown by every page and email, checked for contrast, and nothing else names Charlevoix."""

import contextlib
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from governance.models import AllianceIdentity, current_identity
from infrastructure import pagecache
from tests.factories import OrganisationFactory

# The smallest PNG: a 1×1 transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def identity(**values):
    fields = {
        "name_fr": "Table de concertation du Haut-Pays",
        "name_en": "Haut-Pays round table",
        "short_name_fr": "Table Haut-Pays",
        "short_name_en": "Haut-Pays Table",
        "mission_fr": "agir ensemble sur le territoire.",
        "home_intro_fr": "La table réunit les partenaires du Haut-Pays.",
        "home_intro_en": "The table gathers the partners of the Haut-Pays.",
        "organigram_intro_fr": "Comment la table se gouverne.",
        "chantiers_intro_fr": "Les chantiers de la table.",
        **values,
    }
    saved = AllianceIdentity(**fields)
    saved.full_clean()
    saved.save()
    return saved


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_alliance_names_no_territory(client, partner, territory):
    """Without an identity written yet: a neutral default, and no « Charlevoix » in the layout
    or the texts (the sub-territories, still Charlevoix's MRCs, become data next)."""
    assert not AllianceIdentity.objects.exists()
    for url in (reverse("account_login"), reverse("privacy:policy")):
        assert "Charlevoix" not in page(Client(), url)
    client.force_login(partner)
    for url in ("/", reverse("chantiers:chantier-list"), reverse("governance:organigram")):
        html = page(client, url)
        assert "DSI Charlevoix" not in html
        assert "· Alliance</title>" in html


def test_the_identity_written_shows_on_every_page_in_each_language(client, partner, territory):
    identity()
    client.force_login(partner)
    home = page(client, "/")
    assert "Espace partenaires · Table Haut-Pays" in home
    assert "<p>La table réunit les partenaires du Haut-Pays.</p>" in home
    assert "Table de concertation du Haut-Pays — agir ensemble sur le territoire." in home
    assert "Comment la table se gouverne." in page(client, reverse("governance:organigram"))
    assert "Les chantiers de la table." in page(client, reverse("chantiers:chantier-list"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = page(client, "/")
    assert "Partner space · Haut-Pays Table" in english
    assert "The table gathers the partners of the Haut-Pays." in english
    # Not written in English: the French one.
    assert "Comment la table se gouverne." in page(client, reverse("governance:organigram"))


def test_the_privacy_officer_written_in_the_identity_is_the_one_named(territory):
    identity(privacy_officer_fr="Responsable de la vie privée", privacy_email="vp@example.org")
    html = page(Client(), reverse("privacy:policy"))
    assert "Responsable de la vie privée" in html
    assert "vp@example.org" in html


@pytest.mark.parametrize(
    ("field", "colour"),
    [("colour", "#ffcc00"), ("colour", "#6f9fb5"), ("header_colour", "#88aacc")],
)
def test_a_colour_that_reads_poorly_is_refused_in_french(db, field, colour):
    with pytest.raises(ValidationError) as refused:
        identity(**{field: colour})
    message = refused.value.message_dict[field][0]
    assert message.startswith("Cette couleur se lit mal")
    assert "4,5:1 au moins" in message
    assert not AllianceIdentity.objects.exists()


def test_the_stylesheet_carries_the_colours_and_nothing_else(client, db):
    identity(colour="#1b5e20", header_colour="#0d3b12")
    css = client.get(reverse("governance:identity-css"))
    assert css["Content-Type"].startswith("text/css")
    assert "--dsi-blue: #1b5e20;" in css.content.decode()
    assert "--bs-link-color-rgb: 27, 94, 32;" in css.content.decode()
    # Written around the form's checks: never into the CSS.
    # Seven characters, as the column holds: enough to close the rule and open another.
    AllianceIdentity.objects.update(colour="red;}a{")
    from governance.models.identity import forget_identity

    forget_identity()
    css = client.get(reverse("governance:identity-css")).content.decode()
    assert "red;}a{" not in css
    assert "--dsi-blue: #0b4f6c;" in css


def test_the_database_holds_one_identity_at_most(db):
    identity()
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceIdentity.objects.create(short_name="Autre")
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceIdentity.objects.update(singleton=False)


def test_a_logo_is_an_image_by_its_content(client, db):
    assert client.get(reverse("governance:identity-logo")).status_code == 404
    disguised = SimpleUploadedFile("logo.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as refused:
        identity(logo=disguised)
    assert "logo" in refused.value.message_dict
    identity(logo=SimpleUploadedFile("logo.png", PNG))
    response = client.get(reverse("governance:identity-logo"))
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    assert 'class="brand-logo"' in page(client, reverse("account_login"))


def test_allauth_s_subjects_begin_with_the_short_name(db):
    from governance.adapter import PortalAccountAdapter

    identity()
    assert PortalAccountAdapter().format_email_subject("Réinitialisation") == (
        "[Table Haut-Pays] Réinitialisation"
    )


def test_an_existing_installation_keeps_the_name_it_showed(db):
    migration = importlib.import_module(
        "governance.migrations.0011_identity_of_an_existing_alliance"
    )
    migration.keep_the_identity_shown_so_far(apps, None)
    assert not AllianceIdentity.objects.exists(), "an empty database: a new alliance"
    OrganisationFactory()
    migration.keep_the_identity_shown_so_far(apps, None)
    kept = AllianceIdentity.objects.get()
    assert kept.short_name == "DSI Charlevoix"
    assert kept.home_intro_fr.startswith("Dans Charlevoix")


def test_an_edit_shows_at_once_on_kept_pages(
    partner, territory, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    try:
        client = Client()
        client.force_login(partner)
        url = reverse("governance:organigram")
        page(client, url)
        assert client.get(url)[pagecache.HIT_HEADER] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            identity()
        response = client.get(url)
        assert pagecache.HIT_HEADER not in response
        assert "Table Haut-Pays" in response.content.decode()
        assert current_identity().short_name == "Table Haut-Pays"
    finally:
        with contextlib.suppress(Exception):
            pagecache.page_cache().clear()
