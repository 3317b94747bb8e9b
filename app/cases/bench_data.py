"""Bulk synthetic case files for benchmarks and scroll tests: `make_bulk_cases(store, n)`.

Rows have the real shape (cases, parties, case_parties, officers: every synced-row column filled)
but are written with Core bulk INSERTs on one connection, bypassing the journal: no outbox, no
audit entries. That is deliberate (100k audited writes would take minutes and measure the journal,
not the list); never use this on a real store. The triggers of migration 0005 still run, so the
list projection and the FTS index are built exactly as in use. Deadlines (normally computed by
`refresh_due`) are filled with plausible values directly, so the dashboard and the deadline
filters have something to find.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import insert, text

from app.clock import utc_now
from app.db.models.cases import Case, CaseParty, Party
from app.db.models.officers import Officer
from app.db.store import Store
from app.ids import new_id

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
            "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺")
GIVEN = "芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红文辉波斌玉珍鹏飞林琳"
ROADS = ("蜀州路", "永康东路", "唐安西路", "金鸡路", "崇阳大道", "文井街", "南河街", "怀远镇正街",
         "元通镇河滨路", "街子古镇银杏路", "三江镇新街", "羊马镇工业大道")
FIRMS = ("鑫源", "恒达", "蜀都", "天府", "锦城", "川西", "永盛", "华兴")
TRADES = ("餐饮", "建筑", "商贸", "物流", "装饰", "广告")
VIOLATIONS = (
    ("CG-001", "未经批准擅自占道经营", "在{r}占用道路摆摊经营"),
    ("CG-002", "违法搭建建筑物、构筑物", "在{r}未取得建设工程规划许可证搭建彩钢棚"),
    ("CG-003", "擅自设置户外广告设施", "在{r}擅自设置大型户外广告牌"),
    ("CG-004", "随意倾倒建筑垃圾", "在{r}随意倾倒建筑垃圾约三立方米"),
    ("CG-005", "露天焚烧垃圾", "在{r}露天焚烧生活垃圾"),
    ("CG-006", "超出门窗外墙经营", "沿街店铺在{r}超出门窗和外墙经营"),
    ("CG-007", "施工未采取防尘措施", "在{r}施工未采取有效防尘措施造成扬尘污染"),
)
STAGES = ("lead", "investigating", "investigated", "notified", "decided", "executing", "closed",
          "closed", "archived", "archived")
OFFICERS = ("李明", "王强", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "周婷")
DEMO_NAME = "王伟"  # two-character name guaranteed to exist (search tests rely on it)


def _name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.2:
        return "org", f"崇州市{rng.choice(FIRMS)}{rng.choice(TRADES)}有限公司"
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 1, 2))))
    return "person", rng.choice(SURNAMES) + given


def make_bulk_cases(
    store: Store,
    n: int,
    *,
    squad_id: str = "00000000-0000-4000-8000-000000000001",
    seed: int = 20260101,
    today: date | None = None,
    batch: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Insert `n` cases with one or two parties each; returns the officer ids used.

    Every 997th case has the party 王伟, so a two-character search always has hits.
    """
    rng = random.Random(seed)
    now = utc_now()
    today = today or date(2026, 11, 28)
    stamp = {"squad_id": squad_id, "revision": 1, "updated_at": now, "updated_by": "bench",
             "deleted": False}
    officer_ids = [new_id() for _ in OFFICERS]
    with store.engine.begin() as conn:
        conn.execute(insert(Officer), [
            {"id": oid, "name": name, "id_number": f"51018419800101{i:03d}X"[:18], **stamp}
            for i, (oid, name) in enumerate(zip(officer_ids, OFFICERS, strict=True))
        ])
    done = 0
    while done < n:
        size = min(batch, n - done)
        cases, parties, links, dues = [], [], [], []
        for i in range(done, done + size):
            code, vname, fact = rng.choice(VIOLATIONS)
            road = rng.choice(ROADS)
            year = rng.choice((2024, 2025, 2026))
            stage = rng.choice(STAGES)
            registered = today - timedelta(days=rng.randint(3, 900))  # filed 3 days later, by today
            case_id = new_id()
            filed = stage != "lead"
            pair = rng.sample(officer_ids, 2)
            kind, pname = _name(rng)
            if i % 997 == 0:
                kind, pname = "person", DEMO_NAME
            cases.append({
                "id": case_id, **stamp,
                "case_number": f"崇综执罚〔{year}〕{i % 9999 + 1}号" if filed else None,
                "lead_number": f"AY{year}{i:06d}",
                "title": f"{pname}{vname}案",
                "procedure": "ordinary", "stage": stage,
                "issuing_authority": "崇州市综合行政执法局",
                "source": rng.choice(("巡查发现", "投诉举报", "上级交办")),
                "discovered_on": registered, "registered_on": registered,
                "officer_ids": pair, "violation_code": code, "violation_name": vname,
                "violation_place": f"崇州市{road}{rng.randint(1, 300)}号",
                "facts": f"经现场检查，当事人{pname}于{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
                         f"{fact.format(r=road)}，影响市容环境卫生。",
                "filed_on": registered + timedelta(days=3) if filed else None,
            })
            for extra in range(1 if rng.random() < 0.85 else 2):
                party_id = new_id()
                pk, pn = (kind, pname) if extra == 0 else _name(rng)
                parties.append({
                    "id": party_id, **stamp, "kind": pk, "name": pn,
                    "id_type": "resident_id" if pk == "person" else "credit_code",
                    "id_number": f"{rng.randint(10**17, 10**18 - 1)}",
                    "address": f"崇州市{rng.choice(ROADS)}{rng.randint(1, 300)}号",
                })
                links.append({"id": new_id(), **stamp, "case_id": case_id, "party_id": party_id})
            if stage not in ("closed", "archived", "lead"):
                due = registered + timedelta(days=90)
                dues.append({"c": case_id, "due": due.isoformat(),
                             "warn": (due - timedelta(days=5)).isoformat(),
                             "label": "作出处罚决定期限"})
        with store.engine.begin() as conn:
            conn.execute(insert(Case), cases)
            conn.execute(insert(Party), parties)
            conn.execute(insert(CaseParty), links)
            conn.execute(text("UPDATE case_search_fts_doc SET due_stale = 0 WHERE due_stale = 1"))
            if dues:
                conn.execute(
                    text("UPDATE case_search_fts_doc SET next_due = :due, warn_on = :warn, "
                         "next_due_label = :label WHERE case_id = :c"), dues)
        done += size
        if progress is not None:
            progress(done, n)
    return officer_ids
