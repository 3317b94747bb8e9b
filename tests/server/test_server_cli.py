"""`squaddesk-server` administration commands against the PostgreSQL test database."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest
from sqlalchemy import select

from app.server.cli import main
from app.server.models import Device, LeaseSetting, ReferencePublication, Squad


@pytest.fixture
def cli(pg_database, sessions, capsys):
    def run(*argv: str) -> tuple[int, str]:
        code = main(["--db", pg_database.url, *argv])
        out = capsys.readouterr()
        return code, out.out + out.err
    return run


def test_admin_commands_set_up_a_squad_end_to_end(cli, sessions, tmp_path, client):
    assert cli("migrate")[0] == 0
    code, out = cli("create-squad", "城关中队", "--authority", "某县综合行政执法局", "--authority-short", "某综执")
    assert code == 0
    squad_id = out.strip()
    code, out = cli("enroll-code", "城关中队", "--hours", "2")
    enroll_code = out.strip().rsplit("：", 1)[1]
    enrolled = client.post("/enroll", json={"code": enroll_code, "device_name": "PC", "client_version": "0.1.0"})
    assert enrolled.status_code == 200 and enrolled.json()["squad_id"] == squad_id

    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,执法证号,中队\n张三,51000001,城关中队\n", encoding="utf-8-sig")
    assert cli("import-officers", str(roster))[0] == 0
    holidays = tmp_path / "holidays.json"
    holidays.write_text(json.dumps({"2026-10-10": "workday"}), encoding="utf-8")
    assert cli("publish", "holidays", str(holidays))[0] == 0
    assert cli("publish", "holidays", str(holidays))[0] == 0
    assert cli("lease", "--size", "25", "--squad", "城关中队", "--doc-type", "罚决")[0] == 0
    assert cli("conflicts")[0] == 0
    code, out = cli("devices", "--squad", "城关中队")
    assert code == 0 and enrolled.json()["device_id"] in out and "从未同步" in out
    assert "城关中队" in cli("squads")[1]
    assert cli("revoke-device", enrolled.json()["device_id"])[0] == 0
    with sessions() as s:
        assert s.get(Squad, squad_id).authority_short == "某综执"
        versions = s.scalars(select(ReferencePublication.version).where(ReferencePublication.kind == "holidays")).all()
        assert sorted(versions) == [1, 2]
        assert s.get(LeaseSetting, (squad_id, "罚决")).size == 25
        assert s.get(Device, enrolled.json()["device_id"]).revoked


def test_errors_are_reported_in_chinese_with_exit_code_1(cli):
    code, out = cli("enroll-code", "不存在的中队")
    assert code == 1 and "找不到中队" in out


def test_missing_evidence_lists_rows_whose_file_never_completed(cli, enroll, client):
    pc = enroll()
    sha = hashlib.sha256(b"photo").hexdigest()
    pc.push(pc.op("evidence", str(uuid.uuid4()), fields={"sha256": sha, "file_name": "a.jpg", "size": 5}))
    code, out = cli("missing-evidence")
    assert code == 1 and sha in out
    client.post("/evidence/uploads", json={"sha256": sha, "size": 5}, headers=pc.headers)
    client.put(f"/evidence/uploads/{sha}/chunks/0", content=b"photo", headers=pc.headers)
    client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers)
    assert cli("missing-evidence")[0] == 0
