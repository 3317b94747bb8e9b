"""Program versions ('0.1.0', '1.2.10', '1.3.0rc1'): parse, compare, and the plain words a clerk
reads when the county server needs a newer squaddesk than the one installed."""

from __future__ import annotations

import logging
import re

from app.errors import SyncFailed, SyncFailure

log = logging.getLogger(__name__)

_VERSION = re.compile(r"^v?(\d+(?:\.\d+){0,3})(?:[-.]?([a-z]+)\.?(\d*))?$", re.IGNORECASE)
# A pre-release (1.2.0rc1, 1.2.0.dev3) comes before the release it leads to.
_PRE_RANK = {"dev": 0, "a": 1, "alpha": 1, "b": 2, "beta": 2, "rc": 3, "c": 3}

UPGRADE_MESSAGE = ("县局服务器要求 squaddesk {needed} 或更新版本，本机为 {mine}。"
                   "请向县局索取新版安装程序。同步已暂停，本机数据不受影响。")
UPGRADE_MESSAGE_UNKNOWN = ("县局服务器要求更新版本的 squaddesk，本机为 {mine}。"
                           "请向县局索取新版安装程序。同步已暂停，本机数据不受影响。")
UPGRADE_BEFORE_ENROLL = ("县局服务器要求 squaddesk {needed} 或更新版本，本机为 {mine}。"
                         "请向县局索取新版安装程序，安装后再登记本机。")

VersionKey = tuple[int, int, int, int, int, int]


def parse_version(text: str) -> VersionKey:
    """A sortable key for a version string; ValueError if it is not one.

    '1.2' equals '1.2.0' (missing parts count as 0); '1.2.10' is newer than '1.2.9'; a
    pre-release ('1.2.0rc1', '1.2.0.dev3') sorts before '1.2.0'.
    """
    match = _VERSION.match(text.strip())
    if match is None:
        raise ValueError(f"not a version: {text!r}")
    numbers = [int(part) for part in match.group(1).split(".")]
    numbers += [0] * (4 - len(numbers))
    tag, serial = match.group(2), match.group(3)
    if tag is None:
        pre = (9, 0)
    elif tag.lower() in _PRE_RANK:
        pre = (_PRE_RANK[tag.lower()], int(serial or 0))
    else:
        raise ValueError(f"not a version: {text!r}")
    return (*numbers, *pre)  # type: ignore[return-value]


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1 as `a` is older than, the same as, or newer than `b`."""
    ka, kb = parse_version(a), parse_version(b)
    return (ka > kb) - (ka < kb)


def is_older(mine: str, needed: str) -> bool:
    """True when `mine` is older than `needed`. A minimum the server garbled does not lock the
    clerk out (it is logged): the server also refuses old clients on its own."""
    try:
        return parse_version(mine) < parse_version(needed)
    except ValueError:
        log.warning("cannot compare versions %r and %r; not blocking", mine, needed)
        return False


def upgrade_message(mine: str, needed: str | None) -> str:
    if needed:
        return UPGRADE_MESSAGE.format(mine=mine, needed=needed)
    return UPGRADE_MESSAGE_UNKNOWN.format(mine=mine)


class ClientTooOld(SyncFailed):
    """The county server needs a newer squaddesk. A SyncFailed of kind VERSION that also carries
    both versions, so the first-run wizard can word it for a PC not yet enrolled."""

    def __init__(self, mine: str, needed: str | None) -> None:
        super().__init__(upgrade_message(mine, needed), kind=SyncFailure.VERSION)
        self.mine = mine
        self.needed = needed

    def before_enrollment(self) -> str:
        if self.needed:
            return UPGRADE_BEFORE_ENROLL.format(mine=self.mine, needed=self.needed)
        return str(self)


def check_client_version(mine: str, needed: str) -> None:
    """Raise ClientTooOld when the server's minimum `needed` is newer than `mine`."""
    if is_older(mine, needed):
        raise ClientTooOld(mine, needed)
