"""What chantiers holds about a person: their requests to join a chantier, the progress reports
they wrote, and what they decided or added as members of a chantier or of the comité conseil."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from chantiers.models import (
    Attachment,
    Chantier,
    JoinRequest,
    Milestone,
    Objective,
    ProgressReport,
    ReportDecision,
)
from infrastructure.personal_data import (
    PERSON,
    Blank,
    Export,
    Keep,
    NotExported,
    history_authors,
    register,
)

WORK = "what they did for a chantier or the comité conseil, part of the report's record"


def join_request_rows(owner):
    return [
        [j.chantier.name, j.organisation.name, j.message, j.get_status_display(), j.created]
        for j in JoinRequest.objects.filter(person=owner.person)
        .select_related("chantier", "organisation")
        .order_by("-created")
    ]


register(
    JoinRequest,
    "person",
    PERSON,
    export=Export(
        "join_requests",
        _("Requests to join a chantier"),
        (
            ("chantier", _("Chantier")),
            ("organisation", _("For the organisation")),
            ("message", _("Message")),
            ("status", _("Status")),
            ("asked", _("Asked on")),
        ),
        join_request_rows,
        order=110,
    ),
    # Who asked, and what was decided, stays; the free text they wrote about themselves goes.
    anonymise=Blank({"message": ""}),
)
register(
    JoinRequest,
    "decided_by",
    PERSON,
    export=NotExported("a decision made for the chantier on someone else's request"),
    anonymise=Keep("who decided on a request to join is the chantier's record"),
)


def report_rows(owner):
    return [
        [r.chantier.name, r.period_start, r.period_end, r.get_status_display()]
        for r in ProgressReport.objects.filter(authors=owner.person)
        .select_related("chantier")
        .order_by("-period_start")
    ]


REPORT_KEPT = "who wrote a progress report is part of the report the comité conseil received"
register(
    ProgressReport,
    "authors",
    PERSON,
    export=Export(
        "reports",
        _("Chantier progress reports you wrote"),
        (
            ("chantier", _("Chantier")),
            ("from", _("From")),
            ("until", _("Until")),
            ("status", _("Status")),
        ),
        report_rows,
        order=120,
    ),
    anonymise=Keep(REPORT_KEPT),
)
register(
    # The authors of each earlier version of a report (django-simple-history's m2m history).
    apps.get_model("chantiers", "HistoricalProgressReport_authors"),
    "person",
    PERSON,
    export=NotExported("the authors of earlier versions of the reports exported"),
    anonymise=Keep(REPORT_KEPT),
)
register(
    ReportDecision,
    "by",
    PERSON,
    export=NotExported(WORK),
    anonymise=Keep("who approved or returned a report, and why, is the comité conseil's record"),
)
register(
    Attachment,
    "added_by",
    PERSON,
    export=NotExported(WORK),
    anonymise=Keep("who joined a file to a report is part of the report's record"),
)

history_authors(Chantier, Objective, Milestone, ProgressReport)
