"""Demo cases of 怀远中队: twelve cases in the stages a clerk meets on a normal day, each driven
through the real case services (so every row is journaled, audited and valid), dated backwards
from `today` on working days, one step never before the step it follows.

| # | 阶段 | 案由 (power-list item) | point of the example |
|---|---|---|---|
| 1 | 案源登记 | 占道设摊 (CG-015) | 立案核查期限即将到期 |
| 2 | 案源登记 | 露天烧烤 (CG-027) | 群众投诉，刚登记 |
| 3 | 调查取证 | 堆放物料 (CG-011) | 公司当事人，两次调查取证 |
| 4 | 调查取证 | 损坏绿化 (CG-042) | 已拟处理意见 |
| 5 | 调查终结 | 大型户外广告 (CG-010) | 待法制审核 |
| 6 | 事先告知 | 工地未设护栏 (CG-008) | 陈述申辩期限即将到期 |
| 7 | 听证 | 餐饮油烟 (CG-026) | 申请听证，已通知听证时间 |
| 8 | 已决定 | 搭建构筑物 (CG-012) | 待送达 |
| 9 | 执行中 | 运输遗撒 (CG-007) | 罚款逾期未缴（已超期） |
| 10 | 结案 | 乱扔废弃物 (CG-001) | 简易程序当场处罚，当场收缴 |
| 11 | 结案 | 乱张贴 (CG-003) | 银行缴款后结案 |
| 12 | 归档 | 焚烧垃圾 (CG-029) | 完整卷宗已归档 |

Case numbers come from the filing serials (app.cases.numbers) and decision numbers from the
决定书 serials of the squad's block source, so numbers the squad issues later continue them.
No evidence file is attached: the evidence store encrypts with a key kept in the OS keyring.
"""

from __future__ import annotations

import json

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from sqlalchemy import func, select

from app.cases import decision, hearing, lifecycle
from app.cases.env import CaseEnv, two_distinct_officers
from app.cases.numbers import squad_block_source
from app.cases.parties import add_party
from app.cases.publicity import mark_published, queue_publicity
from app.cases.reference import benchmark_row_id, load_reference
from app.reference import save_raw
from app.clock import CHINA_TZ
from app.context import Actor
from app.db.models.cases import Case, PublicityRecord, ViolationItemRef
from app.domain.identifiers import (
    credit_code_check_char,
    organization_code_check_char,
    resident_id_check_char,
)
from app.paths import RESOURCES

POWER_LIST = RESOURCES / "reference" / "power_list_urban_sample.json"
BENCHMARK = "SAMPLE-CG-2024"
DECISION_DOC_TYPE = "penalty_decision"
AREA = "510184"  # 四川省崇州市
DEMO_CASES = 12


# --- identifiers that pass app.domain.identifiers ----------------------------------------------

def person_id(birth: str, seq: int, male: bool) -> str:
    """A 崇州 resident ID number: area, birth date, a 3-digit order code (odd = male), check."""
    order = seq * 2 + (1 if male else 0)
    first17 = f"{AREA}{birth}{order:03d}"
    return first17 + resident_id_check_char(first17)


def credit_code(body8: str, *, kind: str = "91") -> str:
    """A unified social credit code registered in 崇州 (91 企业, 92 个体工商户), both checks right."""
    org = body8 + organization_code_check_char(body8)
    first17 = f"{kind}{AREA}{org}"
    return first17 + credit_code_check_char(first17)


# --- the demo environment ----------------------------------------------------------------------

@dataclass
class _Demo:
    store: object
    env: CaseEnv
    clerk: Actor
    leader: Actor
    today: date
    investigators: tuple[str, str]
    second_team: tuple[str, str]
    presider: str

    def wd(self, n: int) -> date:
        """The working day `n` working days before today."""
        return self.env.calendar.add_workdays(self.today, -n)

    def at(self, day: date) -> CaseEnv:
        """The environment as it was on `day`: each step is recorded on its own date."""
        return replace(self.env, today=day)

    def write(self, actor: Actor, action: str, summary: str):  # noqa: ANN201
        return self.store.write(actor, action, summary=f"演示数据：{summary}")


