"""The access log: one row (one INSERT) each time staff see someone else's information."""

from django.dispatch import receiver

from governance.models import Organisation, Person
from governance.signals import personal_info_viewed
from infrastructure import pagecache
from privacy.models import AccessKind, AccessLog


def log_access(request, kind, person=None, organisation=None, meeting=None):
    """Record that the ADOC team or an administrator saw someone else's information.

    The roles are already cached on the user by the permission check: no query but the INSERT.
    A partner seeing what a person chose to share, or anyone seeing their own, is not logged.
    """
    user = request.user
    if not user.has_perm("governance.manage_directory"):
        return None
    if person is not None and person.user_id == user.pk:
        return None
    # Logged at every visit: the page may not be handed back from the page cache.
    pagecache.dont_keep(request)
    return AccessLog.objects.create(
        viewer=user,
        kind=kind,
        person=person,
        organisation=organisation,
        meeting=meeting,
        path=request.get_full_path()[:300],
    )


@receiver(personal_info_viewed)
def personal_info_viewed_received(sender, request, instance, **kwargs):
    if sender is Person and instance is None:  # the directory's people, exported
        log_access(request, AccessKind.DIRECTORY)
    elif sender is Person:
        log_access(request, AccessKind.PERSON, person=instance)
    elif sender is Organisation:
        log_access(request, AccessKind.ORGANISATION, organisation=instance)
    else:  # meetings.Meeting: its attendance list
        log_access(request, AccessKind.ATTENDANCE, meeting=instance)
