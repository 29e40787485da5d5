"""Calendar subscriptions: a person's private feed and one feed per body.

Calendar apps cannot log in, so every feed is addressed by the person's secret token
(CalendarFeed): renewing the token makes every old address answer 404.
"""

import datetime
import hashlib

from django.utils import timezone
from django.utils.translation import get_language

from meetings.models import CalendarFeed, Meeting

# What a feed shows of each meeting (meetings.calendar.meeting_event): its fingerprint is the
# feed's ETag, so that a calendar app asking « changed? » is answered without the feed.
SHOWN = (
    "pk", "version", "title", "starts", "ends", "place", "online_link", "status",
    "body__name_fr", "body__name_en",
)  # fmt: skip
# Feeds carry meetings from this many days back onward: enough to find last season's
# meetings again, small enough for calendar apps that poll every few hours.
FEED_PAST_DAYS = 365


def existing_feed_of(person):
    """The person's calendar addresses, if they were made."""
    return CalendarFeed.objects.filter(person=person).first()


def feed_of(person):
    """The person's private calendar address (created the first time it is asked for)."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


def feed_owner(token):
    """The person a token belongs to, if it is valid and they may still see the calendar."""
    feed = CalendarFeed.objects.select_related("person__user").filter(token=token).first()
    if feed is None:
        return None
    user = feed.person.user
    if user is None or not user.is_active or not user.has_perm("meetings.view_meetings"):
        return None
    return feed.person


def _window(meetings, now=None):
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)
    return meetings.filter(ends__gte=since).select_related("body").order_by("starts", "pk")


def person_meetings(person, now=None):
    """Every meeting of every body the person sits on (or is invited to), in the window."""
    return _window(Meeting.objects.for_person(person), now)


def body_meetings(body, now=None):
    return _window(Meeting.objects.filter(body=body), now)


def etag_of(meetings, name, base_url):
    """The feed's entity tag: a digest of what it shows (every meeting's shown fields, its
    name, the site's address, the language), in one query without model instances."""
    digest = hashlib.sha256(f"{get_language()}\n{name}\n{base_url}".encode())
    for row in meetings.values_list(*SHOWN):
        digest.update(repr(row).encode())
    return f'"{digest.hexdigest()[:32]}"'