def _china(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TZ).astimezone(timezone.utc)


def _roster(session) -> dict[str, str]:  # noqa: ANN001
    from app.db.models.officers import Officer  # noqa: PLC0415

    rows = session.execute(select(Officer.name, Officer.id).where(Officer.deleted.is_(False))).all()
    return {name: oid for name, oid in rows}


def _fallback_ids() -> dict[str, str]:
    import uuid  # noqa: PLC0415

    ns = uuid.UUID("2d0f3c8e-5b7a-4a11-9e2c-6f0d1b7c4e55")
    return {n: str(uuid.uuid5(ns, n)) for n in ("张建国", "李明", "刘洋", "黄伟")}


def seed_demo_cases(opened, actor: Actor, *, today: date, cases: int = DEMO_CASES) -> str:  # noqa: ANN001
    """Write up to `cases` demo cases (0: none) unless the folder already has cases."""
    if cases <= 0:
        return "案件 0 件"
    store = opened.store
    with store.read() as session:
        if session.scalar(select(func.count()).select_from(Case)):
            return "案件已存在，未重复写入"
        has_reference = bool(session.scalar(select(func.count()).select_from(ViolationItemRef)))
        roster = _roster(session)
    json_text = POWER_LIST.read_text("utf-8")
    if not has_reference:
        with store.write(actor, "reference.benchmarks", summary="演示数据：载入权力清单和裁量基准（样例）") as session:
            load_reference(session, json_text)
            save_raw(session, "benchmarks", json.loads(json_text), 0)  # as if the county sent it
    from app.domain.benchmarks import load_benchmarks  # noqa: PLC0415

    on_roster = all(n in roster for n in ("张建国", "李明", "刘洋", "黄伟"))
    base = CaseEnv(prefs=opened.prefs, benchmarks=tuple(load_benchmarks(json_text)), today=today,
                   block_source=squad_block_source(opened.paths, store))
    if not on_roster:  # no officers area or no demo roster: only the two-officer rule is checked
        roster = _fallback_ids()
        base = replace(base, eligibility=two_distinct_officers, check_presider=None, check_reviewer=None)
    demo = _Demo(
        store=store, env=base,
        clerk=replace(actor, user="wenshu", roles=frozenset({"clerk"})),
        leader=replace(actor, user="zhongduizhang", roles=frozenset({"leader"})),
        today=today,
        investigators=(roster["李明"], roster["黄伟"]),
        second_team=(roster["刘洋"], roster["李明"]),
        presider=roster["张建国"],
    )
    builders = sorted(_BUILDERS[: min(cases, len(_BUILDERS))], key=lambda b: -b[1])
    for build, _ in builders:
        build(demo)
    _refresh_deadlines(demo)
    return f"案件 {len(builders)} 件"


# --- steps shared by the cases -------------------------------------------------------------------

@dataclass(frozen=True)
class _Party:
    kind: str
    name: str
    id_number: str
    address: str
    phone: str
    legal_representative: str = ""
    operator_name: str = ""
    trade_name: str = ""


def _item(session, code: str) -> ViolationItemRef:  # noqa: ANN001
    return session.scalars(select(ViolationItemRef).where(
        ViolationItemRef.code == code, ViolationItemRef.benchmark_id == benchmark_row_id(BENCHMARK))).one()


def _lead(d: _Demo, *, code: str, cause: str, party: _Party, discovered: date, place: str, facts: str,
          source: str = "巡查发现", procedure: str = "ordinary", reporter: tuple[str, str] = ("", ""),
          violated: date | None = None, officers: tuple[str, str] | None = None) -> str:
    with d.write(d.clerk, "case.register", f"登记案源（{cause}）") as s:
        item = _item(s, code)
        lead = lifecycle.register_lead(
            s, d.clerk, env=d.at(discovered), source=source, discovered_on=discovered, procedure=procedure,
            violation_name=cause, violation_code=code, benchmark_id=benchmark_row_id(BENCHMARK),
            violation_date=violated or discovered, violation_place=place, facts=facts,
            legal_basis=item.violated_basis, penalty_basis=item.penalty_basis,
            officer_ids=list(officers or d.investigators), reporter_name=reporter[0],
            reporter_phone=reporter[1],
            source_detail="群众来电反映" if source == "投诉举报" else "",
        )
        add_party(s, d.clerk, lead.id, kind=party.kind, name=party.name, id_number=party.id_number,
                  address=party.address, phone=party.phone, legal_representative=party.legal_representative,
                  operator_name=party.operator_name, trade_name=party.trade_name)
    return lead.id


