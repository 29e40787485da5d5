"""The lists of people invited to meetings not held yet follow the seats as they change
(through the portal, the admin or a script's save): a seat that ends before a meeting's day
takes its holder off that meeting's list, a new one puts its holder on it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from governance.models import BodyKind, Representation, Seat
from meetings.models import Meeting, MeetingStatus


def _follow(meetings):
    for meeting in meetings.filter(
        status__in=[MeetingStatus.PLANNED, MeetingStatus.CONVENED], ends__gte=timezone.now()
    ).select_related("body"):
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
            if locked.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED):
                locked.sync_attendance()


def seat_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _follow(Meeting.objects.filter(body_id=instance.body_id))


def representation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _follow(Meeting.objects.filter(body__kind=BodyKind.ASSEMBLY))


def connect():
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(seat_changed, sender=Seat, dispatch_uid=f"meetings-seats-{name}")
        signal.connect(
            representation_changed, sender=Representation, dispatch_uid=f"meetings-delegates-{name}"
        )
