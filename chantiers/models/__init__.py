from chantiers.models.chantiers import (
    Chantier,
    ChantierQuerySet,
    ChantierStatus,
    JoinRequest,
    JoinRequestStatus,
)
from chantiers.models.progress import (
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