def _file(d: _Demo, cid: str, on: date) -> None:
    with d.write(d.leader, "case.approve_filing", "立案审批") as s:
        lifecycle.approve_filing(s, d.leader, cid, env=d.at(on), on=on, opinion="同意立案，由李明、黄伟承办")


def _acts(d: _Demo, cid: str, days: list[tuple[date, str, str]], officers: tuple[str, str] | None = None) -> None:
    for day, kind, note in days:
        with d.write(d.clerk, "case.record_act", f"记录{kind}") as s:
            place = s.get(Case, cid).violation_place
            lifecycle.record_act(
                s, d.clerk, cid, env=d.at(day), kind=kind, started_at=_china(day, 9, 30),
                ended_at=_china(day, 10, 40), officer_ids=list(officers or d.investigators),
                place=place if kind != "询问" else "怀远中队询问室", notes=note, has_recording=True,
            )


def _propose(d: _Demo, cid: str, on: date, *, fine_yuan: int, tier: str, reasoning: str,
             review: bool | None = None, penalties: tuple[str, ...] = ()) -> None:
    with d.write(d.clerk, "case.propose", "拟定处理意见") as s:
        lifecycle.propose(s, d.clerk, cid, env=d.at(on), outcome="penalty", fine_fen=fine_yuan * 100,
                          tier=tier, discretion_reasoning=reasoning, review_required=review,
                          other_penalties=list(penalties))


def _end(d: _Demo, cid: str, on: date) -> None:
    with d.write(d.leader, "case.end_investigation", "调查终结审批") as s:
        lifecycle.end_investigation(s, d.leader, cid, env=d.at(on), on=on)


def _notice(d: _Demo, cid: str, on: date) -> None:
    with d.write(d.clerk, "case.notice", "送达行政处罚事先告知书") as s:
        lifecycle.send_notice(s, d.clerk, cid, env=d.at(on), served_on=on)


def _waive(d: _Demo, cid: str, on: date) -> None:
    with d.write(d.clerk, "case.statement", "当事人书面放弃陈述申辩") as s:
        lifecycle.record_statement(s, d.clerk, cid, env=d.at(on), on=on, waived=True, hearing_waived=True)


def _decide(d: _Demo, cid: str, on: date, *, present: bool = False) -> None:
    from app.documents.numbering import number_format, take_serial  # noqa: PLC0415
    from app.documents.templates import load  # noqa: PLC0415

    with d.write(d.leader, "case.decide", "作出行政处罚决定") as s:
        serial = take_serial(s, d.env.block_source, squad_id=d.leader.squad_id, doc_type=DECISION_DOC_TYPE,
                             year=on.year)
        number = number_format(d.env.prefs, DECISION_DOC_TYPE).format(
            load(DECISION_DOC_TYPE).category, on.year, serial)
        decision.decide(s, d.leader, cid, env=d.at(on), on=on, decision_number=number, party_present=present)
    with d.write(d.clerk, "case.publicity", "处罚决定公示") as s:
        queue_publicity(s, d.clerk, cid, env=d.at(on), on=on)


def _published(d: _Demo, cid: str, on: date) -> None:
    with d.write(d.clerk, "case.publicity", "公示已发布") as s:
        record_id = s.scalars(select(PublicityRecord.id).where(PublicityRecord.case_id == cid)).one()
        mark_published(s, d.clerk, record_id, published_on=on)


