"""`squaddesk check` learns whether keys, encryption, backups and evidence are in order."""

from __future__ import annotations

from app.db import backup as bk
from app.paths import AppPaths
from app.security.evidence_crypto import evidence_cipher
from app.security.health import security_findings
from app.security.keys import database_key, open_store


def test_a_healthy_folder_reports_facts_only(secret_service, tmp_path):
    paths = AppPaths.in_folder(tmp_path / "data")
    store = open_store(paths)
    key = database_key(paths)
    evidence_cipher(paths).encrypt_to(paths.evidence / "x", b"photo")
    bk.make_backup(store, paths.backups, key=key)
    facts, problems = security_findings(paths, key=key)
    store.dispose()
    assert problems == []
    assert any("数据库已加密" in f for f in facts) and any("校验通过" in f for f in facts)


def test_missing_backup_plain_evidence_and_plaintext_db_are_problems(secret_service, tmp_path, migrated_template):
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    paths.database.write_bytes(migrated_template.read_bytes())
    (paths.evidence / "plain").write_bytes(b"unencrypted")
    (paths.backups / "pre-migration-old-squaddesk.db").write_bytes(migrated_template.read_bytes())
    facts, problems = security_findings(paths, key=None)
    text = "".join(problems)
    assert "数据库未加密" in text and "还没有任何备份" in text and "1 个证据文件尚未加密" in text
    assert "1 个未加密的数据库副本" in text
