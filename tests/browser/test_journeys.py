"""What a person does in a real browser, clicking from the home page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def follow_the_partner_journey(page, labels):
    """Home → organigram → comité conseil → a chantier → one of its organisations."""
    page.get_by_role("navigation", name=labels["nav"]).get_by_role(
        "link", name=labels["organigram"]
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(labels["organigram"])

    page.get_by_role("link", name="Comité conseil", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comité conseil")
    expect(page.get_by_role("heading", name=labels["members"])).to_be_visible()

    page.get_by_role("navigation", name=labels["nav"]).get_by_role("link", name="Chantiers").click()
    page.get_by_role("link", name="Transport", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transport")
    expect(page.get_by_role("heading", name=labels["committee"])).to_be_visible()

    organisations = page.get_by_role("region", name=labels["organisations"])
    first = organisations.get_by_role("link").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.get_by_role("heading", name=labels["seats"])).to_be_visible()


FRENCH = {
    "nav": "Navigation principale",
    "organigram": "Organigramme",
    "members": "Membres en fonction",
    "committee": "Comité décisionnel",
    "organisations": "Organisations membres",
    "seats": "Sièges occupés",
}
ENGLISH = {
    "nav": "Main navigation",
    "organigram": "Organigram",
    "members": "Current members",
    "committee": "Decision committee",
    "organisations": "Member organisations",
    "seats": "Seats held",
}


def test_a_partner_finds_the_council_a_chantier_and_an_organisation(demo, new_page):
    page = new_page()
    log_in(page, "partenaire@example.org")

    follow_the_partner_journey(page, FRENCH)

    assert page.console_errors == []


def test_the_same_journey_on_a_phone(demo, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    log_in(page, "partenaire@example.org")

    follow_the_partner_journey(page, FRENCH)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways on a phone"
    assert page.console_errors == []


def test_the_same_journey_in_english(demo, new_page):
    page = new_page()
    log_in(page, "partenaire@example.org")
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    follow_the_partner_journey(page, ENGLISH)

    assert page.console_errors == []


def focus_outline(page):
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )


def test_keyboard_alone_reaches_the_navigation_and_submits_a_form(demo, new_page):
    page = new_page()
    log_in(page, "partenaire@example.org")

    # The first Tab reaches the skip link, then the brand, then the main navigation.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Répertoire":
            break
    style, width = focus_outline(page)
    assert style != "none"
    assert width != "0px"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Répertoire des partenaires")

    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    page.keyboard.type("Maison de la famille")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"q=Maison"))
    results = page.get_by_role("table").get_by_role("link")
    expect(results.first).to_contain_text("Maison de la famille")


def test_an_adoc_agent_corrects_an_organisation_from_the_directory(demo, new_page):
    page = new_page()
    log_in(page, "adoc@example.org")

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Répertoire"
    ).click()
    page.get_by_role("table").get_by_role("link").first.click()
    page.get_by_role("link", name="Modifier l'organisation").click()
    page.get_by_label("Site web").fill("pas une adresse")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Saisissez une URL valide.")).to_be_visible()
    page.get_by_label("Site web").fill("https://nouveau.example.org")
    page.get_by_label("Description").fill("Corrigé dans le navigateur.")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("status").or_(page.locator(".alert-success"))).to_contain_text(
        "enregistrée"
    )
    expect(page.get_by_text("Corrigé dans le navigateur.")).to_be_visible()
    assert page.console_errors == []