def _serve(d: _Demo, cid: str, on: date, method: str = "direct") -> None:
    with d.write(d.clerk, "case.serve", "送达行政处罚决定书") as s:
        decision.serve_decision(s, d.clerk, cid, env=d.at(on), served_on=on, method=method)


def _pay(d: _Demo, cid: str, on: date, yuan: int, receipt: str) -> None:
    with d.write(d.clerk, "case.payment", "登记罚款缴纳") as s:
        decision.record_payment(s, d.clerk, cid, env=d.at(on), paid_on=on, amount_fen=yuan * 100,
                                receipt_number=receipt)


def _close(d: _Demo, cid: str, on: date, summary: str) -> None:
    with d.write(d.leader, "case.close", "结案审批") as s:
        decision.close_case(s, d.leader, cid, env=d.at(on), on=on, summary=summary)


# --- the twelve cases ------------------------------------------------------------------------------

def _c01_lead_due_soon(d: _Demo) -> None:
    found = d.wd(13)  # the 15-working-day filing check runs out in two working days
    _lead(d, code="CG-015", cause="擅自占用城市道路设摊经营", discovered=found,
          party=_Party("person", "罗志强", person_id("19790316", 21, True), "崇州市怀远镇杨柳村3组27号",
                       "13908176215"),
          place="怀远镇正街与文庙街交叉口人行道",
          facts="巡查发现当事人在正街与文庙街交叉口人行道上摆设水果摊点，占用道路约6平方米，经劝导后仍未撤离。")


def _c02_lead_complaint(d: _Demo) -> None:
    found = d.wd(1)
    _lead(d, code="CG-027", cause="禁止时段和区域内露天烧烤食品", discovered=found, source="投诉举报",
          reporter=("宋雅琴", "13547790326"),
          party=_Party("person", "邓国华", person_id("19850702", 33, True), "崇州市怀远镇新街社区蜀怀路128号",
                       "15882413370"),
          place="怀远镇蜀怀路128号门前",
          facts="群众投诉反映当事人每晚在蜀怀路128号门前露天烧烤，油烟扰民。经现场核实，当事人于当晚21时许在门前设置烧烤炉经营。")


def _c03_investigating_org(d: _Demo) -> None:
    found, filed = d.wd(24), d.wd(22)
    cid = _lead(d, code="CG-011", cause="擅自在街道两侧堆放物料", discovered=found,
                party=_Party("org", "崇州市怀远建材有限公司", credit_code("MA6C7K2P"),
                             "崇州市怀远镇怀远大道二段99号", "028-82315566", legal_representative="周德明"),
                place="怀远镇怀远大道二段99号门前人行道",
                facts="当事人未经批准在怀远大道二段99号门前人行道堆放砂石、水泥等建筑材料约35平方米，影响市容和通行。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "现场测量堆放面积约35平方米，拍照取证12张"),
                   (d.wd(20), "询问", "询问当事人法定代表人周德明，其承认未办理临时占道审批")])


def _c04_investigating_proposed(d: _Demo) -> None:
    found, filed = d.wd(10), d.wd(9)
    cid = _lead(d, code="CG-042", cause="损坏城市绿化设施", discovered=found,
                party=_Party("person", "谢建平", person_id("19720914", 45, True), "崇州市怀远镇大雅村5组12号",
                             "13881972204"),
                place="怀远镇文庙街绿化带", officers=d.second_team,
                facts="当事人驾驶货车倒车时撞毁文庙街绿化带护栏6米、行道树1株，未及时报告。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "勘验", "绿化带护栏损毁6米，香樟树1株折断"),
                   (d.wd(7), "询问", "当事人对损坏事实无异议，愿意赔偿")], officers=d.second_team)
    _propose(d, cid, d.wd(5), fine_yuan=800, tier="一般",
             reasoning="损坏护栏6米、树木1株，未造成严重后果，属一般情节，按裁量基准一般阶次处罚")


