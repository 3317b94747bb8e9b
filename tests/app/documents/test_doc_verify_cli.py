"""`squaddesk verify FILE.pdf` on a real data folder: genuine, tampered, unknown."""

from __future__ import annotations

from datetime import date

import pytest

from app.bootstrap import open_data_folder
from app.cli import main
from app.context import Actor
from app.documents.numbering import LocalBlockSource
from app.documents.samples import sample_context
from app.documents.service import approve, create_draft, issue, pdf_path
from app.paths import AppPaths

pytestmark = pytest.mark.usefixtures("secret_service")


def test_verify_subcommand_tells_genuine_from_tampered(tmp_path, capsys):
    paths = AppPaths.in_folder(tmp_path / "data")
    opened = open_data_folder(paths, log_to_file=False)
    actor = Actor(user="陈明", squad_id=opened.squad_id, device_id=opened.device_id,
                  roles=frozenset({"leader"}))
    with opened.store.write(actor, "document.issue") as session:
        doc = create_draft(session, actor, doc_type="penalty_decision",
                           context=sample_context("penalty_decision"))
        approve(session, actor, doc.id)
        issue(session, actor, doc.id, paths=paths, prefs=opened.prefs,
              source=LocalBlockSource(tmp_path / "leases.json"), issue_date=date(2026, 4, 8))
        sha = doc.pdf_sha256
    opened.store.dispose()
    genuine = pdf_path(paths, sha)
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(genuine.read_bytes().replace(b"/Producer (squaddesk)", b"/Producer (squaddesX)"))
    stranger = tmp_path / "stranger.pdf"
    stranger.write_bytes(b"%PDF-1.4\n%%EOF\n")

    assert main(["--data-dir", str(paths.root), "verify", str(genuine)]) == 0
    assert capsys.readouterr().out.startswith("genuine")
    assert main(["--data-dir", str(paths.root), "verify", str(tampered)]) == 1
    assert capsys.readouterr().out.startswith("tampered")
    assert main(["--data-dir", str(paths.root), "verify", str(stranger)]) == 3
    assert capsys.readouterr().out.startswith("unknown")
