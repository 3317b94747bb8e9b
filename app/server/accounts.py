"""Squads, devices and credentials: create a squad, print an enrollment code, enroll a PC, issue
and check access tokens, revoke a device. Functions take a Session; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.errors import Invalid, NotFound
from app.ids import new_id
from app.server import security
from app.server.audit import record_event
from app.server.errors import ClientTooOld, DeviceRevoked, Unauthorized
from app.server.models import ChangeEntry, Device, EnrollmentCode, Record, ServerSetting, Squad
from app.sync import protocol

MIN_CLIENT_VERSION_SETTING = "min_client_version"
DEFAULT_MIN_CLIENT_VERSION = "0.1.0"
ENROLL_CODE_TTL = timedelta(days=7)


@dataclass(frozen=True)
class Credential:
    """Who is calling, from a verified token. The only source of the squad for a request."""

    device_id: str
    squad_id: str


def allocate_seq(session: Session, squad_id: str, count: int = 1) -> int:
    """Reserve `count` sequence numbers; returns the first. Locks the squad row until commit, so
    a squad's writers run one after another and a puller never sees seq N+1 before N."""
    first = session.execute(
        update(Squad)
        .where(Squad.id == squad_id)
        .values(last_seq=Squad.last_seq + count)
        .returning(Squad.last_seq)
    ).scalar_one()
    return first - count + 1


def min_client_version(session: Session) -> str:
    value = session.scalar(
        select(ServerSetting.value).where(ServerSetting.key == MIN_CLIENT_VERSION_SETTING)
    )
    return value or DEFAULT_MIN_CLIENT_VERSION


def set_min_client_version(session: Session, version: str) -> None:
    row = session.get(ServerSetting, MIN_CLIENT_VERSION_SETTING)
    if row is None:
        session.add(ServerSetting(key=MIN_CLIENT_VERSION_SETTING, value=version))
    else:
        row.value = version
    record_event(session, "settings.min_client_version", actor="admin", version=version)


def create_squad(
    session: Session, name: str, *, township: str = "", issuing_authority: str = "",
    authority_short: str = "", actor: str = "admin",
) -> Squad:
    """A new tenant. Its own row goes into its change log, so enrolled PCs pull it."""
    if session.scalar(select(Squad.id).where(Squad.name == name)) is not None:
        raise Invalid(f"中队“{name}”已存在。")
    now = utc_now()
    squad = Squad(
        id=new_id(), name=name, township=township, issuing_authority=issuing_authority,
        authority_short=authority_short, last_seq=0, created_at=now,
    )
    session.add(squad)
    session.flush()
    data = {
        "id": squad.id, "squad_id": squad.id, "name": name, "township": township,
        "issuing_authority": issuing_authority, "authority_short": authority_short,
        "deleted": False,
    }
    seq = allocate_seq(session, squad.id)
    session.add(Record(
        squad_id=squad.id, entity="squads", entity_id=squad.id, revision=1, data=data,
        deleted=False, updated_at=now, updated_by=actor, device_id=None, seq=seq,
    ))
    session.add(ChangeEntry(
        squad_id=squad.id, seq=seq, entity="squads", entity_id=squad.id, revision=1,
        op="insert", fields=data, at=now,
    ))
    record_event(session, "squad.create", actor=actor, squad_id=squad.id, name=name)
    return squad


def find_squad(session: Session, name_or_id: str) -> Squad:
    squad = session.scalar(
        select(Squad).where((Squad.id == name_or_id) | (Squad.name == name_or_id))
    )
    if squad is None:
        raise NotFound(f"找不到中队“{name_or_id}”。")
    return squad


def make_enrollment_code(
    session: Session, squad_id: str, *, ttl: timedelta = ENROLL_CODE_TTL, actor: str = "admin"
) -> str:
    """A one-time code for one PC of the squad. Only its hash is stored; print it once."""
    code = security.new_enrollment_code()
    now = utc_now()
    session.add(EnrollmentCode(
        code_hash=security.code_hash(code), squad_id=squad_id, created_at=now, expires_at=now + ttl,
    ))
    record_event(session, "enroll_code.create", actor=actor, squad_id=squad_id)
    return code