def _c05_awaiting_review(d: _Demo) -> None:
    found, filed = d.wd(30), d.wd(28)
    cid = _lead(d, code="CG-010", cause="擅自设置大型户外广告", discovered=found,
                party=_Party("org", "崇州市蜀韵广告传媒有限公司", credit_code("MA62X4QH"),
                             "崇州市怀远镇新街社区文庙街18号", "028-82317788", legal_representative="冯晓东"),
                place="怀远镇怀远大道一段与蜀怀路交叉口",
                facts="当事人未经同意在怀远大道一段与蜀怀路交叉口楼顶设置单面广告牌一块，面积约48平方米。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "广告牌长12米、高4米，未见设置许可"),
                   (d.wd(25), "询问", "当事人称已向有关部门提出申请但尚未批准")])
    _propose(d, cid, d.wd(4), fine_yuan=5000, tier="一般", review=True,
             reasoning="广告面积48平方米，位于主要路口，按裁量基准一般阶次上限处罚，并责令限期拆除")
    _end(d, cid, d.wd(2))


def _c06_notified(d: _Demo) -> None:
    found, filed = d.wd(26), d.wd(25)
    cid = _lead(d, code="CG-008", cause="临街工地不设置护栏或者不作遮挡", discovered=found,
                party=_Party("org", "四川怀安建筑工程有限公司", credit_code("MA6DJ9LU"),
                             "崇州市怀远镇蜀怀路66号", "028-82319012", legal_representative="唐国庆"),
                place="怀远镇正街安置房项目工地",
                facts="当事人承建的正街安置房项目临街一侧约40米未设置围挡，建筑材料裸露，影响市容。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "临街一侧约40米未设置围挡"),
                   (d.wd(23), "询问", "项目负责人承认围挡因施工拆除后未恢复")])
    _propose(d, cid, d.wd(6), fine_yuan=2000, tier="一般",
             reasoning="未设围挡约40米，经责令后已部分整改，属一般情节")
    _end(d, cid, d.wd(4))
    _notice(d, cid, d.wd(1))  # the statement period (3 working days) runs out in two working days


def _c07_hearing(d: _Demo) -> None:
    found, filed = d.wd(40), d.wd(38)
    cid = _lead(d, code="CG-026", cause="餐饮服务业经营者超标排放油烟", discovered=found,
                party=_Party("org", "崇州市怀远老码头餐饮管理有限公司", credit_code("MA6B3R7N"),
                             "崇州市怀远镇正街88号", "028-82316633", legal_representative="曾晓燕"),
                place="怀远镇正街88号", source="投诉举报", reporter=("何秀英", "13699412257"),
                facts="当事人经营火锅店未正常使用油烟净化设施，经检测油烟排放浓度超过国家标准。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "油烟净化设施电源未接通"),
                   (d.wd(35), "检测鉴定", "委托第三方检测，油烟排放浓度3.6mg/m³，超过2.0mg/m³标准")])
    _propose(d, cid, d.wd(16), fine_yuan=20000, tier="一般",
             reasoning="超标排放，经群众多次投诉，属一般情节，按裁量基准一般阶次处罚")
    _end(d, cid, d.wd(14))
    notice = d.wd(12)
    _notice(d, cid, notice)
    requested = d.wd(10)
    with d.write(d.clerk, "case.hearing", "当事人申请听证") as s:
        hearing.record_statement(s, d.clerk, cid, env=d.at(requested), on=requested,
                                 summary="当事人称已更换净化设备，请求从轻处罚，并要求举行听证")
        hearing.request_hearing(s, d.clerk, cid, env=d.at(requested), on=requested)
    notify = d.wd(6)
    hearing_on = d.env.calendar.add_workdays(notify, 10)  # next week: notice 7 working days ahead
    with d.write(d.clerk, "case.hearing_notice", "送达听证通知书") as s:
        hearing.schedule_hearing(s, d.clerk, cid, env=d.at(notify), notice_on=notify, hearing_on=hearing_on,
                                 presider_id=d.presider)


