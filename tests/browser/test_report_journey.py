"""A progress report in a real browser: written, returned, revised, approved, and seen."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

CHANTIER = "Sécurité alimentaire"
OBJECTIVE = "Comptoirs alimentaires de proximité"


def overview_progress(page):
    """The overall progress of the chantier, as the overview's progress bar tells it."""
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Chantiers"
    ).click()
    bar = page.get_by_role("progressbar", name=f"Avancement de « {CHANTIER} »")
    return int(bar.get_attribute("value"))


def decide(page, report_path, decision, comment=""):
    """From the home page's list of reports waiting for me, decide on the report."""
    page.goto("/")
    waiting = page.get_by_role("region", name="Bilans en attente de ma décision")
    waiting.locator(f'a[href="{report_path}"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CHANTIER)
    page.get_by_label(decision, exact=True).check()
    if comment:
        page.get_by_role("textbox", name="Commentaire").fill(comment)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator(".alert-success")).to_contain_text("Décision enregistrée")


def test_a_report_is_returned_revised_and_approved_and_progress_moves(demo, new_page):
    partner = new_page()
    log_in(partner, "partenaire@example.org")
    before = overview_progress(partner)

    # chantier@ writes the report from the home page and submits it.
    writer = new_page()
    log_in(writer, "chantier@example.org")
    writer.get_by_role(
        "link", name=f"Rédiger un bilan d'étape pour le chantier « {CHANTIER} »"
    ).click()
    expect(writer.get_by_role("heading", level=1)).to_contain_text("Nouveau bilan d'étape")
    writer.get_by_label("Ce qui s'est passé").fill("Deux nouveaux comptoirs ont ouvert.")
    writer.get_by_role("group", name=OBJECTIVE).get_by_label("Nouvel avancement (%)").fill("80")
    writer.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(writer.locator(".alert-success")).to_contain_text("brouillon a été enregistré")
    report_path = re.sub(r"^https?://[^/]+", "", writer.url)
    writer.get_by_role("button", name="Soumettre au comité conseil").click()
    expect(writer.locator(".alert-success")).to_contain_text("Le bilan a été soumis")

    # comite@ returns it with a comment.
    council = new_page()
    log_in(council, "comite@example.org")
    decide(council, report_path, "Retourné avec commentaires", "Précisez le nombre de familles.")
    expect(council.get_by_text("Précisez le nombre de familles.")).to_be_visible()

    # chantier@ revises it and submits it again.
    writer.goto("/")
    writer.get_by_role("region", name="Bilans d'étape de mes chantiers").locator(
        f'a[href="{report_path}"]'
    ).click()
    expect(writer.get_by_text("Précisez le nombre de familles.")).to_be_visible()
    writer.get_by_role("link", name="Réviser le bilan").click()
    writer.get_by_label("Ce qui s'est passé").fill(
        "Deux nouveaux comptoirs ont ouvert; 120 familles de plus y ont accès."
    )
    writer.get_by_role("button", name="Enregistrer le brouillon").click()
    writer.get_by_role("button", name="Soumettre au comité conseil").click()
    expect(writer.locator(".alert-success")).to_contain_text("Le bilan a été soumis")

    # comite@ approves the revision; the partner sees the chantier's progress move.
    decide(council, report_path, "Approuvé")
    after = overview_progress(partner)
    assert after > before

    partner.get_by_role("link", name="Avancées par chantier (synthèse pour l'assemblée)").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text("Avancées par chantier")
    expect(partner.get_by_text("120 familles de plus")).to_be_visible()
    assert writer.console_errors == []
    assert council.console_errors == []
    assert partner.console_errors == []
