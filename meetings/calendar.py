"""Meetings as iCalendar events (RFC 5545), for invitations and calendar subscriptions."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
)

from infrastructure.addresses import name_and_address

PRODID = "-//dsi_portal//Espace partenaires//FR"


def _montreal_timezone():
    """The VTIMEZONE of America/Montreal, so calendar apps need no outside lookup."""
    tz = Timezone()
    tz.add("tzid", settings.TIME_ZONE)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970, 11, 1, 2, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 11, "byday": "1su"})
    standard.add("tzoffsetfrom", datetime.timedelta(hours=-4))
    standard.add("tzoffsetto", datetime.timedelta(hours=-5))
    standard.add("tzname", "EST")
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime.datetime(1970, 3, 8, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "2su"})
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=-5))
    daylight.add("tzoffsetto", datetime.timedelta(hours=-4))
    daylight.add("tzname", "EDT")
    tz.add_component(standard)
    tz.add_component(daylight)
    return tz


def organizer_of(meeting):
    """Who sends the invitations: the ADOC agent responsible for the meeting, or else the
    address the portal is configured with (MEETING_ORGANIZER), never a no-reply address
    when one is set: calendar apps show it and send replies to it."""
    responsible = meeting.responsible
    if responsible is not None and responsible.email:
        return str(responsible), responsible.email
    return name_and_address(settings.MEETING_ORGANIZER)


def _address(name, email, **params):
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = name
    address.params.update(params)
    return address


def meeting_event(meeting, base_url, invitation=False, attendees=()):
    """The meeting as a VEVENT. An emailed invitation (`invitation`, with a METHOD) names its
    ORGANIZER and the ATTENDEEs given as (name, email, voting) triples; calendar apps need
    both to show it as an invitation and to apply its updates and cancellation (same UID,
    higher SEQUENCE: the meeting's version, which every saved change increments)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    url = base_url + meeting.get_absolute_url()
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@dsi-charlevoix")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts.astimezone(zone))
    event.add("dtend", meeting.ends.astimezone(zone))
    event.add("summary", f"{meeting.body.name} – {meeting.title}")
    where = [part for part in (meeting.place, meeting.online_link) if part]
    if where:
        event.add("location", " / ".join(where))
    description = [url]
    if meeting.online_link:
        description.insert(0, meeting.online_link)
    event.add("description", "\n".join(description))
    event.add("url", url)
    event.add("sequence", meeting.version)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    if invitation:
        name, email = organizer_of(meeting)
        event.add("organizer", _address(name, email))
        for name, email, voting in attendees:
            event.add(
                "attendee",
                _address(
                    name,
                    email,
                    cutype="INDIVIDUAL",
                    role="REQ-PARTICIPANT" if voting else "OPT-PARTICIPANT",
                    partstat="NEEDS-ACTION",
                    rsvp="FALSE",
                ),
            )
    return event


def calendar_of(meetings, name, base_url, method=None, attendees=()):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if method:
        calendar.add("method", method)
    calendar.add_component(_montreal_timezone())
    for meeting in meetings:
        calendar.add_component(
            meeting_event(meeting, base_url, invitation=bool(method), attendees=attendees)
        )
    return calendar.to_ical()
