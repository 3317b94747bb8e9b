"""The working-day calendar that every statutory period is counted on.

The penalty law's short periods (Art. 85: "二日""三日""五日""七日") are working days, and a period
counted in calendar days that ends on a rest day runs on to the next working day (民事诉讼法 Art. 85).
China moves working days around holidays (调休), so weekends alone are wrong: the State Council's
schedule comes from ``chinese_calendar``; the county's own table of overrides wins over it, and is
the only source for years the library does not yet know (the schedule is published each
November/December).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import chinese_calendar

from app.errors import Invalid

_ONE_DAY = timedelta(days=1)
# A period longer than this many days with no working day in it means the calendar data is broken.
_MAX_REST_RUN_DAYS = 60


class WorkCalendar:
    """Answers "is this a working day?" for the squad's county.

    ``overrides`` maps a date to True (working day) or False (rest day) and takes precedence over the
    national schedule. ``published_years`` lists years whose schedule the county has entered in full
    as overrides, so they count as covered even before the library knows them.

    For a year nobody has published yet, weekends are rest days and everything else is a working
    day; deadlines computed there may move, which is why ``is_covered`` exists for the UI to warn.
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        published_years: Iterable[int] = (),
    ) -> None:
        self._overrides = dict(overrides or {})
        self._published_years = frozenset(published_years)

    def is_covered(self, year: int) -> bool:
        """True if holidays and 调休 for ``year`` are known (library data or a county-published table)."""
        if year in self._published_years:
            return True
        try:
            chinese_calendar.is_workday(date(year, 6, 1))
        except NotImplementedError:
            return False
        return True

    def coverage_warning(self, *years: int) -> str | None:
        """The Chinese warning the UI shows when a deadline falls in a year not yet published."""
        missing = sorted({y for y in years if not self.is_covered(y)})
        if not missing:
            return None
        listed = "、".join(f"{y} 年" for y in missing)
        return f"{listed}节假日安排尚未发布，请县局下发；相关期限暂按周末休息计算，可能变动"

    def is_workday(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        """``day`` itself if it is a working day, otherwise the first working day after it."""
        probe = day
        for _ in range(_MAX_REST_RUN_DAYS):
            if self.is_workday(probe):
                return probe
            probe += _ONE_DAY
        raise Invalid(f"{day.isoformat()} 之后连续 {_MAX_REST_RUN_DAYS} 天没有工作日，请检查节假日设置")

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (the starting day is not counted).

        A negative ``n`` counts backwards: the n-th working day before ``start`` — used for "notice
        at least 7 working days before the hearing". ``n == 0`` returns ``start`` unchanged.
        """
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        remaining = abs(n)
        day = start
        idle = 0
        while remaining:
            day += step
            if self.is_workday(day):
                remaining -= 1
                idle = 0
            else:
                idle += 1
                if idle > _MAX_REST_RUN_DAYS:
                    raise Invalid(
                        f"{day.isoformat()} 前后连续 {_MAX_REST_RUN_DAYS} 天没有工作日，请检查节假日设置"
                    )
        return day

    def add_calendar_days(self, start: date, n: int) -> date:
        """Last day of an n-calendar-day period starting after ``start``.

        If that day is a rest day (weekend or statutory holiday, after 调休) the period ends on the
        next working day; a 调休 Saturday is a working day and ends the period itself.
        """
        if n < 0:
            raise Invalid(f"期间天数不能为负数：{n}")
        return self.next_workday(start + timedelta(days=n))

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the count ``add_workdays(start, ·)`` would need to reach
        ``end``. Negative when ``end`` is before ``start`` (days overdue)."""
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_workday(day):
                count += 1
        return count
