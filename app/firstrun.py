"""First start on a PC with no accounts: enroll with the county (or open the demo), then create the
first local administrator. Qt-free; the wizard in ui/firstrun/ calls these, one step each.

Enrollment itself is app.sync.enroll.enroll; this module checks what the clerk typed before it is
sent, keeps the county's CA file inside the data folder (a USB stick does not stay plugged in),
and turns a refusal into words that say what to do next.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from app.errors import AppError, Invalid, SyncFailed, SyncFailure
from app.security.roles import Role
from app.versioning import ClientTooOld

log = logging.getLogger(__name__)

KEPT_CA_NAME = "county-ca.pem"
FIRST_RUN_USER = "首次设置"

CODE_MISSING = "请填写县局管理员发放的一次性登记码（形如 ABCD-EFGH-JKLM）。"
CODE_TOO_SHORT = "登记码不完整，请核对后重新输入（形如 ABCD-EFGH-JKLM）。"
SERVER_MISSING = "请填写县局服务器地址，如 https://county.example:8443。"
SERVER_BAD = "服务器地址“{text}”格式不对，应形如 https://county.example:8443。"
CA_MISSING = "找不到证书文件“{path}”，请重新选择。"
CA_BAD = "“{name}”不是 PEM 格式的证书文件（应以 -----BEGIN CERTIFICATE----- 开头），请选择县局提供的 CA 证书。"

WRONG_CODE = ("登记码无效、已使用或已过期。请核对后重新输入；每个登记码只能用一次，"
              "如仍不行，请县局管理员重新发放一个登记码。")
REFUSED = ("无法连接县局服务器 {where}：对方拒绝连接。请确认地址和端口是否正确、"
           "县局服务器是否已启动。")
NO_SUCH_HOST = "找不到县局服务器“{host}”。请检查服务器地址是否输错，以及本机网络是否连通。"
TIMED_OUT = ("连接县局服务器 {where} 超时。请检查本机网络是否连通（可试着打开其他网站），"
             "稍后再试；如仍不行，请联系县局。")
UNREACHABLE = "无法连接县局服务器 {where}。请检查服务器地址和本机网络，稍后再试。"
UNTRUSTED = ("无法验证县局服务器的证书，为安全起见没有连接。如果县局使用自己的证书，请在“CA 证书”处"
             "选择县局提供的证书文件；如已选择，请确认文件和服务器地址都正确。")
SERVER_TROUBLE = "县局服务器暂时出错，请稍后再试；如仍不行，请联系县局。（{why}）"


@dataclass(frozen=True)
class EnrollInput:
    server_url: str
    code: str
    ca_file: str | None


def needs_first_run(opened) -> bool:  # noqa: ANN001 - app.bootstrap.Opened
    """True on a PC where nobody can log in yet (a demo folder always has its accounts)."""
    from app.security.accounts import has_users  # noqa: PLC0415

    with opened.store.read() as session:
        return not has_users(session)


def enrolled_squad_name(opened) -> str | None:  # noqa: ANN001
    """The squad this PC is already enrolled to (enrolled, but the admin was never created)."""
    from app.sync import state  # noqa: PLC0415
    from app.sync.engine import enrollment  # noqa: PLC0415

    if enrollment(opened.store) is None:
        return None
    with opened.store.read() as session:
        return state.get(session, state.K_SQUAD_NAME) or "县局服务器"


def normalise_server_url(text: str) -> str:
    """'county.example:8443' → 'https://county.example:8443'; Invalid when it cannot be an address."""
    text = text.strip()
    if not text:
        raise Invalid(SERVER_MISSING)
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise Invalid(SERVER_BAD.format(text=text)) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in text or (
            port is not None and not 0 < port < 65536):
        raise Invalid(SERVER_BAD.format(text=text))
    return text.rstrip("/")


def check_code(text: str) -> str:
    code = text.strip()
    if not code:
        raise Invalid(CODE_MISSING)
    if sum(ch.isalnum() for ch in code) < 4:
        raise Invalid(CODE_TOO_SHORT)
    return code


def check_ca_file(path: str) -> str | None:
    """None when no file was chosen; Invalid unless it is a readable PEM certificate."""
    path = path.strip()
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        raise Invalid(CA_MISSING.format(path=path))
    try:
        head = file.read_bytes()[:65536]
    except OSError:
        raise Invalid(CA_MISSING.format(path=path)) from None
    if b"-----BEGIN CERTIFICATE-----" not in head:
        raise Invalid(CA_BAD.format(name=file.name))
    return str(file)


def check_enroll_input(server: str, code: str, ca_file: str) -> EnrollInput:
    return EnrollInput(normalise_server_url(server), check_code(code), check_ca_file(ca_file))


def keep_ca_file(paths, chosen: str | None) -> str | None:  # noqa: ANN001 - app.paths.AppPaths
    """Copy the chosen CA file into the data folder, so sync still works once the USB stick is
    gone; returns the path to give to enrollment."""
    if chosen is None:
        return None
    target = paths.root / KEPT_CA_NAME
    if Path(chosen).resolve() != target.resolve():
        shutil.copyfile(chosen, target)
    return str(target)


def enroll_this_pc(opened, entered: EnrollInput, *, session: requests.Session | None = None):  # noqa: ANN001, ANN201
    """Enroll with the county (app.sync.enroll.enroll) and bring `opened` up to date: squad id and
    the squad name shown at login. Network and a database write: run it off the GUI thread.
    Raises SyncFailed (see explain_enrollment_failure) or AppError."""
    from app.sync.enroll import enroll  # noqa: PLC0415

    ca_file = keep_ca_file(opened.paths, entered.ca_file)
    done = enroll(entered.server_url, entered.code, ca_file, opened.store, opened.paths,
                  session=session)
    prefs = type(opened.prefs).load(opened.paths.settings_file)   # enroll saved the server there
    prefs.squad_name = done.squad_name
    prefs.save(opened.paths.settings_file)
    opened.prefs = prefs
    opened.squad_id = done.squad_id
    return done


def explain_enrollment_failure(exc: BaseException, server_url: str) -> str | None:
    """The words for the wizard page when enrollment failed; None for an unexpected error (the
    caller logs it and shows the generic message)."""
    if isinstance(exc, ClientTooOld):
        return exc.before_enrollment()
    if isinstance(exc, SyncFailed):
        cause = exc.__context__   # SyncClient raises `from None`: the cause is hidden, not lost
        if isinstance(cause, requests.exceptions.SSLError):
            return UNTRUSTED
        if exc.kind is SyncFailure.NETWORK:
            return _network_words(cause, server_url)
        if exc.kind is SyncFailure.AUTH:
            return WRONG_CODE
        if exc.kind is SyncFailure.VERSION:
            return str(exc)
        return SERVER_TROUBLE.format(why=str(exc).rstrip("。"))
    if isinstance(exc, AppError):
        return str(exc)
    return None


def _network_words(cause: BaseException | None, server_url: str) -> str:
    parts = urlsplit(server_url)
    where = parts.netloc or server_url
    if isinstance(cause, requests.Timeout):
        return TIMED_OUT.format(where=where)
    # urllib3's reason, by name: urllib3 is requests' dependency, not ours to import.
    reason = getattr(cause.args[0], "reason", None) if cause is not None and cause.args else None
    kind = type(reason).__name__
    text = f"{reason!r} {cause!r}"
    if kind == "NameResolutionError" or any(
            word in text for word in ("Name or service not known", "getaddrinfo failed",
                                      "nodename nor servname", "Temporary failure in name")):
        return NO_SUCH_HOST.format(host=parts.hostname or server_url)
    if "refused" in text.lower() or "10061" in text:
        return REFUSED.format(where=where)
    if kind == "ConnectTimeoutError":
        return TIMED_OUT.format(where=where)
    return UNREACHABLE.format(where=where)


def create_first_admin(opened, *, login: str, display_name: str, password: str,  # noqa: ANN001
                       also_clerk: bool = True) -> str:
    """The first account of this PC, an administrator (and, by default, 内勤 too: in a township
    squad the clerk usually keeps the PC). Returns the login. Raises Invalid with the rule broken."""
    from app.security.accounts import create_user  # noqa: PLC0415

    roles = [Role.ADMIN] + ([Role.CLERK] if also_clerk else [])
    actor = opened.system_actor(FIRST_RUN_USER)
    with opened.store.write(actor, "user.create_first_admin",
                            summary=f"首次设置：建立管理员账户 {login.strip().lower()}") as session:
        user = create_user(session, login=login, display_name=display_name, roles=roles,
                           password=password, actor=None)
        session.flush()
        return user.login


def open_demo(opened) -> str:  # noqa: ANN001
    """Seed the demo squad into this data folder; returns the summary line."""
    from app.demo import seed_demo  # noqa: PLC0415

    return seed_demo(opened)
