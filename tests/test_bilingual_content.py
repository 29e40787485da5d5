"""Content in both languages (issue 17): bodies, chantiers and objectives have a required
French value and an optional English one; a page in English shows the English where it was
written and the French otherwise (infrastructure.translation, django-modeltranslation)."""

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from chantiers.models import Objective
from governance.models import Body
from tests.factories import BodyFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_body_reads_in_the_pages_language_and_falls_back_to_french(territory):
    body = territory["council"]
    body.meeting_frequency_fr = "2 fois par année"
    body.meeting_frequency_en = "twice a year"
    body.summary_fr = "Instance élue."
    body.save()
    body = Body.objects.get(pk=body.pk)

    with translation.override("fr-ca"):
        assert body.meeting_frequency == "2 fois par année"
    with translation.override("en"):
        assert body.meeting_frequency == "twice a year"
        assert body.summary == "Instance élue."  # no English written: the French


def test_the_body_page_in_english_shows_the_english_content(client, partner, territory):
    body = territory["council"]
    body.meeting_frequency_fr = "2 fois par année"
    body.meeting_frequency_en = "twice a year"
    body.save()
    client.force_login(partner)

    french = client.get(reverse("governance:body-detail", args=[body.slug])).content.decode()
    english = in_english(client).get(reverse("governance:body-detail", args=[body.slug]))

    assert "Se réunit 2 fois par année" in french
    assert "Meets twice a year" in english.content.decode()
    assert "fois par année" not in english.content.decode()


def test_an_english_name_not_written_does_not_collide_with_another(territory):
    # Names are unique: English names left empty are NULL, which never collide.
    BodyFactory(name="Chantier A")
    BodyFactory(name="Chantier B")
    BodyFactory(name="Chantier C", name_en="Chantier X")

    assert Body.objects.filter(name_en__isnull=True).count() >= 2
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyFactory(name="Chantier D", name_en="Chantier X")


def test_the_objective_form_takes_both_languages(client, adoc, territory):
    objective = ObjectiveFactory(chantier=territory["chantier"], title="Repas servis")
    client.force_login(adoc)
    url = reverse("chantiers:objective-update", args=[territory["chantier"].slug, objective.pk])
    page = client.get(url).content.decode()
    assert 'name="title_fr"' in page
    assert 'name="title_en"' in page

    response = client.post(
        url,
        {
            "title_fr": "Repas servis",
            "title_en": "Meals served",
            "kind": objective.kind,
            "status": objective.status,
            "progress": 10,
            "position": 0,
            "version": objective.version,
        },
    )

    assert response.status_code == 302
    objective = Objective.objects.get(pk=objective.pk)
    assert (objective.title_fr, objective.title_en) == ("Repas servis", "Meals served")
    chantier_page = in_english(client).get(territory["chantier"].get_absolute_url())
    assert "Meals served" in chantier_page.content.decode()


def test_the_french_is_required_on_the_objective_form(client, adoc, territory):
    objective = ObjectiveFactory(chantier=territory["chantier"], title="Repas servis")
    client.force_login(adoc)
    url = reverse("chantiers:objective-update", args=[territory["chantier"].slug, objective.pk])

    response = client.post(
        url,
        {
            "title_fr": "",
            "title_en": "Meals served",
            "kind": objective.kind,
            "status": objective.status,
            "progress": 10,
            "position": 0,
            "version": objective.version,
        },
    )

    assert response.status_code == 200
    assert "title_fr" in response.context["form"].errors
    assert Objective.objects.get(pk=objective.pk).title_en is None


def test_the_history_keeps_both_languages_and_shows_each_once(client, adoc, territory):
    body = territory["council"]
    body.summary_en = "The elected committee."
    body.save()
    client.force_login(adoc)

    assert body.history.first().summary_en == "The elected committee."
    page = client.get(reverse("governance:body-history", args=[body.slug])).content.decode()
    assert "The elected committee." in page
