"""The first-run wizard walked both ways, as a clerk would: the demo, and enrollment with the real
county server (TLS, its own CA) followed by the first administrator; and every refusal the page
must explain in plain Chinese: a wrong code, a server that is not there, a certificate nobody
vouched for, a server that needs a newer squaddesk; and 取消 before the code is spent."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton, QWizard

from app import __version__
from app.demo import DEMO_HINT, DEMO_PASSWORD, is_demo_folder
from app.errors import SyncFailed, SyncFailure
from app.firstrun import KEPT_CA_NAME, REFUSED, UNTRUSTED, WRONG_CODE, needs_first_run
from app.security.accounts import authenticate
from app.sync import protocol
from app.sync.engine import enrollment, sync_now
from app.versioning import upgrade_message
from ui.firstrun import FirstRunWizard
from ui.firstrun.admin_page import MISMATCH, PASSWORD_OK
from ui.firstrun.common import ADMIN, CHOICE, DONE, ENROLL
from ui.firstrun.enroll_page import CANCELLED, CancellableSession
from ui.login import LoginDialog

from firstrun_county import SQUAD_NAME  # noqa: E402  (tests/ui/firstrun is on sys.path)

ADMIN_PASSWORD = "白头镇2026年巡查不迟到"
STEP_TIMEOUT_MS = 30_000


def _type(qtbot, edit, text: str) -> None:  # noqa: ANN001
    """Keystrokes for ASCII; Chinese arrives the way an input method commits it, as a string."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.setFocus()
        edit.insert(text)


