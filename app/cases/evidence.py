"""Evidence files stored once by SHA-256 under the data folder's evidence directory, never modified.

Layout: `<root>/<first two hex>/<sha256>`. A file is written to a temporary name in the same
folder, fsynced, then renamed, so a crash never leaves a half-written file under its real name.
When an `EvidenceCipher` is given the file is encrypted at rest (AES-GCM); the address is still
the SHA-256 of the plaintext, so dedup and verification are the same either way.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.common import get_case, require_text
from app.cases.views import EvidenceView
from app.context import Actor
from app.db.fsutil import fsync_dir, remove_quietly
from app.db.models.cases import Evidence, InvestigativeAct
from app.domain.procedure import Stage
from app.errors import Invalid, NotFound
from app.security.roles import Permission, require

# 《行政处罚法》第四十六条: the eight kinds of evidence.
EVIDENCE_TYPES = ("书证", "物证", "视听资料", "电子数据", "证人证言", "当事人的陈述", "鉴定意见", "勘验笔录、现场笔录")
_CHUNK = 1 << 20
CLOSED_STAGES = {Stage.CLOSED, Stage.ARCHIVED, Stage.NOT_FILED, Stage.REVOKED}


def evidence_path(root: Path, sha256: str) -> Path:
    """Where the file with this content lives (the sync client uses the same layout)."""
    return Path(root) / sha256[:2] / sha256


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_plain(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with open(source, "rb") as src, open(tmp, "wb") as out:
            for block in iter(lambda: src.read(_CHUNK), b""):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        remove_quietly(tmp)
        raise


def store_file(root: Path, source: Path, *, cipher=None) -> tuple[str, int]:  # noqa: ANN001
    """Put `source` in the content-addressed store (once); returns (sha256, size)."""
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"找不到证据文件：{source}")
    sha = file_sha256(source)
    target = evidence_path(root, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        if cipher is not None:
            written = cipher.encrypt_to(target, source)
            if written != sha:
                remove_quietly(target)
                raise Invalid(f"证据文件{source.name}在保存过程中被改动，请重新添加")
        else:
            _write_plain(source, target)
    return sha, source.stat().st_size


def add_evidence(
    session: Session,
    actor: Actor,
    case_id: str,
    source: Path,
    *,
    root: Path,
    evidence_type: str,
    description: str = "",
    captured_at: datetime | None = None,
    place: str = "",
    officer_ids: Sequence[str] = (),
    device: str = "",
    act_id: str | None = None,
    file_name: str | None = None,
    cipher=None,  # noqa: ANN001 - app.security.evidence_crypto.EvidenceCipher
) -> EvidenceView:
    """Register an evidence file for a case. The same content twice in one case is refused; the
    same content in another case is stored once and referenced twice."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if Stage(case.stage) in CLOSED_STAGES:
        raise Invalid(f"案件处于“{Stage(case.stage).label}”阶段，不能再添加证据")
    if evidence_type not in EVIDENCE_TYPES:
        raise Invalid(f"证据种类应为：{'、'.join(EVIDENCE_TYPES)}（第四十六条）")
    if act_id is not None:
        act = session.get(InvestigativeAct, act_id)
        if act is None or act.case_id != case.id:
            raise NotFound("所关联的调查取证记录不属于本案")
    sha, size = store_file(root, Path(source), cipher=cipher)
    duplicate = session.scalars(
        select(Evidence).where(Evidence.case_id == case.id, Evidence.sha256 == sha,
                               Evidence.deleted.is_(False))
    ).first()
    if duplicate is not None:
        raise Invalid(f"该文件已作为证据“{duplicate.file_name}”登记在本案中")
    name = require_text(file_name or Path(source).name, "文件名")
    row = Evidence(
        case_id=case.id, sha256=sha, file_name=name, evidence_type=evidence_type,
        description=description.strip(), captured_at=captured_at, place=place.strip(),
        officer_ids=list(officer_ids), device=device.strip(), act_id=act_id, size=size,
        mime=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    session.add(row)
    session.flush()
    return EvidenceView(
        row.id, sha, row.file_name, row.evidence_type, row.description, row.captured_at, row.place,
        tuple(row.officer_ids), row.device, row.act_id, row.size, row.mime,
    )


@dataclass(frozen=True)
class EvidenceProblem:
    evidence_id: str
    case_id: str
    file_name: str
    sha256: str
    problem: str  # "missing" | "altered"
    message: str

    def __str__(self) -> str:  # reports list problems as text
        return self.message


def verify_evidence(session: Session, root: Path, *, cipher=None) -> list[EvidenceProblem]:  # noqa: ANN001
    """Every registered evidence file that is missing or no longer matches its SHA-256.

    Read-only; `squaddesk check` reports the result. Each content is checked once even when
    several cases reference it.
    """
    rows = session.scalars(select(Evidence).where(Evidence.deleted.is_(False))).all()
    verdict: dict[str, str | None] = {}
    problems: list[EvidenceProblem] = []
    for row in rows:
        if row.sha256 not in verdict:
            path = evidence_path(root, row.sha256)
            if not path.is_file():
                verdict[row.sha256] = "missing"
            elif cipher is not None:
                verdict[row.sha256] = None if cipher.verify(path, row.sha256) else "altered"
            else:
                verdict[row.sha256] = None if file_sha256(path) == row.sha256 else "altered"
        problem = verdict[row.sha256]
        if problem:
            text = "文件缺失" if problem == "missing" else "文件内容与登记的SHA-256不符，可能已被改动"
            problems.append(EvidenceProblem(
                row.id, row.case_id, row.file_name, row.sha256, problem,
                f"证据“{row.file_name}”{text}",
            ))
    return problems
