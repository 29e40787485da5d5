"""A second, fictitious alliance: three parts of the territory, three colleges, no chantier
named like Charlevoix's, made with `create_alliance` and two spreadsheet imports; its pages, its
committee's balance, an election's territorial minimum and its assembly report read its own
territory, and nothing says Charlevoix."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from elections import workflow
from elections.models import ElectionState
from governance import spreadsheets
from governance.models import (
    Body,
    BodyKind,
    College,
    ImportKind,
    Organisation,
    Person,
    Seat,
    SeatQuota,
    SeatRole,
    Sector,
    Territory,
)
from tests.factories import (
    CandidacyFactory,
    ChantierFactory,
    ElectionFactory,
    MeetingFactory,
    SeatFactory,
    UserFactory,
)

PARTS = ["Haut-Pays", "Bas-Fleuve", "Les Îles"]
COLLEGES = ["Communautaire", "Institutionnel", "Citoyen"]
ORGANISATIONS = "\n".join(
    [
        "Nom;Secteur;Collège;MRC",
        *(
            f"Organisme {n} de {part};{sector};{college};{part}"
            for n, (part, college, sector) in enumerate(
                (part, college, sector)
                for part in PARTS
                for college, sector in zip(
                    COLLEGES, ["Organisation communautaire", "Municipal", "Autre"], strict=True
                )
            )
        ),
        "Coopérative du littoral;Économique;Citoyen;Tout le territoire",
        # Two bad rows: a part of someone else's territory, a college it does not have.
        "Maison de la famille;Organisation communautaire;Communautaire;Charlevoix",
        "Club de l’âge d’or;Autre;Aînés;Les Îles",
    ]
)


def people():
    rows = ["Prénom;Nom;Courriel;Organisation;La représente comme"]
    for n, organisation in enumerate(Organisation.objects.order_by("name")):
        rows.append(
            f"Personne{n};Membre{n};p{n}@haut-pays.example.org;{organisation.name};Délégué·e"
        )
    return "\n".join(rows)


def freshly_migrated():
    """The categories as `migrate` leaves a new database (an earlier test of the worker may
    have emptied every table, the migrations' rows with them)."""
    for model in (Territory, Sector, College):
        model.objects.all().delete()
    migration = importlib.import_module("governance.migrations.0014_categories_of_the_alliance")
    migration.create_the_categories(apps, None)


@pytest.fixture
def alliance(db, monkeypatch):
    freshly_migrated()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "un mot de passe assez long")
    call_command(
        "create_alliance",
        interactive=False,
        name="Table de concertation du Haut-Pays",
        short_name="Table Haut-Pays",
        admin_email="direction@haut-pays.example.org",
        territories=", ".join(PARTS),
        whole="Tout le territoire",
        colleges=", ".join(COLLEGES),
        stdout=io.StringIO(),
    )
    admin = User.objects.get(email="direction@haut-pays.example.org")
    team = Body.objects.get(kind=BodyKind.ADOC)
    imported = {}
    for kind, name, content in (
        (ImportKind.ORGANISATIONS, "organismes.csv", ORGANISATIONS),
        (ImportKind.PEOPLE, "personnes.csv", None),
    ):
        content = content if content is not None else people()
        upload = SimpleUploadedFile(name, content.encode())
        imported[kind] = spreadsheets.confirm(spreadsheets.preview(kind, upload, admin))
    council = Body.objects.get(kind=BodyKind.COUNCIL)
    for college in College.objects.all():
        SeatQuota.objects.create(body=council, college=college.code, seats=2)
    for organisation in Organisation.objects.exclude(mrc="tout-le-territoire")[:6]:
        SeatFactory(body=council, person=organisation.current_delegate, organisation=organisation)
    agent = UserFactory(email="animation@haut-pays.example.org")
    first = Organisation.objects.order_by("name").first()
    SeatFactory(
        body=team,
        person=Person.objects.create(first_name="Alex", last_name="Animation", user=agent),
        organisation=first,
        role=SeatRole.MEMBER,
    )
    ChantierFactory(name="Habitation", slug="habitation")
    return {"admin": admin, "agent": agent, "council": council, "imported": imported}


