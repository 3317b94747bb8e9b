"""Password hashing (scrypt) and the password rules, separate from accounts so they stay pure.

Hash format: ``scrypt$<log2 n>$<r>$<p>$<salt, base64>$<hash, base64>``: the cost parameters are
stored with each hash, so raising them later only needs `needs_rehash` and a re-hash at the next
successful login. Comparison is constant-time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.errors import Invalid

LOG2_N = 15
R = 8
P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).resolve().parents[2] / "resources" / "security" / "common-passwords.txt"


@dataclass(frozen=True)
class ScryptHash:
    log2_n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def encode(self) -> str:
        salt = base64.b64encode(self.salt).decode("ascii")
        digest = base64.b64encode(self.digest).decode("ascii")
        return f"scrypt${self.log2_n}${self.r}${self.p}${salt}${digest}"


def parse_hash(encoded: str) -> ScryptHash:
    """Parse a stored hash; ValueError if it is not one this build wrote."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("not a scrypt hash")
    try:
        log2_n, r, p = (int(x, 10) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ValueError("malformed scrypt hash") from exc
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16 and len(salt) >= 8 and len(digest) >= 16):
        raise ValueError("scrypt parameters out of range")
    return ScryptHash(log2_n, r, p, salt, digest)


def _normal(password: str) -> str:
    # NFKC so full-width digits typed with a Chinese IME hash the same as half-width ones.
    return unicodedata.normalize("NFKC", password)


def _scrypt(password: str, *, salt: bytes, log2_n: int, r: int, p: int, size: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(_normal(password).encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + (1 << 20), dklen=size)


def hash_password(password: str) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(password, salt=salt, log2_n=LOG2_N, r=R, p=P, size=HASH_BYTES)
    return ScryptHash(LOG2_N, R, P, salt, digest).encode()


def verify_password(password: str, encoded: str) -> bool:
    try:
        parsed = parse_hash(encoded)
    except ValueError:
        return False
    candidate = _scrypt(password, salt=parsed.salt, log2_n=parsed.log2_n, r=parsed.r, p=parsed.p,
                        size=len(parsed.digest))
    return hmac.compare_digest(candidate, parsed.digest)


def needs_rehash(encoded: str) -> bool:
    try:
        parsed = parse_hash(encoded)
    except ValueError:
        return True
    return (parsed.log2_n, parsed.r, parsed.p) < (LOG2_N, R, P)


# A hash of a random password, verified against when the login does not exist, so that a wrong
# login costs as long as a wrong password (no user enumeration by timing).
@lru_cache(maxsize=1)
def dummy_hash() -> str:
    return hash_password(os.urandom(16).hex())


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, *, login: str = "", display_name: str = "") -> str | None:
    """Why `password` is refused (Chinese), or None if it is acceptable."""
    normal = _normal(password)
    lowered = normal.lower()
    length = min(len(password), len(normal))  # NFKC may expand (¼ → 1⁄4); count what was typed
    if length < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符（当前 {length} 个）。可以用一句好记的话，如“2026年巡查三次不迟到”。"
    if len(normal) > MAX_LENGTH:
        return f"密码不能超过 {MAX_LENGTH} 个字符。"
    if normal != normal.strip():
        return "密码首尾不能是空格。"
    if len(set(lowered)) <= 3:
        return "密码不能只由一两个字符重复组成。"
    if lowered in common_passwords():
        return "这是常见密码（出现在公开泄露的密码表中），很容易被猜到，请换一个。"
    for name in (login, display_name):
        if name and len(name) >= 3 and name.lower() in lowered:
            return "密码不能包含用户名或姓名。"
    return None


def check_password_rules(password: str, *, login: str = "", display_name: str = "") -> None:
    problem = password_problem(password, login=login, display_name=display_name)
    if problem is not None:
        raise Invalid(problem)
