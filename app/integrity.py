"""`squaddesk check`: is this data folder sound? SQLite integrity, the audit chain, evidence files.

Each part returns findings in Chinese; the report folds them into one verdict line for scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.cases.evidence import verify_evidence
from app.security.audit_check import verify_chain
from app.security.health import security_findings


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


def check_data_folder(opened, *, security: bool = True) -> CheckReport:  # noqa: ANN001
    """`opened` is app.bootstrap.Opened. `security=False` skips the keyring/backup findings (the
    self-test runs on a throw-away key, without the keyring)."""
    report = CheckReport()
    with opened.store.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        report.facts.append("数据库完整性检查通过")
    else:
        report.problems.append("数据库完整性检查失败：" + "；".join(rows[:5]))
    _check_audit_chain(opened, report)
    _check_evidence(opened, report)
    _check_sync_parked(opened, report)
    if security:
        facts, problems = security_findings(opened.paths, key=opened.key)
        report.facts.extend(facts)
        report.problems.extend(problems)
    return report


def _check_audit_chain(opened, report: CheckReport) -> None:  # noqa: ANN001
    with opened.store.read() as session:
        result = verify_chain(session)
    if result.ok:
        report.facts.append(f"审计链 {result.entries} 条完整，{result.rows_checked} 条记录与审计一致")
    else:
        report.problems.extend(p.message for p in result.problems[:5])
        if result.problem_count > 5:
            report.problems.append(f"另有 {result.problem_count - 5} 处问题")


def _check_evidence(opened, report: CheckReport) -> None:  # noqa: ANN001
    with opened.store.read() as session:
        findings = verify_evidence(session, opened.paths.evidence, cipher=opened.evidence_cipher)
    if findings:
        report.problems.extend(f.message for f in findings)
    else:
        report.facts.append("证据文件完整")


def _check_sync_parked(opened, report: CheckReport) -> None:  # noqa: ANN001
    """County changes this PC could not write are no damage, but the data here is incomplete
    until a person fixes what blocks them: say so, with the first reason. A county publication
    that could not be imported (a roster, a benchmark file…) is named first, each one: only the
    county can correct it, and the administrator reading this needs its reason in full."""
    from app.sync.conflicts import incoming_parked  # noqa: PLC0415
    from app.sync.reference import parked_kind  # noqa: PLC0415
    from app.sync.state import incoming_parked_line  # noqa: PLC0415

    with opened.store.read() as session:
        rows = incoming_parked(session)
    if not rows:
        return
    publications = [r for r in rows if parked_kind(r.entity) is not None]
    rows = publications + [r for r in rows if parked_kind(r.entity) is None]
    first = "" if len(rows) == 1 else "第一条："
    report.problems.append(f"{incoming_parked_line(len(rows))}（{first}"
                           f"{rows[0].reason.rstrip('。')}），请在“同步”页查看")
    report.problems.extend(f"{r.reason.rstrip('。')}，请在“同步”页查看" for r in publications[1:])
