"""`squaddesk check`: is this data folder sound? SQLite integrity, the audit chain, evidence files.

Each part returns findings in Chinese; the report folds them into one verdict line for scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app.db.journal import GENESIS_HASH, audit_hash


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def verdict_line(self) -> str:
        if self.ok:
            return "正常：" + "；".join(self.facts)
        return "发现问题：" + "；".join(self.problems)


def check_data_folder(opened) -> CheckReport:  # noqa: ANN001 - app.bootstrap.Opened
    report = CheckReport()
    with opened.store.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        report.facts.append("数据库完整性检查通过")
    else:
        report.problems.append("数据库完整性检查失败：" + "；".join(rows[:5]))
    _check_audit_chain(opened, report)
    _check_evidence(opened, report)
    return report


def _check_audit_chain(opened, report: CheckReport) -> None:  # noqa: ANN001
    try:
        from app.security.audit_check import verify_chain  # noqa: PLC0415
    except ImportError:
        verify_chain = None
    with opened.store.read() as session:
        if verify_chain is not None:
            result = verify_chain(session)
            if result.ok:
                report.facts.append(f"审计链 {result.entries} 条完整")
            else:
                report.problems.extend(result.problems)
            return
        from app.db.models.core import AuditEntry  # noqa: PLC0415

        prev = GENESIS_HASH
        count = 0
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            count += 1
            if entry.prev_hash != prev or audit_hash(entry) != entry.hash:
                report.problems.append(f"审计记录第 {entry.seq} 条被改动，审计链断裂")
                return
            prev = entry.hash
        report.facts.append(f"审计链 {count} 条完整")


def _check_evidence(opened, report: CheckReport) -> None:  # noqa: ANN001
    try:
        from app.cases.evidence import verify_evidence  # noqa: PLC0415
    except ImportError:
        return
    with opened.store.read() as session:
        findings = verify_evidence(session, opened.paths.evidence)
    if findings:
        report.problems.extend(findings)
    else:
        report.facts.append("证据文件完整")
