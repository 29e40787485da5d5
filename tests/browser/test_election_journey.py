"""An election in a real browser: the delegate votes from the home page and checks the receipt;
once an ADOC agent has published the count, a partner reads the results."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.elections import BY_ELECTION
from elections import workflow
from elections.ballot_box import ballots_cast
from elections.models import Election, ElectionState
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_delegate_votes_and_a_partner_reads_the_published_results(demo, new_page):
    page = new_page()
    log_in(page, "delegue@example.org")

    page.get_by_role("link", name=f"Voter – {BY_ELECTION}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Voter – {BY_ELECTION}")
    page.get_by_label("Sarah Lemieux").check()
    page.get_by_label("Marie-Josée Bradet").check()
    page.get_by_role("button", name="Vérifier mes choix").click()
    # One seat: two names are refused with a clear message, and nothing is stored.
    expect(page.get_by_text("choisissez-en au plus 1")).to_be_visible()
    page.get_by_label("Marie-Josée Bradet").uncheck()
    # Enter on a ticked name, by keyboard: at most the review page, never the vote.
    page.get_by_label("Sarah Lemieux").focus()
    page.keyboard.press("Enter")
    election = Election.objects.get(title=BY_ELECTION)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Vérifiez votre vote – {BY_ELECTION}"
    )
    expect(page.get_by_role("main")).to_contain_text("Vous avez choisi")
    expect(page.get_by_role("listitem").filter(has_text="Sarah Lemieux")).to_be_visible()
    assert not election.ballots.exists()
    # « Modifier mes choix » and back, then confirm, all by keyboard.
    page.get_by_role("button", name="Modifier mes choix").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Sarah Lemieux")).to_be_checked()
    page.get_by_role("button", name="Vérifier mes choix").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Confirmer mon vote").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre bulletin est déposé")
    assert ballots_cast(election) == 1  # in the pool until the box is filled or closed
    code = page.locator(".receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    page.get_by_role("link", name="Vérifier un code de reçu").click()
    page.get_by_label("Code de reçu").fill(code)
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("status")).to_contain_text("Ce bulletin est dans l’urne")
    assert page.console_errors == []

    # An ADOC agent closes the vote and publishes the count.
    agent = get_user_model().objects.get(email="adoc@example.org")
    workflow.move(election, ElectionState.COUNTED, agent)
    workflow.move(election, ElectionState.PUBLISHED, agent)

    reader = new_page()
    log_in(reader, "partenaire@example.org")
    reader.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Élections"
    ).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Élections du comité conseil")
    reader.get_by_role("link", name=f"Résultats – {BY_ELECTION}").click()

    expect(reader.get_by_role("heading", level=1)).to_have_text(f"Résultats – {BY_ELECTION}")
    row = reader.get_by_role("row", name=re.compile("Sarah Lemieux"))
    expect(row).to_contain_text("Élu·e")
    expect(row).to_contain_text("100,0 %")
    expect(reader.get_by_role("img", name=re.compile("Part des bulletins"))).to_be_visible()
    expect(reader.get_by_text("Participation :")).to_be_visible()
    assert reader.console_errors == []
