"""The rules of search that forgives (infrastructure.search), on the engine the tests run on:
folding, word forms, phrases and exclusions, ranking, highlighting that lets no markup through,
the admin's search boxes, and query counts that do not grow with the results."""

import pytest
from django.db import connection
from django.urls import reverse

from governance.models import Organisation
from governance.models.partners import ORGANISATION_SEARCH_FIELDS
from infrastructure.search import Query, excerpt, fold, highlight, lexemes, parse, search
from meetings.models import Decision
from meetings.search import DECISION_SEARCH_FIELDS
from tests.factories import (
    AffiliationFactory,
    DecisionFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
)

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")


def test_fold_lowers_and_strips_accents_and_ligatures():
    assert fold("Éboulements À L’ŒUVRE") == "eboulements a l’oeuvre"


def test_lexemes_stem_words_as_written_and_keep_the_place_of_stop_words():
    assert lexemes("Appuyées de la Navette") == ("appui", None, None, "navet")
    assert lexemes("Baie-Saint-Paul") == ("bai", "saint", "paul")


def test_a_word_typed_without_accents_finds_its_accented_forms():
    query = parse("securite")

    assert query.rank([("Chantier Sécurité alimentaire", "A")]) > 0
    assert parse("appuyees").rank([("Il est résolu d’appuyer", "B")]) > 0
    assert parse("assemblee").rank([("Assemblée des partenaires", "A")]) > 0


def test_every_word_must_match_as_a_stem_or_the_beginning_of_one():
    assert parse("maison fam").rank([("Maison de la famille", "A")]) > 0
    assert parse("maison jeunes").rank([("Maison de la famille", "A")]) == 0


def test_phrases_keep_their_order_and_minus_leaves_out():
    document = [("Maison de la famille de Charlevoix", "A")]

    assert parse("« maison de la famille »").rank(document) > 0
    assert parse('"famille maison"').rank(document) == 0
    assert parse("maison -charlevoix").rank(document) == 0


def test_stop_words_alone_search_nothing():
    assert not Query("de la")


@pytest.mark.parametrize("text", ["a'b & c | !d", "(x:*) <-> y", "\\' ; DROP", "«»", "-"])
def test_the_tsquery_holds_only_words_and_operators_we_wrote(text):
    tsquery = Query(text).tsquery()

    assert "'" not in tsquery
    assert ";" not in tsquery
    assert "\\" not in tsquery


def test_highlight_escapes_the_text_and_marks_the_words_found():
    marked = highlight("<b>Les Éboulements</b> & co", "eboulement")

    assert marked == "&lt;b&gt;Les <mark>Éboulements</mark>&lt;/b&gt; &amp; co"


def test_highlight_escapes_a_hostile_query():
    marked = highlight("Budget <2026>", "<script>alert(1)</script> budget")

    assert marked == "<mark>Budget</mark> &lt;2026&gt;"


def test_excerpt_shows_the_words_around_the_first_one_found():
    text = " ".join(f"mot{n}" for n in range(100)) + " Éboulements " + "fin " * 50

    shown = excerpt(text, "eboulements", words=10)

    assert shown.startswith("… ")
    assert "<mark>Éboulements</mark>" in shown
    assert shown.endswith(" …")
    assert excerpt("rien ici", "eboulements", only_if_found=True) == ""


def names(response):
    return [organisation.name for organisation in response.context["organisations"]]


def test_directory_ranks_a_name_match_before_a_description_match(client, partner):
    in_description = OrganisationFactory(
        name="Alpha communautaire", description="Nous protégeons le patrimoine bâti."
    )
    in_name = OrganisationFactory(name="Zèbre du patrimoine", description="Autre chose.")
    client.force_login(partner)

    response = client.get(reverse("governance:directory"), {"q": "patrimoines"})

    assert names(response) == [in_name.name, in_description.name]


def test_directory_without_words_keeps_the_alphabetical_order(client, partner):
    OrganisationFactory(name="Zèbre des familles")
    OrganisationFactory(name="Alpha communautaire")
    client.force_login(partner)

    response = client.get(reverse("governance:directory"))

    listed = names(response)
    assert listed.index("Alpha communautaire") < listed.index("Zèbre des familles")