def _wizard(qtbot, opened, **kwargs) -> FirstRunWizard:  # noqa: ANN001
    wizard = FirstRunWizard(opened, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _forward_button(wizard: FirstRunWizard):  # noqa: ANN202
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    return commit if commit.isVisible() else wizard.button(QWizard.WizardButton.NextButton)


def _press_forward(qtbot, wizard: FirstRunWizard) -> None:  # noqa: ANN001
    button = _forward_button(wizard)
    assert button.isEnabled(), f"{button.text()} is disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait_for_step(qtbot, page) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not page.is_busy, timeout=STEP_TIMEOUT_MS)


def _fill_enrollment(qtbot, wizard, *, server: str, code: str, ca: Path | str | None) -> None:  # noqa: ANN001
    page = wizard.enroll_page
    for edit, text in ((page.server_edit, server), (page.ca_edit, str(ca or "")),
                       (page.code_edit, code)):
        edit.clear()
        if text:
            _type(qtbot, edit, text)


def _enroll(qtbot, opened, county, **fill):  # noqa: ANN001, ANN003, ANN202
    wizard = _wizard(qtbot, opened)
    _press_forward(qtbot, wizard)                       # 登记到县局服务器 is the default
    assert wizard.currentId() == ENROLL
    values = {"server": county.url, "code": county.enroll_code(), "ca": county.ca_file} | fill
    _fill_enrollment(qtbot, wizard, **values)
    _press_forward(qtbot, wizard)
    _wait_for_step(qtbot, wizard.enroll_page)
    return wizard


def _create_admin(qtbot, wizard: FirstRunWizard) -> None:  # noqa: ANN001
    page = wizard.admin_page
    _type(qtbot, page.login_edit, "zhangsan")
    _type(qtbot, page.name_edit, "张三")
    _type(qtbot, page.password_edit, ADMIN_PASSWORD)
    _type(qtbot, page.confirm_edit, ADMIN_PASSWORD)
    _press_forward(qtbot, wizard)
    _wait_for_step(qtbot, page)


# ---- the two ways through ----------------------------------------------------------------


def test_demo_mode_seeds_the_demo_squad_and_login_shows_the_demo_accounts(qtbot, opened):
    assert needs_first_run(opened)
    wizard = _wizard(qtbot, opened)
    assert wizard.currentId() == CHOICE
    radio = wizard.choice_page.demo_radio
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert _forward_button(wizard).text() == "打开演示(&O)"
    _press_forward(qtbot, wizard)
    _wait_for_step(qtbot, wizard.choice_page)
    assert wizard.currentId() == DONE
    assert wizard.mode == "demo" and wizard.login_hint == DEMO_HINT
    assert "演示数据已写入" in wizard.done_page.summary_label.text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible() or \
        not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not needs_first_run(opened) and is_demo_folder(opened)

    login = LoginDialog(opened.store, device_id=opened.device_id, squad_id=opened.squad_id,
                        squad_name=opened.prefs.squad_name, hint=wizard.login_hint)
    qtbot.addWidget(login)
    assert DEMO_PASSWORD in login.findChild(type(login.error_label), "demoHint").text()
    _type(qtbot, login.login_edit, "wenshu")
    _type(qtbot, login.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(login.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert login.actor is not None and login.actor.user == "wenshu"


def test_enrollment_then_first_administrator_makes_the_pc_ready_to_log_in(qtbot, opened, county):
    wizard = _enroll(qtbot, opened, county)
    assert wizard.currentId() == ADMIN, wizard.enroll_page.error_label.text()
    assert SQUAD_NAME in wizard.admin_page.squad_label.text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled() or \
        not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    _create_admin(qtbot, wizard)
    assert wizard.currentId() == DONE
    assert wizard.mode == "enrolled" and wizard.login_hint == ""
    assert "zhangsan" in wizard.done_page.summary_label.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    enrolled = enrollment(opened.store)
    assert enrolled is not None and enrolled.squad_id == county.squad_id
    assert opened.squad_id == county.squad_id and opened.prefs.squad_name == SQUAD_NAME
    kept = opened.paths.root / KEPT_CA_NAME            # the USB stick may be pulled out now
    assert enrolled.ca_file == str(kept) and kept.read_bytes() == county.ca_file.read_bytes()
    user = authenticate(opened.store, "zhangsan", ADMIN_PASSWORD, device_id=opened.device_id)
    assert set(user.roles) == {"admin", "clerk"}
    assert sync_now(opened.store).push is not None      # the credential works against the county


def test_a_pc_enrolled_without_its_administrator_starts_at_the_account_page(qtbot, opened, county):
    first = _enroll(qtbot, opened, county)
    assert first.currentId() == ADMIN
    first.close()                                         # the clerk walked away here
    again = _wizard(qtbot, opened)
    assert again.currentId() == ADMIN
    assert SQUAD_NAME in again.admin_page.squad_label.text()
    _create_admin(qtbot, again)
    assert again.currentId() == DONE and again.squad_name == SQUAD_NAME


def test_password_rules_are_shown_while_typing(qtbot, opened, county):
    wizard = _enroll(qtbot, opened, county)
    page = wizard.admin_page
    _type(qtbot, page.login_edit, "lisi")
    _type(qtbot, page.name_edit, "李四")
    _type(qtbot, page.password_edit, "short1")
    assert "至少需要 12 个字符" in page.password_state.text()
    assert not _forward_button(wizard).isEnabled()
    _type(qtbot, page.password_edit, "lisi-long-enough")
    assert "用户名或姓名" in page.password_state.text()
    page.password_edit.clear()
    _type(qtbot, page.password_edit, ADMIN_PASSWORD)
    assert page.password_state.text() == PASSWORD_OK
    _type(qtbot, page.confirm_edit, ADMIN_PASSWORD[:-1])
    assert page.confirm_state.text() == MISMATCH
    assert not _forward_button(wizard).isEnabled()
    _type(qtbot, page.confirm_edit, ADMIN_PASSWORD[-1])
    assert _forward_button(wizard).isEnabled()


# ---- refusals, explained on the page -----------------------------------------------------


def test_a_wrong_code_is_explained_and_the_right_one_then_works(qtbot, opened, county):
    wizard = _enroll(qtbot, opened, county, code="ABCD-EFGH-JKLM")
    page = wizard.enroll_page
    assert wizard.currentId() == ENROLL
    assert page.error_label.isVisible() and page.error_label.text() == WRONG_CODE
    qtbot.waitUntil(lambda: wizard.focusWidget() is page.code_edit, timeout=2000)
    assert enrollment(opened.store) is None
    page.code_edit.clear()
    _type(qtbot, page.code_edit, county.enroll_code())
    _press_forward(qtbot, wizard)
    _wait_for_step(qtbot, page)
    assert wizard.currentId() == ADMIN


def test_a_used_code_is_refused_like_a_wrong_one(qtbot, opened, county, tmp_path):
    code = county.enroll_code()
    _enroll(qtbot, opened, county, code=code)
    from app.bootstrap import open_data_folder
    from app.paths import AppPaths

    other = open_data_folder(AppPaths.in_folder(tmp_path / "other"), log_to_file=False,
                             use_keyring=False)
    try:
        wizard = _enroll(qtbot, other, county, code=code)
        assert wizard.enroll_page.error_label.text() == WRONG_CODE
    finally:
        other.store.dispose()


def test_a_server_that_is_not_there_is_explained(qtbot, opened, county, closed_port_url):
    wizard = _enroll(qtbot, opened, county, server=closed_port_url)
    page = wizard.enroll_page
    assert wizard.currentId() == ENROLL
    where = closed_port_url.split("://")[1]
    assert page.error_label.text() == REFUSED.format(where=where)
    qtbot.waitUntil(lambda: wizard.focusWidget() is page.server_edit, timeout=2000)


def test_a_certificate_from_an_unknown_ca_is_explained(qtbot, opened, county, strange_ca):
    wizard = _enroll(qtbot, opened, county, ca=strange_ca)
    assert wizard.currentId() == ENROLL
    assert wizard.enroll_page.error_label.text() == UNTRUSTED
    wizard.enroll_page.ca_edit.clear()                  # and with no CA file at all: the same
    _press_forward(qtbot, wizard)
    _wait_for_step(qtbot, wizard.enroll_page)
    assert wizard.enroll_page.error_label.text() == UNTRUSTED
    assert enrollment(opened.store) is None


def test_a_server_that_needs_a_newer_squaddesk_says_so(qtbot, opened, county):
    county.require_client("1.2.0")
    try:
        wizard = _enroll(qtbot, opened, county)
    finally:
        county.require_client(__version__)
    text = wizard.enroll_page.error_label.text()
    assert wizard.currentId() == ENROLL
    assert text == (f"县局服务器要求 squaddesk 1.2.0 或更新版本，本机为 {__version__}。"
                    "请向县局索取新版安装程序，安装后再登记本机。")


def test_typing_mistakes_are_caught_before_anything_is_sent(qtbot, opened, county):
    wizard = _enroll(qtbot, opened, county, server="https://county example", code="AB")
    assert "格式不对" in wizard.enroll_page.error_label.text()
    wizard.enroll_page.server_edit.clear()
    _type(qtbot, wizard.enroll_page.server_edit, county.url)
    _press_forward(qtbot, wizard)
    assert "登记码不完整" in wizard.enroll_page.error_label.text()
    wizard.enroll_page.ca_edit.setText(str(county.ca_file.parent / "server-key.pem"))  # a key, not a certificate
    wizard.enroll_page.code_edit.setText("ABCD-EFGH-JKLM")
    _press_forward(qtbot, wizard)
    assert "不是 PEM 格式的证书文件" in wizard.enroll_page.error_label.text()


def test_cancel_before_the_code_is_sent_leaves_the_code_unused(qtbot, opened, county):
    held = threading.Event()
    release = threading.Event()

    class HeldAtInfo(CancellableSession):
        def request(self, method, url, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if url.endswith(protocol.PATH_INFO):
                held.set()
                release.wait(10)
            return super().request(method, url, *args, **kwargs)

    code = county.enroll_code()
    wizard = _wizard(qtbot, opened, session_factory=HeldAtInfo)
    _press_forward(qtbot, wizard)
    _fill_enrollment(qtbot, wizard, server=county.url, code=code, ca=county.ca_file)
    _press_forward(qtbot, wizard)
    qtbot.waitUntil(held.is_set, timeout=5000)
    for held_button in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton,
                        QWizard.WizardButton.CommitButton):
        assert not wizard.button(held_button).isEnabled()
    dialog = wizard.enroll_page.task.dialog
    assert isinstance(dialog, QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    _wait_for_step(qtbot, wizard.enroll_page)
    assert wizard.currentId() == ENROLL
    assert wizard.enroll_page.error_label.text() == CANCELLED
    assert enrollment(opened.store) is None
    _fill_enrollment(qtbot, wizard, server=county.url, code=code, ca=county.ca_file)
    _press_forward(qtbot, wizard)                       # the same code still works
    _wait_for_step(qtbot, wizard.enroll_page)
    assert wizard.currentId() == ADMIN


# ---- the version gate during sync --------------------------------------------------------


def test_sync_stops_with_the_upgrade_notice_when_the_county_raises_its_minimum(qtbot, opened, county):
    wizard = _enroll(qtbot, opened, county)
    assert wizard.currentId() == ADMIN
    county.require_client("1.2.0")
    try:
        with pytest.raises(SyncFailed) as caught:
            sync_now(opened.store)
    finally:
        county.require_client(__version__)
    assert caught.value.kind is SyncFailure.VERSION
    assert str(caught.value) == upgrade_message(__version__, "1.2.0")
    from app.sync import state

    with opened.store.read() as session:
        assert state.status(session).last_error == upgrade_message(__version__, "1.2.0")