def _c08_decided(d: _Demo) -> None:
    found, filed = d.wd(32), d.wd(31)
    cid = _lead(d, code="CG-012", cause="擅自在公共场地搭建构筑物", discovered=found,
                party=_Party("person", "唐玉兰", person_id("19680527", 12, False), "崇州市怀远镇正街142号",
                             "13980153327"),
                place="怀远镇正街142号旁公共场地",
                facts="当事人未经批准在正街142号旁公共场地搭建彩钢棚一处，面积约15平方米，用于堆放杂物。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "彩钢棚面积约15平方米"), (d.wd(29), "询问", "当事人承认未经审批搭建")])
    _propose(d, cid, d.wd(20), fine_yuan=1500, tier="一般",
             reasoning="搭建面积15平方米，已责令限期拆除，属一般情节")
    _end(d, cid, d.wd(18))
    _notice(d, cid, d.wd(16))
    _waive(d, cid, d.wd(15))
    _decide(d, cid, d.wd(3))  # served within 7 working days: still running, not yet due


def _c09_executing_overdue(d: _Demo) -> None:
    found, filed = d.wd(60), d.wd(59)
    cid = _lead(d, code="CG-007", cause="运输散装货物未覆盖造成遗撒", discovered=found,
                party=_Party("person", "冯德明", person_id("19810109", 27, True), "崇州市怀远镇三郎村7组3号",
                             "15928660471"),
                place="怀远镇怀远大道二段",
                facts="当事人驾驶川A·7K3Q2货车运输砂石未覆盖，沿怀远大道二段遗撒约200米。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "遗撒路段约200米，已责令当事人清扫"),
                   (d.wd(57), "询问", "当事人承认篷布破损未及时更换")])
    _propose(d, cid, d.wd(52), fine_yuan=1000, tier="一般", reasoning="遗撒约200米，已自行清理，属一般情节")
    _end(d, cid, d.wd(50))
    _notice(d, cid, d.wd(48))
    _waive(d, cid, d.wd(47))
    decided = d.wd(40)
    _decide(d, cid, decided)
    _published(d, cid, d.wd(38))
    _serve(d, cid, d.wd(38))  # 15 days to pay passed long ago, nothing paid: 已超期


def _c10_on_the_spot(d: _Demo) -> None:
    day = d.wd(6)
    cid = _lead(d, code="CG-001", cause="乱扔烟头等废弃物", discovered=day, procedure="simple",
                party=_Party("person", "王小军", person_id("19990821", 8, True), "崇州市怀远镇文庙街5号附2号",
                             "18180627735"),
                place="怀远镇怀远古镇游客中心广场",
                facts="当事人在怀远古镇游客中心广场随地乱扔烟头、饮料瓶，经劝阻拒不拾起。")
    env = d.at(day)
    with d.write(d.clerk, "case.on_spot", "当场处罚（简易程序）") as s:
        decision.on_spot_penalty(
            s, d.clerk, cid, env=env, on=day, officer_ids=list(d.investigators), form_number="0026418",
            fine_fen=100_00, certificate_shown=True, rights_informed=True, reconsideration_first_notified=True,
            discretion_reasoning="经劝阻拒不改正，按裁量基准一般阶次处罚",
        )
        decision.record_payment(s, d.clerk, cid, env=env, paid_on=day, amount_fen=100_00, channel="on_spot",
                                receipt_number="川财罚票No.0031522")
        decision.record_on_spot_filing(s, d.clerk, cid, env=env, on=day)
    with d.write(d.clerk, "case.handover", "当场收缴罚款交至机关") as s:
        from app.db.models.cases import Payment  # noqa: PLC0415

        payment_id = s.scalars(select(Payment.id).where(Payment.case_id == cid)).one()
        decision.record_handover(s, d.clerk, payment_id, env=env, on=day)
    with d.write(d.clerk, "case.publicity", "处罚决定公示") as s:
        queue_publicity(s, d.clerk, cid, env=env, on=day)
    _close(d, cid, d.wd(5), "当事人当场缴纳罚款100元，已于当日交至机关，决定书已备案")


