"""The ADOC team's follow-up of the bodies: terms ending soon and seats left vacant (the
quotas not filled), as on the « Mandats et postes vacants » page, and the email that brings
it to each agent of the team (by `manage.py send_reminders`, every day; at most once a day
and once every FOLLOW_UP_EVERY_DAYS days per agent)."""

import datetime

from django.db import transaction

from governance.models import Body, BodyKind, FollowUpSent, Person, Seat
from infrastructure.outbox import enqueue_each_after_commit
from infrastructure.periods import today

# Terms ending within this many days are flagged on body pages and the ADOC follow-up.
TERM_END_NOTICE_DAYS = 90
# An agent gets the follow-up email once a week, whatever day the command starts from.
FOLLOW_UP_EVERY_DAYS = 7


def terms_ending(on=None, days=TERM_END_NOTICE_DAYS):
    """Current seats whose term ends within `days` days of `on`, soonest first."""
    return (
        Seat.objects.ending_within(days, on).for_listing().order_by("ends", "body__position", "pk")
    )


def vacancies(on=None):
    """[(body, its composition rows with vacant seats)] of the active bodies, in order."""
    bodies = Body.objects.active().with_current_seats().prefetch_related("quotas")
    rows = [(body, [row for row in body.composition() if row["vacant"]]) for body in bodies]
    return [(body, vacant) for body, vacant in rows if vacant]


def adoc_agents(on=None):
    """The ADOC team's current agents who have an email address."""
    seats = Seat.objects.current(on).filter(body__kind=BodyKind.ADOC)
    return (
        Person.objects.filter(seats__in=seats)
        .exclude(email="")
        .distinct()
        .select_related("notification_preferences")
        .order_by("pk")
    )


def send_follow_up(base_url, on=None):
    """Queue the follow-up email to each ADOC agent who did not get it in the last
    FOLLOW_UP_EVERY_DAYS days, when there is a term ending or a seat vacant; returns how many
    were queued. Noted in FollowUpSent in the same transaction: a second run the same day
    (or the same week) queues none."""
    from governance.tasks import send_follow_up_email  # tasks imports this module

    on = on or today()
    if not terms_ending(on).exists() and not vacancies(on):
        return 0
    since = on - datetime.timedelta(days=FOLLOW_UP_EVERY_DAYS - 1)
    with transaction.atomic():
        # Two runs at once: the unique (person, day) of FollowUpSent refuses the second.
        agents = list(adoc_agents(on))
        recent = set(
            FollowUpSent.objects.filter(person__in=agents, sent_on__gte=since).values_list(
                "person_id", flat=True
            )
        )
        due = [agent for agent in agents if agent.pk not in recent]
        FollowUpSent.objects.bulk_create([FollowUpSent(person=agent, sent_on=on) for agent in due])
        enqueue_each_after_commit(
            send_follow_up_email,
            [{"person_id": agent.pk, "base_url": base_url} for agent in due],
        )
    return len(due)
