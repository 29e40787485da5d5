"""An ADOC agent prepares, convenes, records and publishes a comité conseil meeting in the
browser; a partner then reads its record."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def nav(page, name):
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name=name
    ).click()


def test_adoc_records_a_meeting_and_a_partner_reads_it(demo, new_page, mailoutbox, settings):
    # Emails go through the database queue, as with `make run`; the worker runs below.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = new_page()
    log_in(page, "adoc@example.org")

    # Prepare.
    nav(page, "Rencontres")
    page.get_by_role("link", name="Nouvelle rencontre").click()
    page.get_by_label("Instance").select_option(label="Comité conseil")
    page.get_by_label("Titre").fill("Rencontre extraordinaire sur la navette")
    page.get_by_label("Début").fill(f"{yesterday:%Y-%m-%d}T13:00")
    page.get_by_label("Fin").fill(f"{yesterday:%Y-%m-%d}T15:00")
    page.get_by_label("Lieu").fill("CLSC de Baie-Saint-Paul")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rencontre extraordinaire sur la navette"
    )
    for title in ("Financement de la navette", "Varia"):
        page.get_by_role("link", name="Ajouter un point").click()
        page.get_by_label("Titre").fill(title)
        page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("button", name=re.compile(r"^Monter\W+Varia$")).click()
    items = page.locator(".agenda-item h3")
    expect(items.first).to_contain_text("Varia")
    page.get_by_role("button", name=re.compile(r"^Descendre\W+Varia$")).click()
    expect(items.first).to_contain_text("Financement de la navette")

    # Convene.
    page.get_by_role("link", name="Envoyer la convocation").click()
    page.get_by_role("button", name="Envoyer la convocation").click()
    expect(page.get_by_role("status").first).to_contain_text("La convocation est en cours d’envoi")
    progress = page.locator("#convocation-progress")
    expect(progress).to_contain_text("en attente")
    assert mail.outbox == []  # queued, not sent during the request
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert len(mail.outbox) >= 8
    assert all(message.attachments[0][0] == "invitation.ics" for message in mail.outbox)
    page.reload()
    expect(progress).to_contain_text(f"0 en attente, {len(mail.outbox)} envoyé(s), 0 en échec")
    progress.get_by_role("link", name="Courriels envoyés par le portail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Courriels envoyés par le portail")
    expect(page.locator("tbody tr").first).to_contain_text("envoyé")
    page.go_back()

    # Record: attendance, minutes, a decision; then hold and publish.
    page.get_by_role("link", name="Consigner les présences").click()
    for row in page.locator("tbody tr").all():
        row.get_by_label("Présent·e").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".quorum")).to_contain_text("Quorum atteint")
    page.get_by_role("link", name=re.compile(r"^Rédiger le procès-verbal\W+Financement")).click()
    page.get_by_label("Procès-verbal").fill("Le comité appuie le projet de navette.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Consigner une décision").click()
    page.get_by_label("Titre").fill("Appui au projet de navette")
    page.get_by_label("Texte de la résolution").fill("Le comité conseil appuie le projet.")
    page.get_by_role("button", name="Enregistrer").click()
    number = page.locator(".decision-number").first.inner_text()
    assert re.fullmatch(r"CC-\d{4}-\d{3}", number)
    page.get_by_role("button", name="Marquer comme tenue").click()
    page.get_by_role("button", name="Publier les comptes rendus à tous les partenaires").click()
    expect(page.get_by_role("status").first).to_contain_text("visibles par tous les partenaires")
    assert page.console_errors == []

    # A partner finds it from the home page and reads its record.
    reader = new_page()
    log_in(reader, "partenaire@example.org")
    reader.get_by_role("link", name="Toutes les décisions").click()
    reader.get_by_role("link", name=re.compile("Comité conseil")).first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Rencontre extraordinaire sur la navette"
    )
    expect(reader.get_by_text("Le comité appuie le projet de navette.")).to_be_visible()
    expect(reader.get_by_text(number)).to_be_visible()

    # … finds it again by searching the records …
    nav(reader, "Rechercher")
    reader.get_by_label("Mots à trouver").fill("navette")
    reader.keyboard.press("Enter")
    reader.get_by_role(
        "link", name=re.compile("Rencontre extraordinaire sur la navette")
    ).first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Rencontre extraordinaire sur la navette"
    )

    # … and subscribes to the comité's calendar: the feed carries the meeting.
    nav(reader, "Rencontres")
    reader.get_by_role("link", name="Ajouter ces rencontres à mon agenda").click()
    reader.get_by_role("button", name="Créer mes adresses d’agenda").click()
    address = reader.locator("#body-address-comite-conseil").input_value()
    feed = reader.request.get(address).text()
    assert "SUMMARY:Comité conseil – Rencontre extraordinaire sur la navette" in feed
    assert "DTSTART;TZID=America/Montreal:" in feed
    assert reader.console_errors == []
