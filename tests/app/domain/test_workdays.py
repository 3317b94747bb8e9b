"""Working-day calendar: national holidays and 调休, county overrides, unpublished years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.workdays import WorkCalendar
from app.errors import Invalid

CAL = WorkCalendar()


def test_national_day_2025_holidays_and_make_up_days():
    assert CAL.is_workday(date(2025, 9, 28))  # Sunday, 调休 working day
    assert not CAL.is_workday(date(2025, 9, 27))  # ordinary Saturday
    for day in range(1, 9):
        assert not CAL.is_workday(date(2025, 10, day))
    assert CAL.is_workday(date(2025, 10, 9))
    assert CAL.is_workday(date(2025, 10, 11))  # Saturday, 调休 working day


def test_working_days_across_national_day_start_not_counted():
    friday = date(2025, 9, 26)
    assert CAL.add_workdays(friday, 1) == date(2025, 9, 28)
    assert CAL.add_workdays(friday, 3) == date(2025, 9, 30)
    assert CAL.add_workdays(friday, 4) == date(2025, 10, 9)
    assert CAL.add_workdays(friday, 5) == date(2025, 10, 10)
    assert CAL.add_workdays(friday, 6) == date(2025, 10, 11)  # the 调休 Saturday counts
    assert CAL.add_workdays(friday, 7) == date(2025, 10, 13)


def test_seven_working_days_served_on_national_day_eve():
    # Served 2025-09-30: Oct 9, 10, 11(调休), 13, 14, 15, 16.
    assert CAL.add_workdays(date(2025, 9, 30), 7) == date(2025, 10, 16)


def test_add_zero_and_negative_workdays():
    assert CAL.add_workdays(date(2025, 10, 3), 0) == date(2025, 10, 3)
    assert CAL.add_workdays(date(2025, 10, 9), -1) == date(2025, 9, 30)
    assert CAL.add_workdays(date(2025, 10, 13), -2) == date(2025, 10, 10)


def test_calendar_period_ending_in_holiday_runs_to_next_working_day():
    assert CAL.add_calendar_days(date(2025, 9, 20), 15) == date(2025, 10, 9)
    assert CAL.add_calendar_days(date(2025, 9, 23), 15) == date(2025, 10, 9)


def test_calendar_period_ending_on_make_up_saturday_ends_there():
    assert CAL.add_calendar_days(date(2025, 9, 26), 15) == date(2025, 10, 11)


def test_calendar_period_ending_on_weekend_runs_to_monday():
    assert CAL.add_calendar_days(date(2025, 11, 1), 15) == date(2025, 11, 17)  # Sun 16 -> Mon 17


def test_negative_calendar_period_is_refused():
    with pytest.raises(Invalid, match="不能为负数"):
        CAL.add_calendar_days(date(2025, 1, 1), -1)


def test_workdays_between_matches_add_workdays_and_is_signed():
    assert CAL.workdays_between(date(2025, 9, 26), date(2025, 10, 11)) == 6
    assert CAL.workdays_between(date(2025, 10, 11), date(2025, 9, 26)) == -6
    assert CAL.workdays_between(date(2025, 10, 1), date(2025, 10, 1)) == 0


def test_county_override_takes_precedence():
    cal = WorkCalendar({date(2025, 10, 9): False, date(2025, 10, 4): True})
    assert not cal.is_workday(date(2025, 10, 9))
    assert cal.is_workday(date(2025, 10, 4))
    assert cal.add_workdays(date(2025, 10, 3), 1) == date(2025, 10, 4)


def test_unpublished_year_falls_back_to_weekends_and_warns():
    assert not CAL.is_covered(2027)
    assert CAL.is_covered(2025)
    assert CAL.is_workday(date(2027, 1, 1))  # Friday; holiday not known yet
    assert not CAL.is_workday(date(2027, 1, 2))
    assert CAL.coverage_warning(2026, 2027) == (
        "2027 年节假日安排尚未发布，请县局下发；相关期限暂按周末休息计算，可能变动"
    )
    assert CAL.coverage_warning(2025) is None


def test_county_published_year_is_covered_and_used():
    cal = WorkCalendar({date(2027, 1, 1): False}, published_years=[2027])
    assert cal.is_covered(2027)
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.add_calendar_days(date(2026, 12, 17), 15) == date(2027, 1, 4)


def test_calendar_without_working_days_is_reported():
    cal = WorkCalendar({date(2027, 1, 1) + timedelta(days=i): False for i in range(100)})
    with pytest.raises(Invalid, match="没有工作日"):
        cal.add_workdays(date(2026, 12, 31), 1)


@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 40))
def test_add_workdays_lands_on_a_working_day_and_round_trips(start, n):
    end = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, end) == n
    if n:
        assert CAL.is_workday(end)
