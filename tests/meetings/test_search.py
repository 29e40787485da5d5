"""Search across meetings, agenda items and minutes, decisions and mandates (both engines)."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
)

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="French full-text search is PostgreSQL's"
)


def found(response, kind):
    for group, results, _more in response.context["groups"]:
        if group.key == kind:
            return results
    raise AssertionError(kind)


@pytest.fixture
def records(territory):
    council = territory["council"]
    published = MeetingFactory(
        held=True, body=council, title="Comité de l’automne", notes="Bilan du transport collectif"
    )
    draft = MeetingFactory(held=True, body=council, title="Comité d’hiver", published_at=None)
    return {
        "published": published,
        "draft": draft,
        "item": AgendaItemFactory(
            meeting=published,
            title="Navette régionale",
            minutes="Le comité appuie la navette du transport collectif.",
        ),
        "decision": DecisionFactory(
            meeting=published,
            number="CC-2026-004",
            title="Appui à la navette",
            text="Il est résolu d’appuyer le transport collectif entre les deux MRC.",
        ),
        "mandate": MandateFactory(
            meeting=published,
            given_to=territory["chantier"].committee,
            title="Étudier le transport collectif",
            description="Proposer un trajet.",
        ),
        "draft_decision": DecisionFactory(
            meeting=draft, number="CC-2026-005", title="Secret", text="Transport en brouillon."
        ),
    }


def test_search_finds_every_kind_with_links(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "transport"})

    assert found(response, "meetings") == [records["published"]]
    assert found(response, "items") == [records["item"]]
    assert found(response, "decisions") == [records["decision"]]
    assert found(response, "mandates") == [records["mandate"]]
    text = response.content.decode()
    assert records["decision"].get_absolute_url() in text
    assert records["mandate"].get_absolute_url() in text
    assert f'href="{records["item"].get_absolute_url()}"' in text
    assert "<mark>" in text
    assert text.count("<h1") == 1


def test_search_finds_a_decision_by_its_number(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "CC-2026-004"})

    assert found(response, "decisions") == [records["decision"]]


def test_search_hides_draft_records_from_partners_but_not_from_members_and_adoc(
    client, partner, council, adoc, records
):
    for user, sees_draft in [(partner, False), (council, True), (adoc, True)]:
        client.force_login(user)

        decisions = found(client.get(reverse("meetings:search"), {"q": "transport"}), "decisions")

        assert (records["draft_decision"] in decisions) is sees_draft, user


def test_search_leaves_out_words_with_a_minus(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "transport -navette"})

    assert found(response, "decisions") == []
    assert found(response, "mandates") == [records["mandate"]]


def test_search_escapes_what_it_shows(client, partner, territory):
    meeting = MeetingFactory(
        held=True,
        body=territory["council"],
        title="Rencontre",
        notes="<script>alert(1)</script> budget",
    )
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "budget"})

    assert found(response, "meetings") == [meeting]
    text = response.content.decode()
    assert "<script>alert" not in text
    assert "alert(1)" in text  # escaped (SQLite) or stripped of its tags (PostgreSQL)


def test_search_without_words_shows_only_the_form(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"))

    assert response.status_code == 200
    assert response.context["groups"] == []


def test_search_says_when_nothing_is_found(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "inexistant"})

    assert response.context["found"] == 0
    assert all(results == [] for _kind, results, _more in response.context["groups"])


def test_search_shows_the_first_results_and_says_there_are_more(client, partner, territory):
    for n in range(27):
        MeetingFactory(body=territory["council"], title=f"Budget {n}", published_at=timezone.now())
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "budget"})

    (group,) = [g for g in response.context["groups"] if g[0].key == "meetings"]
    assert len(group[1]) == 25
    assert group[2] is True


@on_postgres
def test_postgres_search_understands_french_word_forms(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "navettes appuyées"})

    assert records["decision"] in found(response, "decisions")
    assert records["item"] in found(response, "items")


@on_postgres
def test_postgres_search_ranks_titles_first(client, partner, territory):
    in_text = DecisionFactory(
        meeting=MeetingFactory(held=True, body=territory["council"]), title="Autre", text="Logement"
    )
    in_title = DecisionFactory(
        meeting=MeetingFactory(held=True, body=territory["council"]), title="Logement", text="Autre"
    )
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "logement"})

    assert found(response, "decisions") == [in_title, in_text]
