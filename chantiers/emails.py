"""The emails of the report workflow, sent once the transaction that decided them commits."""

from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from governance.models import BodyKind, Person, Seat, SeatRole


def _addresses(people):
    return sorted({person.email for person in people if person.email})


def _send(template, context, recipients):
    if not recipients:
        return 0
    subject = render_to_string(f"chantiers/email/{template}_subject.txt", context).strip()
    message = render_to_string(f"chantiers/email/{template}_message.txt", context)
    # One message per person: members do not see each other's addresses.
    return send_mass_mail([(subject, message, None, [email]) for email in recipients])


def report_submitted(report, base_url=""):
    """Tell the current comité conseil members (but the authors) a report awaits them."""
    council = Seat.objects.current().filter(body__kind=BodyKind.COUNCIL)
    members = Person.objects.filter(seats__in=council.exclude(role=SeatRole.SUPPORT)).exclude(
        authored_reports=report
    )
    context = {"report": report, "link": base_url + report.get_absolute_url()}
    return _send("report_submitted", context, _addresses(members))


def report_decided(report, decision, base_url=""):
    """Tell the report's authors what the comité conseil decided, and why."""
    context = {
        "report": report,
        "decision": decision,
        "link": base_url + report.get_absolute_url(),
    }
    return _send("report_decided", context, _addresses(report.authors.all()))
