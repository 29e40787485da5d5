"""What meetings holds about a person: the meetings they were convened to, the action items
assigned to them, the convocations that listed them, what they recorded as staff, their calendar
address and their email preferences."""

from django.utils.translation import gettext_lazy as _

from infrastructure.personal_data import (
    DELETE,
    PERSON,
    USER,
    Custom,
    Export,
    InSection,
    Keep,
    NotExported,
    history_authors,
    register,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Convocation,
    Decision,
    Document,
    Mandate,
    MandateUpdate,
    Meeting,
    MinutesAmendment,
    PendingNotification,
)

STAFF_WORK = "what a member of staff did for the alliance, not information about them"


def keep_staff_work(what):
    return Keep(f"{what} is the alliance's record, signed by whoever did it")


RESPONSIBLE = "the ADOC agent responsible for a meeting is part of the meeting's record"
for model in (Meeting, Meeting.history.model):
    register(
        model,
        "responsible",
        PERSON,
        export=NotExported(STAFF_WORK),
        anonymise=Keep(RESPONSIBLE),
    )
for model in (MinutesAmendment, MinutesAmendment.history.model):
    register(
        model,
        "made_by",
        USER,
        export=NotExported(STAFF_WORK),
        anonymise=keep_staff_work("a correction of adopted minutes"),
    )
register(
    MandateUpdate,
    "made_by",
    USER,
    export=NotExported(STAFF_WORK),
    anonymise=keep_staff_work("where a mandate stands"),
)
for model in (Document, Document.history.model):
    register(
        model,
        "uploaded_by",
        USER,
        export=NotExported(STAFF_WORK),
        anonymise=keep_staff_work("a meeting's document"),
    )
register(
    Convocation,
    "sent_by",
    USER,
    export=NotExported(STAFF_WORK),
    anonymise=keep_staff_work("who sent a convocation"),
)


def forget_recipient(departure):
    """Convocations keep the list of who was convened, with names and addresses: the person's
    entries keep their place, with the name replaced and no address."""
    convocations = Convocation.objects.filter(meeting__attendance__person=departure.person)
    for convocation in convocations.distinct():
        changed = False
        for recipient in convocation.recipients:
            if str(recipient.get("email", "")).lower() in departure.emails:
                recipient.update(name=departure.name, email="")
                changed = True
        if changed:
            convocation.save(update_fields=["recipients"])


register(
    Convocation,
    None,
    PERSON,
    what="recipients",
    export=InSection("attendance"),
    anonymise=Custom(forget_recipient),
)


def attendance_rows(owner):
    return [
        [
            a.meeting.title,
            a.meeting.body.name,
            a.meeting.starts,
            a.get_capacity_display(),
            a.voting,
            a.convened_at,
            a.get_status_display(),
        ]
        for a in Attendance.objects.filter(person=owner.person)
        .select_related("meeting__body")
        .order_by("-meeting__starts")
    ]


ATTENDANCE_KEPT = "an attendance record stays: the alliance's minutes (who was there, the quorum)"
register(
    Attendance,
    "person",
    PERSON,
    export=Export(
        "attendance",
        _("Meetings you were convened to"),
        (
            ("meeting", _("Meeting")),
            ("body", _("Body")),
            ("date", _("Date")),
            ("as", _("As")),
            ("voting", _("Voting")),
            ("convened", _("Convened")),
            ("attendance", _("Attendance")),
        ),
        attendance_rows,
        order=70,
    ),
    anonymise=Keep(ATTENDANCE_KEPT),
)
register(
    Attendance.history.model,
    "person",
    PERSON,
    export=NotExported("earlier versions of the attendance exported"),
    anonymise=Keep(ATTENDANCE_KEPT),
)


def action_item_rows(owner):
    return [
        [a.title, a.meeting.title, a.due, a.get_status_display()]
        for a in ActionItem.objects.filter(person=owner.person)
        .select_related("meeting")
        .order_by("-meeting__starts", "pk")
    ]


ACTION_KEPT = "who was asked to do what is part of the meeting's record"
register(
    ActionItem,
    "person",
    PERSON,
    export=Export(
        "action_items",
        _("Action items assigned to you"),
        (
            ("what", _("What")),
            ("meeting", _("Meeting")),
            ("due", _("Due")),
            ("status", _("Status")),
        ),
        action_item_rows,
        order=80,
    ),
    anonymise=Keep(ACTION_KEPT),
)
register(
    ActionItem.history.model,
    "person",
    PERSON,
    export=NotExported("earlier versions of the action items exported"),
    anonymise=Keep(ACTION_KEPT),
)


register(
    PendingNotification,
    "person",
    PERSON,
    export=InSection("email_preferences"),
    anonymise=DELETE,
)


def calendar_feed_rows(owner):
    feed = CalendarFeed.objects.filter(person=owner.person).first()
    return [[feed is not None, feed.created_at if feed else None]]


register(
    CalendarFeed,
    "person",
    PERSON,
    export=Export(
        "calendar_feed",
        _("Private calendar address"),
        (("exists", _("Created")), ("created", _("Created on"))),
        calendar_feed_rows,
        order=140,
        note=_("Its secret address is shown on your calendar page, never here."),
        single=True,
    ),
    anonymise=DELETE,
)

history_authors(
    Meeting, AgendaItem, MinutesAmendment, Attendance, Decision, Mandate, ActionItem, Document
)
