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
    Affiliation,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
)
from governance.models.preferences import FollowUpSent, Frequency, NotificationPreferences
from governance.models.territory import College, Sector, Territory, held_in

held_in(Sector, Organisation, "sector")
for _model in (Organisation, Seat, SeatQuota):
    held_in(College, _model, "college")
    held_in(Territory, _model, "mrc")

__all__ = [
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
    "Territory",
    "current_identity",
]
