"""Data-safety facts for `squaddesk check`: keyring, encryption at rest, backups, evidence files.

`security_findings(paths, key=…)` returns (facts, problems), each a list of Chinese sentences, in
the shape app.integrity's CheckReport collects. It reads only; it never creates a key or a backup.
"""

from __future__ import annotations

from datetime import timedelta

from app.clock import utc_now
from app.credentials import backend_description, secure_backend
from app.db.backup import list_backups, verify_backup
from app.errors import StoreError
from app.paths import AppPaths
from app.security.keys import is_plaintext_sqlite

STALE_BACKUP = timedelta(days=3)


def security_findings(paths: AppPaths, *, key: bytes | None) -> tuple[list[str], list[str]]:
    facts: list[str] = []
    problems: list[str] = []
    try:
        secure_backend()
        facts.append(f"系统密钥环可用（{backend_description().rsplit('.', 2)[-2]}）")
    except StoreError as exc:
        problems.append(str(exc))
    if is_plaintext_sqlite(paths.database) or key is None:
        problems.append("数据库未加密：被盗或送修的电脑会泄露当事人信息。请用正式方式启动 squaddesk，使其自动加密。")
    else:
        facts.append("数据库已加密")
    plain_copies = [f.name for f in paths.backups.glob("*.db") if is_plaintext_sqlite(f)] \
        if paths.backups.exists() else []
    if plain_copies:
        problems.append(f"备份文件夹中有 {len(plain_copies)} 个未加密的数据库副本（如 {plain_copies[0]}）。"
                        "请正常启动一次 squaddesk，它会自动加密这些副本。")
    backups = list_backups(paths.backups)
    if not backups:
        problems.append("还没有任何备份。")
    else:
        newest = backups[0]
        if not verify_backup(newest.path, key):
            problems.append(f"最新的备份“{newest.label}”无法打开或已损坏，请立即手动备份一次。")
        elif utc_now() - newest.taken_at > STALE_BACKUP:
            problems.append(f"最新的备份是 {newest.label}，已超过 3 天。")
        else:
            facts.append(f"最新备份 {newest.label} 校验通过，共 {len(backups)} 份备份")
    plain = _plain_evidence(paths)
    if plain:
        problems.append(f"有 {plain} 个证据文件尚未加密。")
    return facts, problems


def _plain_evidence(paths: AppPaths) -> int:
    from app.security.evidence_crypto import is_encrypted

    if not paths.evidence.exists():
        return 0
    return sum(1 for f in paths.evidence.rglob("*")
               if f.is_file() and not f.name.endswith(".partial") and not is_encrypted(f))
