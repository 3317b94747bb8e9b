"""Local accounts: password rules, lock-out after five failures, roles carried into the Actor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.clock import utc_now
from app.context import Actor
from app.db.models import AuditEntry
from app.db.models.security import User
from app.errors import Forbidden, Invalid
from app.security import accounts, passwords
from app.security.audit_check import verify_chain

GOOD = "巡查三次-不迟到-2026"
DEVICE = "00000000-0000-4000-8000-0000000000d1"


@pytest.fixture
def admin_and_clerk(store, actor):
    with store.write(actor, "user.create") as s:
        admin = accounts.create_user(s, login="admin", display_name="王管理", roles=["admin"],
                                     password=GOOD, actor=None)
        clerk = accounts.create_user(s, login="lisi", display_name="李四", roles=["clerk"],
                                     password=GOOD + "x", actor=actor)
    return admin, clerk


@pytest.mark.parametrize("password, reason", [
    ("short1!", "至少需要 12 个字符"),
    ("123456789abc", "常见密码"),
    ("woaini1314520", "常见密码"),
    ("QwertyUiop12", "常见密码"),
    ("aaaaaaaaaaaaaaaa", "重复"),
    ("my-lisi-password", "用户名"),
])
def test_weak_passwords_are_refused_with_a_reason(password, reason):
    assert reason in passwords.password_problem(password, login="lisi")


def test_the_shipped_list_is_realistic():
    common = passwords.common_passwords()
    assert len(common) > 3000
    assert {"123456", "woaini1314", "qwertyuiop12", "1qaz2wsx3edc", "5201314"} <= common


def test_first_account_must_be_an_admin_then_only_admins_add_accounts(store, actor):
    with pytest.raises(Invalid, match="第一个账户必须是管理员"):
        with store.write(actor, "user.create") as s:
            accounts.create_user(s, login="a1", display_name="甲", roles=["clerk"], password=GOOD, actor=None)
    with store.write(actor, "user.create") as s:
        accounts.create_user(s, login="a1", display_name="甲", roles=["admin"], password=GOOD, actor=None)
    clerk_actor = Actor(user="c", squad_id=actor.squad_id, device_id=DEVICE, roles=frozenset({"clerk"}))
    with pytest.raises(Forbidden, match="无权管理用户"):
        with store.write(clerk_actor, "user.create") as s:
            accounts.create_user(s, login="b1", display_name="乙", roles=["clerk"], password=GOOD,
                                 actor=clerk_actor)


def test_login_succeeds_and_the_actor_carries_the_roles(store, admin_and_clerk, actor):
    user = accounts.authenticate(store, "LiSi ", GOOD + "x", device_id=DEVICE)
    who = accounts.actor_for(user, DEVICE, actor.squad_id)
    assert who.user == "lisi" and who.roles == frozenset({"clerk"}) and who.squad_id == actor.squad_id


def test_unknown_login_and_wrong_password_read_the_same(store, admin_and_clerk):
    with pytest.raises(Forbidden, match="^用户名或密码不正确。$"):
        accounts.authenticate(store, "nobody", GOOD, device_id=DEVICE)
    with pytest.raises(Forbidden, match="用户名或密码不正确。再输错 4 次"):
        accounts.authenticate(store, "lisi", "wrong", device_id=DEVICE)


def test_five_failures_lock_the_account_for_fifteen_minutes_and_are_audited(store, admin_and_clerk):
    for _ in range(4):
        with pytest.raises(Forbidden, match="用户名或密码不正确"):
            accounts.authenticate(store, "lisi", "wrong-password", device_id=DEVICE)
    with pytest.raises(Forbidden, match="账户已锁定 15 分钟"):
        accounts.authenticate(store, "lisi", "wrong-password", device_id=DEVICE)
    # even the right password is refused while locked
    with pytest.raises(Forbidden, match="账户已锁定"):
        accounts.authenticate(store, "lisi", GOOD + "x", device_id=DEVICE)
    later = utc_now() + timedelta(minutes=15, seconds=1)
    user = accounts.authenticate(store, "lisi", GOOD + "x", device_id=DEVICE, now=later)
    assert user.failed_count == 0 and user.locked_until is None
    with store.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
        assert actions.count("user.login_failed") == 4 and actions.count("user.locked_out") == 1
        assert verify_chain(s).ok
        assert "scrypt" not in str(s.scalars(select(AuditEntry.summary)).all())


def test_change_password_needs_the_old_one_and_follows_the_rules(store, admin_and_clerk):
    _, clerk = admin_and_clerk
    with pytest.raises(Forbidden, match="原密码不正确"):
        with store.write(Actor("lisi", "", DEVICE), "user.password") as s:
            accounts.change_password(s, clerk.id, old_password="nope", new_password=GOOD + "y")
    with pytest.raises(Invalid, match="常见密码"):
        with store.write(Actor("lisi", "", DEVICE), "user.password") as s:
            accounts.change_password(s, clerk.id, old_password=GOOD + "x", new_password="qwertyuiop123")
    with store.write(Actor("lisi", "", DEVICE), "user.password") as s:
        accounts.change_password(s, clerk.id, old_password=GOOD + "x", new_password=GOOD + "y")
    assert accounts.authenticate(store, "lisi", GOOD + "y", device_id=DEVICE).login == "lisi"


def test_admin_reset_lifts_a_lock_and_an_admin_cannot_drop_their_own_admin_role(store, admin_and_clerk, actor):
    admin, clerk = admin_and_clerk
    for _ in range(5):
        with pytest.raises(Forbidden):
            accounts.authenticate(store, "lisi", "wrong-password", device_id=DEVICE)
    admin_actor = accounts.actor_for(admin, DEVICE, actor.squad_id)
    with store.write(admin_actor, "user.reset_password") as s:
        accounts.reset_password(s, clerk.id, new_password=GOOD + "z", actor=admin_actor)
    assert accounts.authenticate(store, "lisi", GOOD + "z", device_id=DEVICE)
    with pytest.raises(Invalid, match="不能取消自己的管理员角色"):
        with store.write(admin_actor, "user.roles") as s:
            accounts.set_roles(s, admin.id, roles=["clerk"], actor=admin_actor)
    with store.write(admin_actor, "user.deactivate") as s:
        accounts.set_active(s, clerk.id, active=False, actor=admin_actor)
    with pytest.raises(Forbidden, match="已停用"):
        accounts.authenticate(store, "lisi", GOOD + "z", device_id=DEVICE)


def test_password_hash_is_scrypt_with_per_user_salt(store, admin_and_clerk):
    with store.read() as s:
        hashes = [u.password_hash for u in s.scalars(select(User))]
    parsed = [passwords.parse_hash(h) for h in hashes]
    assert all((p.log2_n, p.r, p.p) == (15, 8, 1) for p in parsed)
    assert parsed[0].salt != parsed[1].salt


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_parse_hash_never_crashes_on_garbage(text):
    try:
        parsed = passwords.parse_hash(text)
    except ValueError:
        return
    assert passwords.parse_hash(parsed.encode()) == parsed


@settings(max_examples=100, deadline=None)
@given(st.integers(10, 20), st.integers(1, 32), st.integers(1, 16),
       st.binary(min_size=8, max_size=64), st.binary(min_size=16, max_size=64))
def test_hash_encoding_round_trips(log2_n, r, p, salt, digest):
    h = passwords.ScryptHash(log2_n, r, p, salt, digest)
    assert passwords.parse_hash(h.encode()) == h


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=10))
def test_password_rules_never_crash_and_accept_only_long_passwords(password, login):
    problem = passwords.password_problem(password, login=login)
    if problem is None:
        assert len(password) >= 12
