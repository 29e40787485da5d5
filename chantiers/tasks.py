"""Emails of the report workflow, sent by the worker, one message per person (see
infrastructure.outbox)."""

from django.core.mail import send_mail
from django.utils.translation import gettext_lazy as _

from chantiers.models import ProgressReport, ReportDecision
from governance.models import Person
from governance.notifications import render_templates
from governance.tasks import people_named
from infrastructure.outbox import email_task


def _send(template, context, person):
    """Email `person` in the language they chose, else in French then English."""
    subject, message = render_templates(person, f"chantiers/email/{template}", context)
    send_mail(subject, message, None, [person.email], fail_silently=False)


def _person(person_id):
    return Person.objects.select_related("notification_preferences").get(pk=person_id)


@email_task(_("Report to review"), people_named)
def send_report_submitted(*, report_id, person_id, base_url):
    """Tell one comité conseil member that a report awaits them."""
    report = ProgressReport.objects.get(pk=report_id)
    context = {"report": report, "link": base_url + report.get_absolute_url()}
    _send("report_submitted", context, _person(person_id))


@email_task(_("Decision on a report"), people_named)
def send_report_decided(*, decision_id, person_id, base_url):
    """Tell one author of a report what the comité conseil decided, and why."""
    decision = ReportDecision.objects.select_related("report").get(pk=decision_id)
    context = {
        "report": decision.report,
        "decision": decision,
        "link": base_url + decision.report.get_absolute_url(),
    }
    _send("report_decided", context, _person(person_id))
