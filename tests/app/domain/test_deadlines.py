"""Case clocks: the 90-day decision clock with extensions and pauses, and the short statutory periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.deadlines import (
    Extension,
    Pause,
    check_hearing_notice,
    decision_clock,
    hearing_notice_clock,
    hearing_request_clock,
    latest_hearing_notice_day,
    limitation_clock,
    payment_clock,
    preservation_clock,
    publication_clock,
    seizure_clock,
    service_clock,
    severity,
    statement_clock,
    withdrawal_clock,
)
from app.domain.workdays import WorkCalendar
from app.errors import Invalid

CAL = WorkCalendar()
FILED = date(2025, 6, 2)


def test_decision_clock_90_days_rolls_off_sunday():
    clock = decision_clock(FILED, today=date(2025, 6, 10), calendar=CAL)
    assert clock.due == date(2025, 9, 1)  # day 90 is Sunday 31 August
    assert clock.status == "running"
    assert clock.days_left == (date(2025, 9, 1) - date(2025, 6, 10)).days
    assert clock.legal_basis == "《行政处罚法》第六十条"
    assert clock.kind == "calendar"


def test_decision_clock_with_approved_extension():
    clock = decision_clock(
        FILED, today=date(2025, 8, 1), calendar=CAL,
        extensions=[(30, "局长王某", date(2025, 8, 20))],
    )
    assert clock.due == date(2025, 9, 30)
    assert "经局长王某于2025年8月20日批准延长30日" in clock.notes


def test_extension_approved_after_expiry_is_flagged():
    clock = decision_clock(
        FILED, today=date(2025, 9, 10), calendar=CAL,
        extensions=[Extension(30, "局长王某", date(2025, 9, 5))],
    )
    assert any("请核查延长是否有效" in n for n in clock.notes)


def test_extension_without_approver_is_refused():
    with pytest.raises(Invalid, match="未记录批准人"):
        decision_clock(FILED, today=FILED, calendar=CAL, extensions=[(30, " ", date(2025, 8, 1))])


def test_closed_pause_is_not_counted():
    clock = decision_clock(
        FILED, today=date(2025, 8, 1), calendar=CAL,
        pauses=[Pause(date(2025, 7, 1), date(2025, 7, 10), "听证")],
    )
    assert clock.due == date(2025, 9, 10)
    assert "听证期间（2025年7月1日至2025年7月10日）不计入办案期限" in clock.notes


def test_open_pause_stops_the_clock():
    clock = decision_clock(
        FILED, today=date(2025, 7, 5), calendar=CAL, pauses=[("鉴定", date(2025, 7, 1), None)]
    )
    assert clock.status == "paused"
    assert clock.days_left == 62  # 28 June days counted before the appraisal began
    assert clock.due == date(2025, 9, 5)  # if the appraisal ended today
    assert severity(clock, date(2025, 7, 5), calendar=CAL) == "ok"


def test_overlapping_pauses_count_once_and_two_open_pauses_are_refused():
    clock = decision_clock(
        FILED, today=date(2025, 8, 1), calendar=CAL,
        pauses=[(date(2025, 7, 1), date(2025, 7, 10)), (date(2025, 7, 5), date(2025, 7, 10))],
    )
    assert clock.due == date(2025, 9, 10)
    with pytest.raises(Invalid, match="只能有一个未结束"):
        decision_clock(
            FILED, today=date(2025, 8, 1), calendar=CAL,
            pauses=[(date(2025, 7, 1), None), (date(2025, 7, 5), None)],
        )


def test_pause_before_filing_or_ending_before_start_is_refused():
    with pytest.raises(Invalid, match="不应早于立案日"):
        decision_clock(FILED, today=FILED, calendar=CAL, pauses=[(date(2025, 5, 1), date(2025, 5, 3))])
    with pytest.raises(Invalid, match="结束日2025年7月1日早于开始日2025年7月3日"):
        decision_clock(FILED, today=FILED, calendar=CAL, pauses=[("公告", date(2025, 7, 3), date(2025, 7, 1))])


def test_decision_made_in_time_is_met_and_late_is_overdue():
    met = decision_clock(FILED, today=date(2025, 12, 1), calendar=CAL, decided_on=date(2025, 8, 20))
    assert met.status == "met" and met.days_left is None
    late = decision_clock(FILED, today=date(2025, 12, 1), calendar=CAL, decided_on=date(2025, 9, 3))
    assert late.status == "overdue" and late.days_left == -2
    assert severity(late, date(2025, 12, 1), calendar=CAL) == "overdue"


def test_unmet_decision_clock_goes_overdue_the_day_after():
    assert decision_clock(FILED, today=date(2025, 9, 1), calendar=CAL).status == "running"
    clock = decision_clock(FILED, today=date(2025, 9, 2), calendar=CAL)
    assert clock.status == "overdue" and clock.days_left == -1


def test_hearing_request_period_crosses_national_day():
    clock = hearing_request_clock(date(2025, 9, 26), today=date(2025, 9, 30), calendar=CAL)
    assert clock.due == date(2025, 10, 10)
    assert clock.kind == "working"
    assert clock.days_left == 2  # Oct 9 and Oct 10
    assert severity(clock, date(2025, 9, 30), calendar=CAL) == "due_soon"


def test_statement_period_is_a_setting():
    assert statement_clock(date(2025, 9, 26), today=date(2025, 9, 26), calendar=CAL).due == date(2025, 9, 30)
    five = statement_clock(date(2025, 9, 26), today=date(2025, 9, 26), calendar=CAL, days=5)
    assert five.due == date(2025, 10, 10)
    assert "5个工作日" in five.label


def test_service_within_seven_working_days_counts_make_up_saturday():
    clock = service_clock(date(2025, 9, 30), today=date(2025, 10, 1), calendar=CAL, served_on=date(2025, 10, 11))
    assert clock.due == date(2025, 10, 16)
    assert clock.status == "met"


def test_payment_period_ending_in_holiday_runs_on():
    clock = payment_clock(date(2025, 9, 20), today=date(2025, 10, 9), calendar=CAL)
    assert clock.due == date(2025, 10, 9)
    assert clock.status == "running" and clock.days_left == 0
    assert severity(clock, date(2025, 10, 10), calendar=CAL) == "overdue"


def test_preservation_and_publication_and_withdrawal_periods():
    assert preservation_clock(date(2025, 9, 30), today=date(2025, 9, 30), calendar=CAL).due == date(2025, 10, 16)
    pub = publication_clock(date(2025, 9, 26), today=date(2025, 9, 26), calendar=CAL)
    assert pub.due == date(2025, 10, 13)
    assert pub.legal_basis == "《行政处罚法》第四十八条第一款"
    assert withdrawal_clock(date(2025, 9, 30), today=date(2025, 9, 30), calendar=CAL).due == date(2025, 10, 11)


def test_hearing_notice_latest_day_and_check():
    hearing = date(2025, 10, 15)
    # Working days before: 14, 13, 11(调休), 10, 9, 30 Sep, 29 Sep.
    assert latest_hearing_notice_day(hearing, CAL) == date(2025, 9, 29)
    check_hearing_notice(hearing, date(2025, 9, 29), CAL)
    with pytest.raises(Invalid, match="最迟应于2025年9月29日送达，实际为2025年9月30日"):
        check_hearing_notice(hearing, date(2025, 9, 30), CAL)
    clock = hearing_notice_clock(hearing, scheduled_on=date(2025, 9, 26), today=date(2025, 9, 26), calendar=CAL)
    assert clock.due == date(2025, 9, 29)


def test_limitation_two_and_five_years_with_horizon():
    clock = limitation_clock(date(2024, 2, 29), today=date(2026, 2, 1), calendar=CAL)
    assert clock.due == date(2026, 2, 28)
    assert severity(clock, date(2026, 2, 1), calendar=CAL) == "due_soon"
    assert severity(clock, date(2026, 1, 1), calendar=CAL) == "ok"
    serious = limitation_clock(date(2022, 3, 10), today=date(2026, 2, 1), calendar=CAL, serious=True)
    assert serious.due == date(2027, 3, 10)
    found_late = limitation_clock(date(2023, 3, 10), today=date(2026, 2, 1), calendar=CAL,
                                  discovered_on=date(2025, 3, 11))
    assert found_late.status == "overdue"


def test_seizure_term_with_one_extension_and_testing_pause():
    clock = seizure_clock(
        date(2025, 3, 3), today=date(2025, 3, 10), calendar=CAL,
        extension=(30, "局长王某", date(2025, 3, 30)),
        pauses=[("检测", date(2025, 3, 5), date(2025, 3, 14))],
    )
    assert clock.due == date(2025, 5, 12)  # 60 counted + 10 testing days = 12 May
    assert clock.legal_basis == "《行政强制法》第二十五条"
    with pytest.raises(Invalid, match="不得超过30日，实为 45 日"):
        seizure_clock(date(2025, 3, 3), today=date(2025, 3, 3), calendar=CAL,
                      extension=(45, "局长王某", date(2025, 3, 30)))
    with pytest.raises(Invalid, match="只能延长一次"):
        seizure_clock(date(2025, 3, 3), today=date(2025, 3, 3), calendar=CAL,
                      extension=[(10, "甲", date(2025, 3, 20)), (10, "乙", date(2025, 3, 25))])


def test_severity_horizon_is_configurable():
    clock = payment_clock(date(2025, 11, 3), today=date(2025, 11, 3), calendar=CAL)
    assert clock.due == date(2025, 11, 18)
    assert severity(clock, date(2025, 11, 10), calendar=CAL) == "ok"
    assert severity(clock, date(2025, 11, 10), calendar=CAL, within=6) == "due_soon"
    assert severity(clock, date(2025, 11, 13), calendar=CAL) == "due_soon"


@given(st.dates(date(2024, 1, 1), date(2026, 9, 1)))
def test_decision_due_is_the_first_working_day_from_day_90(filed):
    clock = decision_clock(filed, today=filed, calendar=CAL)
    day_90 = filed + timedelta(days=90)
    assert clock.due >= day_90 and CAL.is_workday(clock.due)
    assert all(not CAL.is_workday(day_90 + timedelta(days=i)) for i in range((clock.due - day_90).days))


@given(st.dates(date(2024, 1, 1), date(2026, 6, 1)), st.integers(1, 80), st.integers(0, 60))
def test_a_pause_never_brings_the_decision_due_date_forward(filed, offset, length):
    start = filed + timedelta(days=offset)
    plain = decision_clock(filed, today=filed, calendar=CAL)
    paused = decision_clock(filed, today=filed, calendar=CAL, pauses=[(start, start + timedelta(days=length))])
    assert paused.due >= plain.due
    assert (paused.due - plain.due).days >= length + 1 - 10  # rest-day roll-over absorbs at most ~9 days
