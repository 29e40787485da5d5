from chantiers.models.chantiers import (
    Chantier,
    ChantierQuerySet,
    ChantierStatus,
    JoinRequest,
    JoinRequestStatus,
)
from chantiers.models.progress import (
    Attachment,
    Decision,
    DecisionKind,
    Milestone,
    Objective,
    ObjectiveStatus,
    ObjectiveUpdate,
    ProgressReport,
    ReportStatus,
    ResultKind,
)

__all__ = [
    "Attachment",
    "Chantier",
    "ChantierQuerySet",
    "ChantierStatus",
    "Decision",
    "DecisionKind",
    "JoinRequest",
    "JoinRequestStatus",
    "Milestone",
    "Objective",
    "ObjectiveStatus",
    "ObjectiveUpdate",
    "ProgressReport",
    "ReportStatus",
    "ResultKind",
]