def _c11_closed(d: _Demo) -> None:
    found, filed = d.wd(45), d.wd(44)
    cid = _lead(d, code="CG-003", cause="未经批准张贴宣传品", discovered=found,
                party=_Party("indiv_biz", "崇州市怀远镇鑫达装饰经营部", credit_code("L4WT8E5H", kind="92"),
                             "崇州市怀远镇新街社区文庙街40号", "13730858816", operator_name="何志刚",
                             trade_name="鑫达装饰"),
                place="怀远镇文庙街电杆及公交站台",
                facts="当事人未经批准在文庙街电杆、公交站台张贴装修广告共23处。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "张贴小广告23处，内容均为鑫达装饰联系电话"),
                   (d.wd(42), "询问", "经营者何志刚承认安排人员张贴")])
    _propose(d, cid, d.wd(36), fine_yuan=200, tier="一般", reasoning="张贴23处，已自行清除，属一般情节")
    _end(d, cid, d.wd(34))
    _notice(d, cid, d.wd(32))
    _waive(d, cid, d.wd(31))
    _decide(d, cid, d.wd(25), present=True)
    _serve(d, cid, d.wd(25))
    _published(d, cid, d.wd(23))
    _pay(d, cid, d.wd(20), 200, "农行崇州支行缴款书No.5101840042")
    _close(d, cid, d.wd(17), "当事人已缴清罚款200元，张贴物已清除")


def _c12_archived(d: _Demo) -> None:
    found, filed = d.wd(90), d.wd(89)
    cid = _lead(d, code="CG-029", cause="在人口集中地区焚烧垃圾", discovered=found,
                party=_Party("person", "杨桂芳", person_id("19620410", 16, False), "崇州市怀远镇大雅村2组8号",
                             "13086619925"),
                place="怀远镇大雅村2组居民聚居点",
                facts="当事人在大雅村2组居民聚居点露天焚烧生活垃圾及废旧塑料，产生浓烟和异味。")
    _file(d, cid, filed)
    _acts(d, cid, [(filed, "现场检查", "焚烧点面积约2平方米，现场有塑料残留"),
                   (d.wd(87), "询问", "当事人承认焚烧垃圾")])
    _propose(d, cid, d.wd(82), fine_yuan=1000, tier="一般", reasoning="在居民聚居点焚烧，已及时扑灭，属一般情节")
    _end(d, cid, d.wd(80))
    _notice(d, cid, d.wd(78))
    _waive(d, cid, d.wd(77))
    _decide(d, cid, d.wd(70))
    _serve(d, cid, d.wd(69))
    _published(d, cid, d.wd(68))
    _pay(d, cid, d.wd(62), 1000, "农行崇州支行缴款书No.5101840017")
    _close(d, cid, d.wd(58), "当事人已缴清罚款1000元")
    archived = d.wd(50)
    with d.write(d.clerk, "case.archive", "案卷归档") as s:
        decision.archive_case(s, d.clerk, cid, env=d.at(archived), on=archived)


# By priority, so that `cases=N` gives the N most useful ones (the stage spread first); each with
# how many working days ago its first step was, so the chosen ones are written oldest first and
# their 案号 and 决定书 numbers follow the dates.
_BUILDERS: list[tuple[Callable[[_Demo], None], int]] = [
    (_c01_lead_due_soon, 13), (_c09_executing_overdue, 60), (_c03_investigating_org, 24),
    (_c06_notified, 26), (_c07_hearing, 40), (_c08_decided, 32), (_c05_awaiting_review, 30),
    (_c10_on_the_spot, 6), (_c11_closed, 45), (_c12_archived, 90), (_c02_lead_complaint, 1),
    (_c04_investigating_proposed, 10),
]


def _refresh_deadlines(d: _Demo) -> None:
    """Fill the case list's deadline columns now, so the dashboard is right on first open."""
    from app.cases.listing import refresh_due  # noqa: PLC0415

    with d.store.write(d.clerk, "case.refresh_due", summary="更新办案期限") as session:
        refresh_due(session, env=d.env)


__all__ = ["DEMO_CASES", "credit_code", "person_id", "seed_demo_cases"]