def _check_version(session: Session, client_version: str) -> str:
    minimum = min_client_version(session)
    if protocol.version_tuple(client_version) < protocol.version_tuple(minimum):
        raise ClientTooOld(f"本机程序版本 {client_version} 过旧，县局要求至少 {minimum}，请先升级。")
    return minimum


def enroll(session: Session, request: protocol.EnrollRequest) -> protocol.EnrollResponse:
    minimum = _check_version(session, request.client_version)
    now = utc_now()
    code = session.scalar(
        select(EnrollmentCode)
        .where(EnrollmentCode.code_hash == security.code_hash(request.code))
        .with_for_update()
    )
    if code is None or code.used_at is not None or code.expires_at <= now:
        # One message for all three: a guesser learns nothing about which codes exist.
        raise Unauthorized("登记码无效、已使用或已过期，请向县局索取新的登记码。")
    squad = session.get(Squad, code.squad_id)
    secret = security.new_secret()
    device = Device(
        id=new_id(), squad_id=code.squad_id, name=request.device_name,
        secret_hash=security.hash_secret(secret), revoked=False, enrolled_at=now,
        client_version=request.client_version, audit_suspect=False,
    )
    session.add(device)
    code.used_at = now
    code.used_by_device = device.id
    record_event(session, "device.enroll", actor=request.device_name, squad_id=code.squad_id,
                 device_id=device.id, name=request.device_name)
    return protocol.EnrollResponse(
        server_time=now, device_id=device.id, device_secret=secret, squad_id=squad.id,
        squad_name=squad.name, min_client_version=minimum,
    )


def issue_token(
    session: Session, request: protocol.TokenRequest, *, ttl_s: int = protocol.ACCESS_TOKEN_TTL_S
) -> protocol.TokenResponse:
    device = session.get(Device, request.device_id)
    if device is None or not security.verify_secret(request.device_secret, device.secret_hash):
        raise Unauthorized("本机登记信息无效，请重新注册本机。")
    if device.revoked:
        raise DeviceRevoked("本机已被县局停用，请联系县局管理员。")
    _check_version(session, request.client_version)
    now = utc_now()
    claims = security.TokenClaims(device.id, device.squad_id, now + timedelta(seconds=ttl_s))
    token = security.sign_token(security.token_key(session), claims)
    device.last_seen_at = now
    device.client_version = request.client_version
    squad = session.get(Squad, device.squad_id)
    head = None
    if device.audit_count is not None and device.audit_hash is not None:
        head = protocol.AuditHead(count=device.audit_count, hash=device.audit_hash)
    return protocol.TokenResponse(
        server_time=now, access_token=token, expires_at=claims.expires_at, squad_id=squad.id,
        squad_name=squad.name, device_id=device.id, audit_head=head,
    )


def authenticate(session: Session, token: str | None) -> Credential:
    """The credential behind a bearer token; the device row is read every time so a revocation
    takes effect on the next request, not when the token expires."""
    if not token:
        raise Unauthorized("缺少访问令牌，请重新连接县局。")
    claims = security.read_token(security.token_key(session), token, now=utc_now())
    if claims is None:
        raise Unauthorized("访问令牌无效或已过期，请重新连接县局。")
    device = session.get(Device, claims.device_id)
    if device is None or device.squad_id != claims.squad_id:
        raise Unauthorized("访问令牌无效，请重新连接县局。")
    if device.revoked:
        raise DeviceRevoked("本机已被县局停用，请联系县局管理员。")
    return Credential(device_id=device.id, squad_id=device.squad_id)


def revoke_device(session: Session, device_id: str, *, actor: str = "admin") -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"找不到设备 {device_id}。")
    if not device.revoked:
        device.revoked = True
        device.revoked_at = utc_now()
        record_event(session, "device.revoke", actor=actor, squad_id=device.squad_id,
                     device_id=device.id)
    return device
