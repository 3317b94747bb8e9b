"""`squaddesk enroll --server URL --code CODE --ca FILE`, as a deployment script runs it, against
the real county server (no Qt here; it shares the county fixture of the wizard tests)."""

from __future__ import annotations

import shutil

from app.cli import main
from app.firstrun import KEPT_CA_NAME

from firstrun_county import SQUAD_NAME  # noqa: E402  (tests/ui/firstrun is on sys.path)


def test_scripted_enrollment_keeps_the_ca_file_and_reports_one_line(county, tmp_path, capsys,
                                                                     secret_service):
    usb = tmp_path / "usb"
    usb.mkdir()
    ca = shutil.copy(county.ca_file, usb / "county-ca.pem")
    data = tmp_path / "data"
    code = main(["--data-dir", str(data), "enroll", "--server", county.url,
                 "--code", county.enroll_code(), "--ca", str(ca)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"本机已登记到县局服务器：{SQUAD_NAME}" in out.out
    shutil.rmtree(usb)                                   # the stick goes back in the drawer
    assert (data / KEPT_CA_NAME).read_bytes() == county.ca_file.read_bytes()
    assert main(["--data-dir", str(data), "sync"]) == 0


def test_scripted_enrollment_with_a_used_code_fails_with_exit_code_2(county, tmp_path, capsys,
                                                                     secret_service):
    used = county.enroll_code()
    assert main(["--data-dir", str(tmp_path / "a"), "enroll", "--server", county.url,
                 "--code", used, "--ca", str(county.ca_file)]) == 0
    assert main(["--data-dir", str(tmp_path / "b"), "enroll", "--server", county.url,
                 "--code", used, "--ca", str(county.ca_file)]) == 2
    assert "错误：" in capsys.readouterr().err


def test_a_missing_ca_file_is_named_before_anything_is_sent(county, tmp_path, capsys,
                                                            secret_service):
    assert main(["--data-dir", str(tmp_path / "data"), "enroll", "--server", county.url,
                 "--code", county.enroll_code(), "--ca", str(tmp_path / "E" / "ca.pem")]) == 2
    assert "找不到证书文件" in capsys.readouterr().err
