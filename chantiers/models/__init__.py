from chantiers.models.chantiers import (
    Chantier,
    ChantierQuerySet,
    ChantierStatus,
    JoinRequest,
    JoinRequestStatus,
)
from chantiers.models.progress import (
    Attachment,
    DecisionKind,
    Milestone,
    Objective,
    ObjectiveStatus,
    ObjectiveUpdate,
    ProgressReport,
    ReportDecision,
    ReportStatus,
    ResultKind,
)

__all__ = [
    "Attachment",
    "Chantier",
    "ChantierQuerySet",
    "ChantierStatus",
    "DecisionKind",
    "JoinRequest",
    "JoinRequestStatus",
    "Milestone",
    "Objective",
    "ObjectiveStatus",
    "ObjectiveUpdate",
    "ProgressReport",
    "ReportDecision",
    "ReportStatus",
    "ResultKind",
]
