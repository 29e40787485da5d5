"""French done right (issue 17): names in French order on both engines, Québec dates, times
and numbers, elision and plurals."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext, ngettext_lazy

from governance.models import Organisation, Person
from infrastructure import display
from infrastructure.collation import sort_key
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

FRENCH_ORDER = ["Bélanger et fils", "Brisson Transport", "Maison du Quartier", "MRC des Sommets"]


def test_french_key_sorts_accents_and_case_after_the_letters():
    names = ["MRC de Charlevoix", "Brisson", "Maison de la famille", "Bélanger", "bélanger"]

    assert sorted(names, key=sort_key) == [
        "bélanger", "Bélanger", "Brisson", "Maison de la famille", "MRC de Charlevoix"
    ]  # fmt: skip
    # fr-CA reads the accents from the end of the word; œ is o and e.
    assert sorted(["côté", "coté", "côte", "cote"], key=sort_key) == [
        "cote", "côte", "coté", "côté"
    ]  # fmt: skip
    assert sorted(["Oeuvre", "Œuvres", "Odile"], key=sort_key) == ["Odile", "Oeuvre", "Œuvres"]


@pytest.mark.django_db
def test_names_sort_in_french_in_the_database():
    for name in reversed(FRENCH_ORDER):
        OrganisationFactory(name=name)
        PersonFactory(last_name=name, first_name="Anne")

    assert list(Organisation.objects.values_list("name", flat=True)) == FRENCH_ORDER
    assert list(Person.objects.values_list("last_name", flat=True)) == FRENCH_ORDER
    # Two names that differ by an accent or a capital are two names.
    assert Organisation.objects.filter(name="mrc des sommets").count() == 0
    assert Organisation.objects.filter(name="MRC des Sommets").count() == 1


def test_directory_lists_organisations_in_french_order(client, login_as, partner):
    for name in reversed(FRENCH_ORDER):
        OrganisationFactory(name=name)
    login_as("partner")

    page = client.get(reverse("governance:directory"), {"q": ""}).content.decode()

    shown = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', page)
    assert [name for name in shown if name in FRENCH_ORDER] == FRENCH_ORDER


def test_organisation_lists_its_people_in_french_order(client, login_as, partner):
    organisation = OrganisationFactory(name="Maison du Quartier")
    for name in ["Brisson", "Bélanger", "Morin"]:
        AffiliationFactory(organisation=organisation, person=PersonFactory(last_name=name))
    login_as("partner")

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert page.index("Bélanger") < page.index("Brisson") < page.index("Morin")


WHEN = datetime.datetime(2026, 12, 1, 17, 31, tzinfo=datetime.UTC)  # 12 h 31 in Québec


@pytest.mark.parametrize(
    ("function", "value", "french", "english"),
    [
        (display.day, datetime.date(2027, 6, 19), "19 juin 2027", "June 19, 2027"),
        (display.day, datetime.date(2026, 12, 1), "1er décembre 2026", "Dec. 1, 2026"),
        (display.day_month, datetime.date(2026, 12, 1), "1er décembre", "December 1"),
        (display.weekday, datetime.date(2026, 7, 4), "samedi 4 juillet 2026", None),
        (display.hour, WHEN, "12\xa0h\xa031", "12:31 p.m."),
        (display.moment, WHEN, "1er décembre 2026, 12\xa0h\xa031", "Dec. 1, 2026, 12:31 p.m."),
        (display.weekday_moment, WHEN, "mardi 1er décembre 2026, 12\xa0h\xa031", None),
        (display.shown, datetime.date(2025, 1, 30), "30 janvier 2025", "Jan. 30, 2025"),
    ],
)  # fmt: skip
def test_dates_and_times_read_as_in_quebec_and_in_english(function, value, french, english):
    with translation.override("fr-ca"):
        assert function(value) == french
    if english:
        with translation.override("en"):
            assert function(value) == english


def test_filters_elide_before_a_vowel_or_a_mute_h():
    with translation.override("fr-ca"):
        assert display.de("instance") == "d’instance"
        assert display.de("Isabelle") == "d’Isabelle"
        assert display.de("Élise") == "d’Élise"
        assert display.de("Hélène") == "d’Hélène"
        assert display.de("Marc") == "de Marc"
        assert display.de("Houde") == "de Houde"
        assert display.before("relève de", "Assemblée des partenaires") == "relève d’"
        assert display.before("relève de", "Comité conseil") == "relève de "
        assert display.colon() == "\xa0: "
    with translation.override("en"):
        assert display.de("Isabelle") == "Isabelle"
        assert display.before("reports to", "Assembly") == "reports to "
        assert display.colon() == ": "


def test_numbers_do_not_break_across_lines():
    assert display.unbroken_numbers("40 000 kg, 12 %, 3 000 personnes") == (
        "40\xa0000\xa0kg, 12\xa0%, 3\xa0000\xa0personnes"
    )


def test_templates_render_french_dates_elision_and_plurals():
    rendered = Template(
        "{% load i18n display %}{{ day|day }} · {{ day|day_month }} · {{ when|hour }} · "
        "{% blocktranslate with name=name|de %}Attendance of {{ name }}{% endblocktranslate %}"
    ).render(Context({"day": datetime.date(2026, 12, 1), "when": WHEN, "name": "Isabelle"}))

    assert rendered == "1er décembre 2026 · 1er décembre · 12\xa0h\xa031 · Présence d’Isabelle"


def test_vote_counts_and_ballot_choices_agree_with_their_number():
    with translation.override("fr-ca"):
        one = ngettext(
            "Vote: %(for)s for, %(against)s against, %(abstentions)s abstention.",
            "Vote: %(for)s for, %(against)s against, %(abstentions)s abstentions.",
            1,
        ) % {"for": 4, "against": 1, "abstentions": 1}
        label = str(
            ngettext_lazy(
                "College “%(college)s”: choose up to %(seats)s person",
                "College “%(college)s”: choose up to %(seats)s people",
                "seats",
            )
            % {"college": "Communautaire", "seats": 1}
        )

    assert one == "Vote : 4 pour, 1 contre, 1 abstention."
    assert label == "Collège « Communautaire » : choisissez jusqu’à 1 personne"


def test_templates_show_dates_through_the_display_filters():
    """`|date:"…"` only for what machines read (ISO in attributes and addresses): a page shows
    dates with `day`, `moment`, `hour`… (« Jui » is juin or juillet; « 1 » is « 1er »)."""
    templates = Path(settings.BASE_DIR) / "templates"
    formats = {
        f"{path.relative_to(templates)}: {match}"
        for path in templates.rglob("*.*")
        for match in re.findall(r"\|date:(\"[^\"]*\"|'[^']*')", path.read_text())
        if not re.fullmatch(r"[\"'][YmdTHisO\\:-]+[\"']", match)
    }

    assert not formats, sorted(formats)


def test_admin_titles_do_not_put_de_before_a_vowel(client, admin):
    client.force_login(admin)

    page = client.get(reverse("admin:governance_body_add")).content.decode()

    assert "Ajout : instance" in page
    assert "Ajout de instance" not in page


def test_messages_elide_de_before_an_organisation_starting_with_a_vowel(client, adoc):
    organisation = OrganisationFactory(name="Entraide Charlevoix")
    person = AffiliationFactory(organisation=organisation).person
    client.force_login(adoc)

    response = client.post(
        reverse("governance:representation-create", args=[organisation.slug]),
        {"kind": "delegate", "person": person.pk, "starts": "2026-01-05"},
        follow=True,
    )

    assert f"{person} est délégué·e d’Entraide Charlevoix à partir du 5 janvier 2026." in (
        response.content.decode()
    )
