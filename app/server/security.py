"""Secrets and tokens: salted scrypt hashes for device secrets, HMAC-signed access tokens.

Tokens are stateless (device id, squad id, expiry, signed with a key kept in server_settings), so
no token table grows; revocation is still immediate because every request re-reads the device row
(app.server.deps). Nothing here logs a secret or a token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.server.models import ServerSetting

TOKEN_KEY_SETTING = "token_key"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# Enrollment codes are read aloud over the phone and typed by a clerk: no 0/O, 1/I/L.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_enrollment_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


def token_key(session: Session) -> bytes:
    """The signing key, created on first use. The caller commits."""
    value = session.scalar(select(ServerSetting.value).where(ServerSetting.key == TOKEN_KEY_SETTING))
    if value is None:
        value = secrets.token_hex(32)
        session.add(ServerSetting(key=TOKEN_KEY_SETTING, value=value))
        session.flush()
    return bytes.fromhex(value)


@dataclass(frozen=True)
class TokenClaims:
    device_id: str
    squad_id: str
    expires_at: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(key: bytes, claims: TokenClaims) -> str:
    body = json.dumps(
        {"d": claims.device_id, "s": claims.squad_id, "e": int(claims.expires_at.timestamp())},
        separators=(",", ":"),
    ).encode("utf-8")
    mac = hmac.new(key, body, hashlib.sha256).digest()
    return f"{_b64(body)}.{_b64(mac)}"


def read_token(key: bytes, token: str, *, now: datetime) -> TokenClaims | None:
    """The claims of a well-signed, unexpired token; None for anything else."""
    try:
        body_part, mac_part = token.split(".")
        body = _unb64(body_part)
        mac = _unb64(mac_part)
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        return None
    try:
        data = json.loads(body)
        claims = TokenClaims(
            device_id=str(data["d"]),
            squad_id=str(data["s"]),
            expires_at=datetime.fromtimestamp(int(data["e"]), tz=timezone.utc),
        )
    except (ValueError, KeyError, TypeError):
        return None
    if claims.expires_at <= now:
        return None
    return claims
