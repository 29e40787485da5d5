from governance.models.bodies import (
    Body,
    BodyKind,
    BodyLink,
    BodyLinkKind,
    Seat,
    SeatMode,
    SeatQuota,
    SeatRole,
)
from governance.models.identity import AllianceIdentity, current_identity
from governance.models.imports import DirectoryImport, ImportKind, ImportStatus
from governance.models.partners import (
    MRC,
    Affiliation,
    College,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
    Sector,
)
from governance.models.preferences import FollowUpSent, Frequency, NotificationPreferences

__all__ = [
    "MRC",
    "Affiliation",
    "AllianceIdentity",
    "Body",
    "BodyKind",
    "BodyLink",
    "BodyLinkKind",
    "College",
    "DirectoryImport",
    "FollowUpSent",
    "Frequency",
    "ImportKind",
    "ImportStatus",
    "NotificationPreferences",
    "Organisation",
    "Person",
    "Representation",
    "RepresentationKind",
    "Seat",
    "SeatMode",
    "SeatQuota",
    "SeatRole",
    "Sector",
    "current_identity",
]
