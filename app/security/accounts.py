"""Local accounts: create, log in (with lock-out), change or reset a password, and the Actor.

Login failures must be *recorded even though the login fails*, so `authenticate` takes the Store
and owns its transaction (the one exception to "services take a session"): a raise inside
`store.write` would roll back the failed-attempt counter. Every change to an account, including
each failed attempt and each lock-out, goes through the journal and is audited.

Messages never say whether it was the login or the password that was wrong, and an unknown login
costs one scrypt like a known one, so accounts cannot be enumerated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import to_china, utc_now
from app.context import Actor
from app.db.models.security import User
from app.db.store import Store
from app.errors import Forbidden, Invalid, NotFound
from app.security import passwords
from app.security.roles import Permission, Role, require

MAX_FAILURES = 5
LOCK_MINUTES = 15
LOGIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")

WRONG = "用户名或密码不正确。"
LOCKED = "连续输错密码 {n} 次，账户已锁定 {m} 分钟，请于 {until} 后再试，或请管理员解锁。"
INACTIVE = "该账户已停用，请联系管理员。"


def _clean_login(login: str) -> str:
    login = login.strip().lower()
    if not 2 <= len(login) <= 64 or not set(login) <= LOGIN_CHARS:
        raise Invalid("用户名须为 2–64 个小写字母、数字或 . _ -（如 zhangsan）。")
    return login


def _clean_roles(roles: Iterable[str | Role]) -> list[str]:
    cleaned = sorted({Role(r).value for r in roles})
    if not cleaned:
        raise Invalid("至少要选择一个角色。")
    return cleaned


def _locked_message(user: User) -> str:
    until = to_china(user.locked_until).strftime("%H:%M") if user.locked_until else ""
    return LOCKED.format(n=MAX_FAILURES, m=LOCK_MINUTES, until=until)


def find_user(session: Session, login: str) -> User | None:
    return session.scalar(select(User).where(User.login == login.strip().lower()))


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User).where(User.deleted.is_(False))))


def create_user(
    session: Session,
    *,
    login: str,
    display_name: str,
    roles: Iterable[str | Role],
    password: str,
    actor: Actor | None,
) -> User:
    """Add an account. Needs MANAGE_USERS, except for the very first account of a fresh store,
    which must be an administrator (actor may then be None). The caller commits."""
    if has_users(session):
        if actor is None:
            raise Forbidden("已有用户，新建账户须由管理员登录后操作。")
        require(actor, Permission.MANAGE_USERS)
    elif Role.ADMIN.value not in _clean_roles(roles):
        raise Invalid("第一个账户必须是管理员。")
    login = _clean_login(login)
    display_name = display_name.strip()
    if not display_name:
        raise Invalid("请填写姓名。")
    if find_user(session, login) is not None:
        raise Invalid(f"用户名“{login}”已被使用。")
    passwords.check_password_rules(password, login=login, display_name=display_name)
    user = User(
        login=login,
        display_name=display_name,
        roles=_clean_roles(roles),
        password_hash=passwords.hash_password(password),
        password_changed_at=utc_now(),
        failed_count=0,
        active=True,
    )
    session.add(user)
    return user


def authenticate(store: Store, login: str, password: str, *, device_id: str,
                 now: datetime | None = None) -> User:
    """Check a login; on success returns the (detached) User. Raises Forbidden with a Chinese
    message on failure, after the failure has been committed and audited."""
    now = now or utc_now()
    system = Actor(user=login.strip().lower()[:64] or "?", squad_id="", device_id=device_id)
    failure: str | None = None
    with store.write(system, "user.login") as session:
        user = find_user(session, login)
        if user is None or user.deleted:
            passwords.verify_password(password, passwords.dummy_hash())
            failure = WRONG
        elif user.locked_until is not None and user.locked_until > now:
            failure = _locked_message(user)  # not even checked: no guessing during a lock-out
        elif not passwords.verify_password(password, user.password_hash):
            user.failed_count = (user.failed_count or 0) + 1
            if user.failed_count >= MAX_FAILURES:
                user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                user.failed_count = 0
                session.info["action"] = "user.locked_out"
                failure = _locked_message(user)
            else:
                session.info["action"] = "user.login_failed"
                left = MAX_FAILURES - user.failed_count
                failure = f"{WRONG}再输错 {left} 次，账户将被锁定 {LOCK_MINUTES} 分钟。"
        elif not user.active:
            failure = INACTIVE
        else:
            if user.failed_count or user.locked_until is not None:
                user.failed_count = 0
                user.locked_until = None
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(password)
    if failure is not None:
        raise Forbidden(failure)
    return user


def change_password(session: Session, user_id: str, *, old_password: str, new_password: str) -> User:
    """The user changes their own password (must know the old one). The caller commits."""
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise NotFound("账户不存在。")
    if not passwords.verify_password(old_password, user.password_hash):
        raise Forbidden("原密码不正确，密码未修改。")
    if old_password == new_password:
        raise Invalid("新密码不能与原密码相同。")
    passwords.check_password_rules(new_password, login=user.login, display_name=user.display_name)
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = utc_now()
    return user


def reset_password(session: Session, user_id: str, *, new_password: str, actor: Actor) -> User:
    """An administrator sets a new password and lifts a lock-out. The caller commits."""
    require(actor, Permission.MANAGE_USERS)
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise NotFound("账户不存在。")
    passwords.check_password_rules(new_password, login=user.login, display_name=user.display_name)
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = utc_now()
    user.failed_count = 0
    user.locked_until = None
    return user


def set_roles(session: Session, user_id: str, *, roles: Iterable[str | Role], actor: Actor) -> User:
    """Change an account's roles (audited). An administrator cannot remove their own admin role,
    so a squad is never left without one. The caller commits."""
    require(actor, Permission.MANAGE_USERS)
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise NotFound("账户不存在。")
    cleaned = _clean_roles(roles)
    if user.login == actor.user and Role.ADMIN.value not in cleaned:
        raise Invalid("不能取消自己的管理员角色，请由另一位管理员操作。")
    user.roles = cleaned
    return user


def set_active(session: Session, user_id: str, *, active: bool, actor: Actor) -> User:
    require(actor, Permission.MANAGE_USERS)
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise NotFound("账户不存在。")
    if user.login == actor.user and not active:
        raise Invalid("不能停用自己的账户。")
    user.active = active
    return user


def actor_for(user: User, device: object, squad: object) -> Actor:
    """The Actor a logged-in user acts as. `device` and `squad` are ids or rows with `.id`."""
    device_id = device if isinstance(device, str) else device.id  # type: ignore[attr-defined]
    squad_id = squad if isinstance(squad, str) else squad.id  # type: ignore[attr-defined]
    if not user.active or user.deleted:
        raise Forbidden(INACTIVE)
    return Actor(user=user.login, squad_id=squad_id, device_id=device_id,
                 roles=frozenset(user.roles or ()))
