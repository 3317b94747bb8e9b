"""The demo roster of 怀远中队 covers every state the clerk should learn to read."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from app.officers.demo import seed_demo_officers
from app.officers.eligibility import CertStatus, officer_statuses, who_may_act
from app.officers.warnings import training_shortfall

TODAY = date(2026, 11, 28)


def test_demo_roster_has_every_state_and_is_idempotent(store, actor):
    opened = SimpleNamespace(store=store)
    assert seed_demo_officers(opened, actor, today=TODAY, cases=0) == "执法人员 9 名"
    assert seed_demo_officers(opened, actor, today=TODAY, cases=0) == "执法人员已存在，未重复写入"
    with store.read() as s:
        statuses = {o.name: o for o in officer_statuses(s, TODAY)}
        may = [o.name for o in who_may_act(s, TODAY, "城市管理")]
        short = {t.name for t in training_shortfall(s, TODAY.year, 60)}
    assert statuses["刘洋"].status is CertStatus.RENEWAL_DUE
    assert statuses["陈磊"].status is CertStatus.EXPIRED
    assert statuses["杨帆"].status is CertStatus.SUSPENDED
    assert {n for n, o in statuses.items() if o.kind == "辅助人员"} == {"周晓梅", "赵小龙"}
    assert statuses["王芳"].may_act
    assert set(may) == {"张建国", "李明", "王芳", "刘洋", "黄伟"}
    assert short == {"刘洋", "陈磊", "杨帆", "黄伟"}
