"""`squaddesk enroll` and `squaddesk sync` end to end: the real county server process over TLS,
the real OS keyring, a data folder with demo data; then the status line."""

from __future__ import annotations

import pytest

from app.cli import main
from app.server import accounts
from app.server.db import make_engine, make_sessions
from realserver import start_server

pytestmark = pytest.mark.usefixtures("secret_service")


def test_enroll_then_sync_from_the_command_line(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "sync", "--status"]) == 0
    assert "未登记" in capsys.readouterr().out
    assert main(["--data-dir", data, "sync"]) == 2          # not enrolled: a plain refusal
    assert "尚未登记" in capsys.readouterr().err
    assert main(["--data-dir", data, "demo-data", "--cases", "3"]) == 0
    capsys.readouterr()
    with start_server(tmp_path / "county" if (tmp_path / "county").mkdir() is None else None) as server:
        engine = make_engine(server.db_url)
        with make_sessions(engine).begin() as session:
            squad = accounts.create_squad(session, "怀远中队")
            code = accounts.make_enrollment_code(session, squad.id)
        engine.dispose()
        args = ["--data-dir", data, "enroll", "--server", server.url, "--code", code]
        if server.ca:
            args += ["--ca", server.ca]
        assert main(args) == 0
        assert "本机已登记到县局服务器：怀远中队" in capsys.readouterr().out
        assert main(["--data-dir", data, "sync"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("同步完成：上传") and "待上传 0" in out, out
        assert "需要处理" not in out and "冲突" not in out, out
        assert main(["--data-dir", data, "enroll", "--server", server.url, "--code", code,
                     *(["--ca", server.ca] if server.ca else [])]) == 2     # a code works once
        assert "无效" in capsys.readouterr().err
