"""`squaddesk self-test`: prove an installation works, without touching the clerk's data.

Opens a fresh data folder in a temporary directory (encrypted with a throw-away key, so the OS
keyring is not needed and not touched), migrates it, writes a journaled row, checks it, renders one
document to PDF and checks the PDF's hash is stable. The GUI part (ui.selftest) adds an offscreen
window. Used by the installer's smoke test and by administrators after installing.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import __version__
from app.errors import AppError


class SelfTestFailed(AppError):
    """The installation is broken; the message says which step failed."""


@dataclass
class SelfTestReport:
    steps: list[tuple[str, float]] = field(default_factory=list)

    def line(self) -> str:
        parts = "，".join(f"{name} {ms:.0f} ms" for name, ms in self.steps)
        return f"squaddesk {__version__} 自检通过：{parts}"


def run_self_test(extra: Callable[[Path], None] | None = None) -> SelfTestReport:
    from app.bootstrap import open_data_folder  # noqa: PLC0415
    from app.db.models.core import Squad  # noqa: PLC0415
    from app.integrity import check_data_folder  # noqa: PLC0415
    from app.paths import AppPaths  # noqa: PLC0415

    report = SelfTestReport()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.steps.append((name, (now - clock) * 1000))
        clock = now

    with tempfile.TemporaryDirectory(prefix="squaddesk-selftest-") as tmp:
        opened = open_data_folder(AppPaths.in_folder(Path(tmp) / "data"), log_to_file=False,
                                  key=secrets.token_bytes(32), use_keyring=False)
        step("建库迁移")
        actor = opened.system_actor("自检")
        with opened.store.write(actor, "selftest.write", origin="sync") as session:
            session.add(Squad(id=opened.squad_id, squad_id=opened.squad_id, name="自检中队",
                              issuing_authority="自检机关", revision=1,
                              updated_at=_now(), updated_by="自检"))
        result = check_data_folder(opened, security=False)
        if not result.ok:
            raise SelfTestFailed("自检失败：" + result.verdict_line())
        step("写入与校验")
        first, second = _render_twice()
        if first != second:
            raise SelfTestFailed("自检失败：同一文书两次生成的 PDF 不一致")
        (Path(tmp) / "selftest.pdf").write_bytes(first)
        step("文书生成")
        _check_sync_code()
        step("同步模块")
        if extra is not None:
            extra(Path(tmp))
            step("界面")
        opened.store.dispose()
    return report


def _render_twice() -> tuple[bytes, bytes]:
    from app.documents import templates  # noqa: PLC0415
    from app.documents.render import render_document  # noqa: PLC0415
    from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context, sample_number  # noqa: PLC0415

    template = templates.load("service_receipt")
    out = []
    for _ in range(2):
        rendered = render_document(template, sample_context("service_receipt"),
                                   doc_id="00000000-0000-4000-8000-5e1f7e570001",
                                   issue_date=SAMPLE_ISSUE_DATE,
                                   number=sample_number("service_receipt"))
        out.append(rendered.pdf)
    return out[0], out[1]


def _check_sync_code() -> None:
    """A bundle missing a sync dependency (pydantic, requests, the HTTPS root certificates) must
    fail here, not at the clerk's first enrollment."""
    import certifi  # noqa: PLC0415

    from app.sync import protocol  # noqa: PLC0415
    from app.sync.client import SyncClient  # noqa: PLC0415

    protocol.ServerInfo.model_json_schema()
    with SyncClient("https://127.0.0.1:9", ca_path=None):
        pass
    if not Path(certifi.where()).exists():
        raise SelfTestFailed("自检失败：缺少 HTTPS 根证书文件")


def _now():  # noqa: ANN202
    from app.clock import utc_now  # noqa: PLC0415

    return utc_now()
