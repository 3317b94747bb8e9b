"""Every mapped table, imported here so Alembic and the app see one complete metadata."""

from app.db.models.core import AuditEntry, Device, Meta, OutboxEntry, Squad  # noqa: F401
from app.db.models.case_search import CaseSearchRow  # noqa: F401
from app.db.models.security import User  # noqa: F401
from app.db.models.officers import (  # noqa: F401
    AnnualReview,
    Certificate,
    CertificateCheck,
    CertificateStatusEvent,
    Officer,
    OfficerNote,
    TrainingRecord,
)
from app.db.models.sync import ParkedChange, SyncConflict, UploadedEvidence  # noqa: F401
from app.db.models.cases import (  # noqa: F401
    Approval,
    BenchmarkVersion,
    Case,
    CaseParty,
    ClockEvent,
    Evidence,
    InvestigativeAct,
    Party,
    Payment,
    PublicityRecord,
    ViolationItemRef,
)
from app.db.models.documents import Document, NumberBlock, PrintLog, SealUse  # noqa: F401
