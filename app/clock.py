"""Time in one place: rows store UTC, the clerk sees China time (UTC+8, no DST).

A clock offset (measured against the county server) can be set so deadlines are computed with
corrected time even when the PC's clock is wrong.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), name="CST")

_offset = timedelta(0)


def set_clock_offset(offset: timedelta) -> None:
    """Record how far the server's clock is ahead of ours; applied by utc_now()."""
    global _offset
    _offset = offset


def clock_offset() -> timedelta:
    return _offset


def utc_now() -> datetime:
    return datetime.now(timezone.utc) + _offset


def china_now() -> datetime:
    return utc_now().astimezone(CHINA_TZ)


def china_today() -> date:
    return china_now().date()


def to_china(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(CHINA_TZ)


def format_cn_date(day: date) -> str:
    """2026年3月1日 — the form printed on documents and in refusal messages."""
    return f"{day.year}年{day.month}月{day.day}日"