def page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_territory_is_its_own(alliance):
    assert [t.name for t in Territory.objects.order_by("position")] == [
        *PARTS,
        "Tout le territoire",
    ]
    assert Territory.objects.get(code="tout-le-territoire").whole
    assert [c.name for c in College.objects.order_by("position")] == COLLEGES
    organisations = alliance["imported"][ImportKind.ORGANISATIONS]
    assert organisations.counts == {"new": 10, "update": 0, "skip": 0, "invalid": 2}
    refused = [row["errors"][0] for row in organisations.rows if row["action"] == "invalid"]
    assert refused[0].startswith("MRC inconnue : « Charlevoix ». Valeurs acceptées : Haut-Pays")
    assert refused[1].startswith("Collège inconnu : « Aînés »")
    assert alliance["imported"][ImportKind.PEOPLE].counts["new"] == 10


def test_its_pages_show_its_territory_and_never_charlevoix(alliance):
    agent = alliance["agent"]
    for url in (
        reverse("home"),
        reverse("governance:organigram"),
        reverse("governance:directory"),
        reverse("governance:body-detail", args=[alliance["council"].slug]),
        reverse("governance:import-start"),
        reverse("chantiers:chantier-list"),
    ):
        assert "Charlevoix" not in page(agent, url), url
    organigram = page(agent, reverse("governance:organigram"))
    for name in [*PARTS, *COLLEGES]:
        assert name in organigram
    directory = page(agent, reverse("governance:directory") + "?mrc=les-iles")
    assert "Organisme 6 de Les Îles" in directory
    assert "Organisme 0 de Haut-Pays" not in directory


def test_its_committee_is_balanced_by_its_own_colleges(alliance):
    council = alliance["council"]
    seats = Seat.objects.current().filter(body=council)
    assert {seat.college for seat in seats} == {"communautaire", "institutionnel", "citoyen"}
    body = page(alliance["agent"], reverse("governance:body-detail", args=[council.slug]))
    assert "Citoyen" in body


def test_an_election_applies_its_territorial_minimum_to_its_own_parts(alliance):
    agent = alliance["agent"]
    election = ElectionFactory(seats={"citoyen": 2}, mrc_minimum=1)
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    citizens = Organisation.objects.filter(college="citoyen")
    high = [
        *citizens.filter(mrc="haut-pays"),
        Organisation.objects.create(
            name="Comité citoyen du Haut-Pays",
            slug="comite-citoyen",
            sector="other",
            college="citoyen",
            mrc="haut-pays",
        ),
    ]
    islands = citizens.get(mrc="les-iles")
    running = [CandidacyFactory(election=election, organisation=o) for o in high]
    island = CandidacyFactory(election=election, organisation=islands)
    voters = [o.current_delegate for o in Organisation.objects.exclude(college="citoyen")[:3]]
    election = workflow.move(election, ElectionState.VOTING, agent)
    workflow.cast(election, voters[0], {"citoyen": running})
    workflow.cast(election, voters[1], {"citoyen": [running[0], island]})
    workflow.cast(election, voters[2], {"citoyen": running})

    workflow.move(election, ElectionState.COUNTED, agent)

    island.refresh_from_db()
    election.refresh_from_db()
    assert island.elected
    assert island.by_mrc_minimum
    assert "Les Îles" in election.mrc_note


def test_its_assembly_report_counts_its_own_parts(alliance):
    assembly = Body.objects.get(kind=BodyKind.ASSEMBLY)
    meeting = MeetingFactory(body=assembly)

    report = page(alliance["admin"], reverse("portal:assembly-report", args=[meeting.pk]))

    for name in PARTS:
        assert name in report
    assert "Charlevoix" not in report


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("partner", 200), ("agent", 200)],
)
def test_its_pages_answer_each_role(alliance, who, expected):
    client = Client()
    if who == "partner":
        person = Person.objects.get(email="p1@haut-pays.example.org")
        person.user = UserFactory(email=person.email)
        person.save()
        client.force_login(person.user)
    elif who == "agent":
        client.force_login(alliance["agent"])
    for url in (
        reverse("governance:organigram"),
        reverse("governance:directory"),
        reverse("governance:body-detail", args=[alliance["council"].slug]),
    ):
        assert client.get(url).status_code == expected, url
    manage = client.get(reverse("governance:import-start")).status_code
    assert manage == {"anonymous": 302, "partner": 403, "agent": 200}[who]
