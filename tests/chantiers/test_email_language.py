"""The report workflow's emails in the language their recipient chose, or French then
English (as they always were) when they chose none."""

from chantiers import workflow
from chantiers.models import DecisionKind
from governance.notifications import SEPARATOR
from tests.factories import NotificationPreferencesFactory, ProgressReportFactory


def submitted(territory, chantier_member, capture):
    report = ProgressReportFactory(chantier=territory["chantier"], authors=[chantier_member.person])
    with capture(execute=True):
        workflow.submit(report, chantier_member.person)
    return report


def test_report_to_review_in_english_for_who_chose_english(
    council, chantier_member, territory, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=council.person, language="en")

    report = submitted(territory, chantier_member, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.to == [council.person.email]
    assert message.subject == "Progress report of the chantier Chantier Transport to decide"
    assert message.body.startswith("The chantier Chantier Transport submitted its progress")
    assert SEPARATOR not in message.body
    assert "Le chantier" not in message.body
    assert report.get_absolute_url() in message.body


def test_report_to_review_without_a_choice_is_french_then_english(
    council, chantier_member, territory, mailoutbox, django_capture_on_commit_callbacks
):
    report = submitted(territory, chantier_member, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == "Bilan d'étape du chantier « Chantier Transport » à approuver"
    french, english = message.body.split(SEPARATOR)
    assert french.startswith("Le chantier « Chantier Transport » a soumis au comité conseil")
    assert english.startswith("The chantier Chantier Transport submitted its progress")
    assert report.get_absolute_url() in french
    assert report.get_absolute_url() in english


def returned(territory, chantier_member, council, capture):
    report = submitted(territory, chantier_member, capture)
    with capture(execute=True):
        workflow.decide(report, council.person, DecisionKind.RETURNED, "Ajoutez les chiffres.")
    return report


def test_decision_on_a_report_in_english_for_who_chose_english(
    council, chantier_member, territory, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=chantier_member.person, language="en")

    returned(territory, chantier_member, council, django_capture_on_commit_callbacks)

    message = mailoutbox[-1]
    assert message.to == [chantier_member.person.email]
    assert message.subject == (
        "Progress report of the chantier Chantier Transport: returned with comments"
    )
    assert "for the comité conseil, decided on the progress report" in message.body
    assert "Ajoutez les chiffres." in message.body
    assert SEPARATOR not in message.body
    assert "a rendu sa décision" not in message.body


def test_decision_on_a_report_without_a_choice_is_french_then_english(
    council, chantier_member, territory, mailoutbox, django_capture_on_commit_callbacks
):
    returned(territory, chantier_member, council, django_capture_on_commit_callbacks)

    message = mailoutbox[-1]
    assert message.subject.startswith("Bilan d'étape du chantier « Chantier Transport » : ")
    french, english = message.body.split(SEPARATOR)
    assert "pour le comité conseil, a rendu sa décision" in french
    assert "for the comité conseil, decided on the progress report" in english
    assert "Ajoutez les chiffres." in french
    assert "Ajoutez les chiffres." in english