def test_directory_escapes_what_it_highlights(client, partner):
    OrganisationFactory(
        name="Les <i>Éboulements</i>", description="<script>alert(1)</script> éboulements"
    )
    client.force_login(partner)

    response = client.get(reverse("governance:directory"), {"q": "<>'\"&eboulements"})

    text = response.content.decode()
    assert "Les &lt;i&gt;<mark>Éboulements</mark>&lt;/i&gt;" in text
    assert "<script>alert(1)" not in text
    assert "<>" not in text


def test_site_search_ranks_a_title_match_before_a_text_match(client, partner, territory):
    in_text = DecisionFactory(
        meeting=MeetingFactory(held=True, body=territory["council"]),
        title="Autre",
        text="Logements",
    )
    in_title = DecisionFactory(
        meeting=MeetingFactory(held=True, body=territory["council"]), title="Logement", text="Autre"
    )
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": "logement"})

    (decisions,) = [r for kind, r, _more in response.context["groups"] if kind.key == "decisions"]
    assert decisions == [in_title, in_text]
    assert "<mark>Logement</mark>" in response.content.decode()


@pytest.mark.parametrize("text", ["'&|!():*<->", "a:* & b", "\\x00", "« »", "-", "-a -b"])
def test_site_search_takes_any_text(client, partner, text):
    client.force_login(partner)

    response = client.get(reverse("meetings:search"), {"q": text})

    assert response.status_code == 200


def test_admin_search_forgives_accents_and_word_forms(admin_client):
    OrganisationFactory(name="Jardins collectifs des Éboulements")
    AffiliationFactory(person=PersonFactory(first_name="Mélanie", last_name="Ouellet"))

    organisations = admin_client.get(
        reverse("admin:governance_organisation_changelist"), {"q": "eboulement"}
    )
    people = admin_client.get(reverse("admin:governance_person_changelist"), {"q": "melanie"})

    assert [o.name for o in organisations.context["cl"].result_list] == [
        "Jardins collectifs des Éboulements"
    ]
    assert [p.first_name for p in people.context["cl"].result_list] == ["Mélanie"]


def test_admin_search_still_finds_what_django_found(admin_client):
    PersonFactory(first_name="Rosalie", last_name="Gagnon", email="rgagnon@example.org")

    response = admin_client.get(
        reverse("admin:governance_person_changelist"), {"q": "gagnon@example"}
    )

    assert [p.last_name for p in response.context["cl"].result_list] == ["Gagnon"]


@pytest.mark.parametrize("size", [3, 60])
def test_directory_search_queries_stay_bounded(
    client, partner, django_assert_max_num_queries, size
):
    for n in range(size):
        organisation = OrganisationFactory(name=f"Regroupement patrimonial {n}")
        AffiliationFactory(organisation=organisation)
    client.force_login(partner)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("governance:directory"), {"q": "regroup patrim"})

    assert response.context["paginator"].count == size


@pytest.mark.parametrize("size", [3, 60])
def test_site_search_queries_stay_bounded(
    client, partner, territory, django_assert_max_num_queries, size
):
    for n in range(size):
        meeting = MeetingFactory(held=True, body=territory["council"], title=f"Budget {n}")
        DecisionFactory(meeting=meeting, title=f"Budget adopté {n}")
    client.force_login(partner)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:search"), {"q": "budgets"})

    assert response.context["found"] == 2 * min(size, 25)


@on_postgres
@pytest.mark.parametrize(
    ("model", "fields", "index"),
    [
        (Organisation, ORGANISATION_SEARCH_FIELDS, "organisation_search_idx"),
        (Decision, DECISION_SEARCH_FIELDS, "decision_search_idx"),
    ],
)
def test_postgres_searches_through_the_gin_indexes(db, model, fields, index):
    # The migrations' indexes hold the very vector the queries compare (the directory's own
    # fields, the site search's decisions): the planner can use them.
    queryset = search(model.objects.order_by(), "maison fam", fields)

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()

    assert index in plan


def test_the_decision_register_forgives_too(client, partner, territory):
    meeting = MeetingFactory(held=True, body=territory["council"])
    decision = DecisionFactory(meeting=meeting, number="CC-2026-017", title="Sécurité des sentiers")
    DecisionFactory(meeting=meeting, number="CC-2026-018", title="Autre chose")
    client.force_login(partner)

    forgiven = client.get(reverse("meetings:decision-list"), {"q": "securite"})
    inside_a_word = client.get(reverse("meetings:decision-list"), {"q": "2026-01"})

    assert list(forgiven.context["page"]) == [decision]
    assert len(list(inside_a_word.context["page"])) == 2
