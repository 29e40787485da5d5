"""The directory to and from spreadsheets (governance.spreadsheets): preview, confirmation,
refused rows in French, idempotent re-import, history, exports, and who may do it."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from governance import spreadsheets
from governance.models import (
    Affiliation,
    DirectoryImport,
    ImportKind,
    ImportStatus,
    Organisation,
    Person,
    Representation,
    Seat,
)
from governance.workflow import GovernanceError
from privacy.models import AccessKind, AccessLog

pytestmark = pytest.mark.usefixtures("cast_once_per_module")

ORGANISATIONS_CSV = (
    "\ufeffNom;Sigle;Secteur;Collège;MRC;Site web;Membre depuis;Membre actif\n"
    "Corporation de développement communautaire;CDC;Organisation communautaire;Communautaire;"
    "Charlevoix;cdc.example.org;2019-09-01;oui\n"
    "Ville de Baie-Saint-Paul;;municipal;institutionnel;charlevoix;;19/06/2015;\n"
    "Club des aînés;;Santé;Communautaire;Charlevoix;;;\n"
    ";;Municipal;Institutionnel;Charlevoix;;;\n"
    "ville de baie-saint-paul;;Municipal;Institutionnel;Charlevoix;;;\n"
    "Maison de la famille;MF;Organisation communautaire;Communautaire;Charlevoix-Est;;"
    "pas une date;\n"
)


def upload(name, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content)


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def by_line(directory_import):
    return {row["number"]: row for row in directory_import.rows}


def test_a_preview_says_what_each_row_would_do_and_writes_nothing(adoc, territory):
    before = Organisation.objects.count()

    previewed = spreadsheets.preview(
        ImportKind.ORGANISATIONS, upload("partenaires.csv", ORGANISATIONS_CSV), adoc
    )

    rows = by_line(previewed)
    assert Organisation.objects.count() == before
    assert previewed.status == ImportStatus.PREVIEWED
    assert [rows[line]["action"] for line in (2, 3, 4, 5, 6, 7)] == [
        "new",
        "new",
        "invalid",
        "invalid",
        "invalid",
        "invalid",
    ]
    assert rows[4]["errors"] == [
        "Secteur inconnu : « Santé ». Valeurs acceptées : Municipal, Organisation communautaire, "
        "Association citoyenne, Économique, Éducation, Réseau de la santé et des services "
        "sociaux, Autre."
    ]
    assert rows[5]["errors"] == ["Le nom de l’organisation manque."]
    assert rows[6]["errors"] == ["Cette organisation figure déjà à la ligne 3 du fichier."]
    # An organisation already in the directory is matched by its name: an update, whose date
    # is refused here.
    assert rows[7]["errors"] == [
        "« pas une date » n’est pas une date : écrivez-la jour/mois/année, comme 19/06/2027."
    ]
    assert previewed.totals == {"new": 2, "update": 0, "skip": 0, "invalid": 4}


def test_confirming_imports_the_good_rows_once_and_again_changes_nothing(adoc, territory):
    previewed = spreadsheets.preview(
        ImportKind.ORGANISATIONS, upload("partenaires.csv", ORGANISATIONS_CSV), adoc
    )

    imported = spreadsheets.confirm(previewed)

    cdc = Organisation.objects.get(acronym="CDC")
    assert cdc.name == "Corporation de développement communautaire"
    assert (cdc.sector, cdc.college, cdc.mrc) == ("community", "community", "charlevoix")
    assert cdc.website == "https://cdc.example.org"
    assert str(cdc.joined) == "2019-09-01"
    assert cdc.slug == "corporation-de-developpement-communautaire"
    assert Organisation.objects.get(name="Ville de Baie-Saint-Paul").is_active
    assert imported.status == ImportStatus.IMPORTED
    assert imported.content == b""
    assert imported.totals["new"] == 2
    reason = cdc.history.get().history_change_reason
    assert reason == f"Importation du fichier « partenaires.csv » (no {imported.pk})"
    histories = sum(o.history.count() for o in Organisation.objects.all())

    again = spreadsheets.confirm(
        spreadsheets.preview(
            ImportKind.ORGANISATIONS, upload("partenaires.csv", ORGANISATIONS_CSV), adoc
        )
    )

    assert again.totals == {"new": 0, "update": 0, "skip": 2, "invalid": 4}
    assert sum(o.history.count() for o in Organisation.objects.all()) == histories
    assert Organisation.objects.get(acronym="CDC").version == cdc.version


def test_an_import_is_confirmed_once_whatever_the_clicks(adoc, territory):
    previewed = spreadsheets.preview(
        ImportKind.ORGANISATIONS, upload("partenaires.csv", ORGANISATIONS_CSV), adoc
    )
    spreadsheets.confirm(previewed)

    with pytest.raises(spreadsheets.SpreadsheetError, match="déjà été importé"):
        spreadsheets.confirm(previewed)
    with pytest.raises(spreadsheets.SpreadsheetError):
        spreadsheets.cancel(previewed)
    # And in the database: an import is dated exactly when it is imported.
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectoryImport.objects.filter(pk=previewed.pk).update(imported_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectoryImport.objects.filter(pk=previewed.pk).update(
            status=ImportStatus.PREVIEWED, imported_at=timezone.now()
        )


def test_an_updated_organisation_refuses_a_form_opened_before_the_import(client, adoc, territory):
    organisation = territory["organisation"]
    client.force_login(adoc)
    url = reverse("governance:organisation-update", args=[organisation.slug])
    opened = {
        "name": organisation.name,
        "sector": organisation.sector,
        "college": organisation.college,
        "mrc": organisation.mrc,
        "is_active": "on",
        "version": organisation.version,
        "description": "Ma version",
    }
    content = (
        "Nom;Secteur;Collège;MRC;Description\n"
        "maison de la famille;Organisation communautaire;Communautaire;Charlevoix;Importée\n"
    )
    spreadsheets.confirm(
        spreadsheets.preview(ImportKind.ORGANISATIONS, upload("maj.csv", content), adoc)
    )

    response = client.post(url, opened)

    assert response.status_code == 200
    assert Organisation.objects.get(pk=organisation.pk).description == "Importée"


PEOPLE = [
    [
        "Prénom",
        "Nom",
        "Courriel",
        "Titre",
        "Téléphone",
        "Organisation",
        "Rôle dans l’organisation",
        "La représente comme",
    ],
    [
        "Léa",
        "Tremblay",
        "lea@example.org",
        "Direction",
        4185551234,
        "maison de la famille",
        "Directrice",
        "Délégué·e",
    ],
    ["Léa", "Tremblay", "LEA@example.org", "Direction", 4185551234, "CIUSSS", "Conseillère", ""],
    ["Marc", "Gagnon", "lea@example.org", "", "", "CIUSSS", "", ""],
    ["Rose", "Simard", "rose@example.org", "", "", "Organisme inconnu", "", ""],
    ["Paul", "Côté", "", "", "", "CIUSSS", "", ""],
    ["Anne", "Roy", "anne@example.org", "", "", "", "", "Substitut·e"],
    ["Jean", "Roy", "jean@example.org", "", "", "", "", ""],
]


def test_people_are_imported_with_their_organisations_and_representation(adoc, territory):
    organisation = territory["organisation"]

    previewed = spreadsheets.preview(
        ImportKind.PEOPLE, upload("personnes.xlsx", xlsx(PEOPLE)), adoc
    )

    rows = by_line(previewed)
    assert [rows[line]["action"] for line in range(2, 9)] == [
        "new",
        "update",
        "invalid",
        "invalid",
        "invalid",
        "invalid",
        "new",
    ]
    assert rows[4]["errors"] == [
        "Ce courriel figure déjà à la ligne 2 du fichier, pour une autre personne."
    ]
    assert rows[5]["errors"] == [
        "Organisation introuvable : « Organisme inconnu ». Importez d’abord les "
        "organisations, ou écrivez son nom comme le répertoire."
    ]
    assert rows[6]["errors"][0].startswith("Le courriel manque")
    assert rows[7]["errors"] == ["Dites quelle organisation cette personne représente."]
    assert not Person.objects.filter(email="lea@example.org").exists()

    imported = spreadsheets.confirm(previewed)

    # The record of the import keeps lines and reasons, not the names of the people in it.
    assert {row["label"] for row in imported.rows} == {""}
    lea = Person.objects.get(email="lea@example.org")
    assert (lea.first_name, lea.title, lea.phone) == ("Léa", "Direction", "4185551234")
    # Privacy by default, imported or not.
    assert not lea.show_email
    assert not lea.show_phone
    assert sorted(
        Affiliation.objects.current().filter(person=lea).values_list("organisation__name", "role")
    ) == [("CIUSSS", "Conseillère"), ("Maison de la famille", "Directrice")]
    assert organisation.current_delegate == lea
    assert Person.objects.filter(email="jean@example.org").exists()

    again = spreadsheets.confirm(
        spreadsheets.preview(ImportKind.PEOPLE, upload("personnes.xlsx", xlsx(PEOPLE)), adoc)
    )

    assert again.totals == {"new": 0, "update": 0, "skip": 3, "invalid": 4}
    assert Representation.objects.filter(person=lea).count() == 1


def test_a_person_cannot_become_delegate_of_an_organisation_they_are_substitute_of(adoc, territory):
    organisation = territory["organisation"]
    spreadsheets.confirm(
        spreadsheets.preview(
            ImportKind.PEOPLE,
            upload(
                "a.csv",
                "Prénom;Nom;Courriel;Organisation;La représente comme\n"
                "Léa;Tremblay;lea@example.org;Maison de la famille;Substitut·e\n",
            ),
            adoc,
        )
    )

    previewed = spreadsheets.preview(
        ImportKind.PEOPLE,
        upload(
            "b.csv",
            "Prénom;Nom;Courriel;Organisation;La représente comme\n"
            "Léa;Tremblay;lea@example.org;Maison de la famille;Délégué·e\n",
        ),
        adoc,
    )

    assert previewed.rows[0]["action"] == "invalid"
    assert "un seul rôle à la fois" in previewed.rows[0]["errors"][0]
    assert organisation.current_substitute.email == "lea@example.org"


def test_the_exports_import_back_unchanged(client, adoc, territory):
    client.force_login(adoc)
    spreadsheets.confirm(
        spreadsheets.preview(ImportKind.PEOPLE, upload("personnes.xlsx", xlsx(PEOPLE)), adoc)
    )

    for name, kind in (
        ("organisations", ImportKind.ORGANISATIONS),
        ("personnes", ImportKind.PEOPLE),
    ):
        exported = client.get(reverse("governance:directory-export-xlsx", args=[name]))
        assert exported.status_code == 200
        again = spreadsheets.preview(kind, upload(f"{name}.xlsx", exported.content), adoc)
        assert again.totals["new"] == again.totals["update"] == again.totals["invalid"] == 0, (
            again.rows
        )
        assert again.totals["skip"] > 0

    csv_export = client.get(reverse("governance:directory-export-csv", args=["personnes"]))
    text = csv_export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Prénom;Nom;Courriel")
    assert "Léa;Tremblay;lea@example.org" in text
    again = spreadsheets.preview(ImportKind.PEOPLE, upload("p.csv", csv_export.content), adoc)
    assert again.totals["invalid"] == 0, again.rows


def test_the_export_of_people_is_logged_as_a_view_of_their_contact_details(
    client, adoc, partner, territory
):
    client.force_login(adoc)

    client.get(reverse("governance:directory-export-csv", args=["personnes"]))

    log = AccessLog.objects.get(kind=AccessKind.DIRECTORY)
    assert log.viewer == adoc
    # Listed among the accesses to each person's information who was in the directory then.
    assert AccessLog.objects.about(partner.person).filter(pk=log.pk).exists()


def test_the_templates_hold_the_columns_in_the_person_s_language(client, adoc, territory):
    client.force_login(adoc)

    response = client.get(reverse("governance:import-template-xlsx", args=["organisations"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:5] == ["Nom", "Sigle", "Secteur", "Collège", "MRC"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("governance:import-template-csv", args=["personnes"]))
    assert english.content.decode("utf-8-sig").startswith("First name,Last name,Email")


def test_the_pages_preview_then_import(client, adoc, territory):
    client.force_login(adoc)
    start = reverse("governance:import-start")
    assert client.get(start).status_code == 200

    response = client.post(
        start,
        {"kind": "organisations", "file": upload("partenaires.csv", ORGANISATIONS_CSV)},
        follow=True,
    )

    content = response.content.decode()
    assert "2 enregistrements créés" in content
    assert "4 lignes refusées" in content
    assert "Secteur inconnu : « Santé »" in content
    assert not Organisation.objects.filter(acronym="CDC").exists()
    directory_import = DirectoryImport.objects.get()

    response = client.post(
        reverse("governance:import-confirm", args=[directory_import.pk]), follow=True
    )

    assert "Le fichier a été importé" in response.content.decode()
    assert Organisation.objects.filter(acronym="CDC").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("liste.xlsx", b"Nom;Secteur\nA;B\n", "ne correspond pas à un fichier XLSX"),
        ("liste.csv", "Nom;Sigle\nA;B\n", "Une colonne manque à la première ligne : Secteur"),
        ("liste.csv", "\n\n", "Ce fichier est vide."),
        ("liste.pdf", b"%PDF-1.4", "n’est pas autorisée. Les extensions autorisées sont"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_in_french(
    client, adoc, territory, name, content, message
):
    client.force_login(adoc)

    response = client.post(
        reverse("governance:import-start"), {"kind": "organisations", "file": upload(name, content)}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DirectoryImport.objects.exists()


@pytest.mark.parametrize("role", ["partner", "council", "delegate"])
def test_only_the_adoc_team_reaches_the_spreadsheets(client, request, role, territory):
    client.force_login(request.getfixturevalue(role))

    for url in (
        reverse("governance:import-start"),
        reverse("governance:directory-export-csv", args=["personnes"]),
        reverse("governance:import-template-xlsx", args=["organisations"]),
    ):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (GovernanceError("Nommé par quelqu’un d’autre entre-temps."), "Nommé par quelqu’un"),
        (IntegrityError('duplicate key value violates unique constraint "x"'), "inattendue"),
    ],
)
def test_a_refusal_while_saving_undoes_the_whole_import_in_words(
    monkeypatch, adoc, territory, failure, said
):
    content = (
        "Prénom;Nom;Courriel;Organisation;La représente comme\n"
        "Jean;Roy;jean@example.org;CIUSSS;\n"
        "Léa;Tremblay;lea@example.org;Maison de la famille;Délégué·e\n"
    )
    previewed = spreadsheets.preview(ImportKind.PEOPLE, upload("p.csv", content), adoc)

    def refuse(*args):
        raise failure

    monkeypatch.setattr(spreadsheets, "name_representative", refuse)
    with pytest.raises(spreadsheets.SpreadsheetError) as refused:
        spreadsheets.confirm(previewed)

    assert refused.value.message.startswith(
        "L’importation a été annulée, rien n’a été enregistré : ligne 3 : "
    )
    assert said in refused.value.message
    assert "duplicate key" not in refused.value.message
    assert not Person.objects.filter(email="jean@example.org").exists()
    assert DirectoryImport.objects.get(pk=previewed.pk).status == ImportStatus.PREVIEWED


def test_a_preview_left_for_a_day_is_dropped_with_its_copy_of_the_file(adoc, territory):
    stale = spreadsheets.preview(
        ImportKind.ORGANISATIONS, upload("partenaires.csv", ORGANISATIONS_CSV), adoc
    )
    DirectoryImport.objects.filter(pk=stale.pk).update(
        created=timezone.now() - spreadsheets.PREVIEW_KEPT - datetime.timedelta(minutes=1)
    )

    spreadsheets.preview(ImportKind.ORGANISATIONS, upload("autre.csv", ORGANISATIONS_CSV), adoc)

    stale.refresh_from_db()
    assert stale.status == ImportStatus.CANCELLED
    assert bytes(stale.content) == b""
    with pytest.raises(spreadsheets.SpreadsheetError):
        spreadsheets.confirm(stale)


SEATS = (
    "Instance;Courriel;Pour l’organisation;À titre de;Comment;Du;Raison du dépassement du quota\n"
    "Comité conseil;lea@example.org;Maison de la famille;Membre;Élu·e par l’assemblée;"
    "01/09/2026;\n"
    "comite-conseil;inconnu@example.org;;;Désigné·e;;\n"
    "Comité des sages;lea@example.org;;;Désigné·e;;\n"
    "Comité conseil;lea@example.org;Maison de la famille;Membre;Élu·e par l’assemblée;;\n"
    "Comité conseil;jean@example.org;CIUSSS;Présidence;Nommé par hasard;;\n"
)


def people_with(adoc, *rows):
    content = "Prénom;Nom;Courriel;Organisation\n" + "\n".join(rows) + "\n"
    spreadsheets.confirm(spreadsheets.preview(ImportKind.PEOPLE, upload("p.csv", content), adoc))


def test_seats_are_imported_through_the_rules_of_the_directory(adoc, territory):
    council = territory["council"]
    people_with(
        adoc,
        "Léa;Tremblay;lea@example.org;Maison de la famille",
        "Jean;Roy;jean@example.org;CIUSSS",
    )

    imported = spreadsheets.confirm(
        spreadsheets.preview(ImportKind.SEATS, upload("sieges.csv", SEATS), adoc)
    )

    rows = by_line(imported)
    assert [rows[line]["action"] for line in range(2, 7)] == [
        "new",
        "invalid",
        "invalid",
        "invalid",
        "invalid",
    ]
    assert rows[3]["errors"] == [
        "Personne n’a le courriel « inconnu@example.org » au répertoire : importez d’abord "
        "les personnes."
    ]
    assert rows[4]["errors"][0].startswith("Instance introuvable : « Comité des sages »")
    assert rows[5]["errors"] == [
        "Le siège de cette personne à cette instance figure déjà à la ligne 2 du fichier."
    ]
    assert rows[6]["errors"][0].startswith("Manière de siéger inconnue : « Nommé par hasard »")
    seat = Seat.objects.get(body=council, person__email="lea@example.org")
    assert (seat.role, seat.mode, str(seat.starts)) == ("member", "elected", "2026-09-01")
    assert (seat.college, seat.mrc) == ("community", "charlevoix")  # from the organisation

    again = spreadsheets.confirm(
        spreadsheets.preview(ImportKind.SEATS, upload("sieges.csv", SEATS), adoc)
    )

    assert again.counts["new"] == again.counts["update"] == 0
    assert again.counts["skip"] == 1
    assert Seat.objects.filter(body=council, person__email="lea@example.org").count() == 1


def test_a_seat_beyond_the_quota_needs_the_reason_in_its_row(adoc, territory):
    council = territory["council"]
    council.quotas.update(seats=1)  # the community one filled by the cast's chair
    people_with(
        adoc,
        "Léa;Tremblay;lea@example.org;Maison de la famille",
        "Jean;Roy;jean@example.org;Maison de la famille",
    )
    content = (
        "Instance;Courriel;Pour l’organisation;Comment;Raison du dépassement du quota\n"
        "Comité conseil;lea@example.org;Maison de la famille;Désigné·e;\n"
        "Comité conseil;jean@example.org;Maison de la famille;Désigné·e;"
        "Siège laissé vacant par l’assemblée\n"
    )

    imported = spreadsheets.confirm(
        spreadsheets.preview(ImportKind.SEATS, upload("s.csv", content), adoc)
    )

    assert [row["action"] for row in imported.rows] == ["invalid", "new"]
    assert imported.rows[0]["errors"][0].endswith(
        "Dans un tableur, écrivez la raison dans la colonne « Raison du dépassement du quota »."
    )
    seat = Seat.objects.get(body=council, person__email="jean@example.org")
    assert seat.beyond_quota
    assert seat.beyond_quota_reason == "Siège laissé vacant par l’assemblée"


def test_the_export_of_seats_imports_back_unchanged(client, adoc, territory):
    client.force_login(adoc)

    exported = client.get(reverse("governance:directory-export-xlsx", args=["sieges"]))

    again = spreadsheets.preview(ImportKind.SEATS, upload("sieges.xlsx", exported.content), adoc)
    assert again.counts["skip"] >= 2, again.rows  # the cast's seats on the council and ADOC
    assert again.counts["new"] == again.counts["update"] == again.counts["invalid"] == 0, again.rows
    assert AccessLog.objects.filter(kind=AccessKind.DIRECTORY).exists()
