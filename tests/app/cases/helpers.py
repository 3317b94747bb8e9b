"""Builders that walk a case to a given point through the real services."""

from __future__ import annotations

from datetime import date, datetime, timezone

from app.cases import decision, lifecycle
from app.cases.parties import add_party
from tests.app.cases.conftest import OFFICER_A, OFFICER_B

PERSON_ID = "11010519491231002X"
ORG_CODE = "91350100M000100Y43"


def at(day: date, hour: int = 9) -> datetime:  # China time -> UTC
    return datetime(day.year, day.month, day.day, hour - 8, tzinfo=timezone.utc)


def new_lead(store, clerk, env, *, party_id: str = PERSON_ID, kind: str = "person", name: str = "张三",
             code: str = "CG-001", discovered: date = date(2026, 3, 2), violation: date = date(2026, 3, 1),
             procedure: str = "ordinary") -> str:
    with store.write(clerk, "case.register") as s:
        lead = lifecycle.register_lead(
            s, clerk, env=env, source="巡查发现", discovered_on=discovered, procedure=procedure,
            violation_name="擅自占用道路堆放物料", violation_code=code, violation_date=violation,
            violation_place="怀远镇正街12号门前", facts="占道堆放建筑材料约20平方米。",
            legal_basis="《城市市容和环境卫生管理条例》第十四条",
            penalty_basis="《城市市容和环境卫生管理条例》第三十六条",
            officer_ids=[OFFICER_A, OFFICER_B],
        )
        add_party(s, clerk, lead.id, kind=kind, name=name, id_number=party_id,
                  address="崇州市怀远镇正街12号", phone="13800001234",
                  legal_representative="王五" if kind == "org" else "")
    return lead.id


def investigated(store, clerk, leader, env, *, fine_fen: int = 1_000_00, **lead_kw) -> str:
    cid = new_lead(store, clerk, env, **lead_kw)
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    with store.write(clerk, "case.act") as s:
        lifecycle.record_act(s, clerk, cid, env=env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                             officer_ids=[OFFICER_A, OFFICER_B])
        lifecycle.propose(s, clerk, cid, env=env, outcome="penalty", fine_fen=fine_fen, tier="一般",
                          discretion_reasoning="一般情节")
    with store.write(leader, "case.end_investigation") as s:
        lifecycle.end_investigation(s, leader, cid, env=env, on=date(2026, 3, 10))
    return cid


def decided(store, clerk, leader, env, *, fine_fen: int = 1_000_00,
            decision_number: str | None = "崇综执罚决字〔2026〕7号", **lead_kw) -> str:
    """A 1,000-yuan penalty (no hearing, no review): notice 3-11, statement waived, decided 3-20.
    `decision_number=None`: decided unnumbered, so its 决定书 takes a serial when issued."""
    cid = investigated(store, clerk, leader, env, fine_fen=fine_fen, **lead_kw)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), waived=True,
                                   hearing_waived=True)
    with store.write(leader, "case.decide") as s:
        decision.decide(s, leader, cid, env=env, on=date(2026, 3, 20), decision_number=decision_number)
    return cid
