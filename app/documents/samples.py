"""A realistic sample case (怀远镇, 崇州市) filling every shipped template: for tests, the benchmark,
template previews in the UI, and the county administrator checking a new template version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

SAMPLE_ISSUE_DATE = date(2026, 4, 8)
SAMPLE_CASE_ID = "6f1c2d3e-4b5a-4c6d-8e7f-112233445566"

OFFICERS = [
    {"name": "张伟", "cert_no": "51018400123"},
    {"name": "李娜", "cert_no": "51018400456"},
]

PARTY: dict[str, Any] = {
    "party_name": "崇州市怀远镇鑫源建材经营部",
    "party_id_label": "统一社会信用代码",
    "party_id_no": "92510184MA6CXY1234",
    "party_representative": "王建国",
    "party_address": "四川省崇州市怀远镇正东街88号",
    "party_phone": "13808001234",
}

CASE: dict[str, Any] = {
    **PARTY,
    "case_cause": "未经批准擅自占用城市道路堆放物料",
    "case_number": "崇综执立字〔2026〕7号",
    "filing_date": "2026年3月2日",
    "officers": OFFICERS,
    "recorder": "李娜",
    "facts": "2026年3月1日10时许，本机关执法人员在怀远镇正东街巡查时发现，当事人在其经营部门前"
             "人行道上堆放砂石、水泥等建筑材料，占用道路面积约45平方米，未取得城市道路占用许可。"
             "经责令限期改正，当事人逾期未改正。",
    "evidence_text": "1.现场检查笔录一份；2.现场照片十二张；3.询问笔录一份；4.当事人营业执照复印件一份；"
                     "5.责令限期改正通知书及送达回证各一份。",
    "violated_provision": "《城市道路管理条例》第二十七条第（六）项",
    "penalty_basis": "《城市道路管理条例》第四十二条",
    "discretion_reasoning": "当事人占道面积45平方米，属《四川省城市管理行政处罚裁量基准》规定的“一般”"
                            "情形；经责令改正后逾期未改正，无从轻、减轻情节，依据该基准第3.2.1项，"
                            "对其处以罚款人民币贰仟元。",
    "penalty_text": "罚款人民币贰仟元整（¥2,000.00）。",
    "fine_amount_text": "人民币贰仟元整（¥2,000.00）",
}

DECISION_NUMBER = "崇综执罚决字〔2026〕12号"

_PER_TYPE: dict[str, dict[str, Any]] = {
    "penalty_decision": {
        "statement_handling": "本机关于2026年3月20日向当事人送达了《行政处罚事先告知书》"
                              "（崇综执告字〔2026〕9号），告知其拟作出行政处罚的事实、理由、依据及其依法享有的"
                              "陈述、申辩权利。当事人在法定期限内未提出陈述申辩。",
    },
    "filing_approval": {
        "case_source": "执法巡查发现", "discovered_at": "2026年3月1日10时15分",
        "brief_facts": "2026年3月1日，执法人员巡查发现当事人在怀远镇正东街88号门前人行道上堆放砂石、"
                       "水泥等建筑材料，占道面积约45平方米，涉嫌未经批准擅自占用城市道路。",
        "legal_basis": "《城市道路管理条例》第二十七条第（六）项、第四十二条",
        "handler_opinion": "当事人涉嫌违法，符合立案条件，建议立案调查。", "handler_names": "张伟、李娜",
        "handler_date": "2026年3月1日", "unit_opinion": "同意立案。", "unit_head": "刘强",
        "unit_date": "2026年3月2日", "head_opinion": "同意立案，由张伟、李娜承办。", "head_name": "陈明",
        "head_date": "2026年3月2日",
    },
    "inspection_record": {
        "start_time": "2026年3月1日10时15分", "end_time": "10时40分", "place": "崇州市怀远镇正东街88号门前",
        "inspected_person": "王建国", "inspected_relation": "经营者",
        "situation": "现场人行道上堆放砂石约8立方米、袋装水泥约60袋，堆放范围长约15米、宽约3米，"
                     "占用人行道面积约45平方米。被检查人未能出示城市道路占用许可。",
        "media_list": "拍摄照片12张（编号IMG_0301—IMG_0312），执法记录仪录像1段（时长约25分钟）。",
        "witness": "赵大勇",
    },
    "inquiry_record": {
        "start_time": "2026年3月5日9时30分", "end_time": "10时20分", "place": "崇州市综合行政执法局怀远中队询问室",
        "interviewee": "王建国", "interviewee_sex": "男", "interviewee_id": "510184197805123419",
        "interviewee_birth": "1978年5月12日", "interviewee_employer": "崇州市怀远镇鑫源建材经营部经营者",
        "interviewee_address": "四川省崇州市怀远镇正东街88号", "interviewee_phone": "13808001234",
        "interviewee_relation": "当事人经营者",
        "qa": [
            {"q": "请介绍一下你的基本情况。", "a": "我叫王建国，是鑫源建材经营部的经营者，营业执照上登记的就是我。"},
            {"q": "2026年3月1日你经营部门前人行道上堆放的砂石、水泥是谁的？", "a": "是我经营部的货，当天上午刚到的货。"},
            {"q": "占用人行道堆放物料是否经过有关部门批准？", "a": "没有办过手续，想着放几天就卖完了。"},
            {"q": "执法人员责令你3月3日前清理，你为什么没有清理？", "a": "这几天生意忙，没来得及，我马上清理。"},
        ],
    },
    "evidence_preservation_notice": {
        "items": [
            {"name": "袋装水泥", "spec": "P.O42.5，50千克/袋", "quantity": "60袋", "note": "就地封存"},
            {"name": "建筑用砂石", "spec": "中砂", "quantity": "约8立方米", "note": "就地封存"},
        ],
        "storage_place": "崇州市怀远镇正东街88号经营部仓库", "preservation_period": "七日",
        "approval_date": "2026年3月5日",
    },
    "correction_order": {
        "found_date": "2026年3月1日",
        "facts": "在怀远镇正东街88号门前人行道上堆放砂石、水泥等建筑材料，占用道路面积约45平方米，"
                 "未取得城市道路占用许可。",
        "correction_deadline": "2026年3月3日18时",
        "correction_requirements": "清除占道堆放的全部物料，恢复人行道原状。",
        "consequence": "逾期不改正的，本机关将依法予以行政处罚。",
    },
    "investigation_report": {
        "investigation": "执法人员于2026年3月1日进行现场检查并制作笔录，3月1日责令当事人限期改正，"
                         "3月4日复查发现当事人逾期未改正，3月5日对当事人经营者进行询问并制作询问笔录。",
        "evidence": [
            {"name": "现场检查笔录", "proves": "当事人占道堆放物料的时间、地点和面积"},
            {"name": "现场照片十二张", "proves": "占道堆放的现场状况"},
            {"name": "询问笔录", "proves": "当事人承认未经批准占道堆放"},
            {"name": "营业执照复印件", "proves": "当事人主体资格"},
        ],
        "qualification": "当事人未经批准擅自占用城市道路堆放物料，事实清楚，证据确实充分。",
        "proposal": "建议对当事人处以罚款人民币贰仟元整。", "handler_names": "张伟、李娜",
        "report_date": "2026年3月15日",
    },
    "legal_review_opinion": {
        "submitted_date": "2026年3月16日",
        "review_findings": "本案执法主体合法，执法人员均持有效执法证件；立案、调查、告知等程序合法；"
                           "事实清楚，证据确实充分；适用法律正确，裁量适当。",
        "conclusion": "同意承办机构的处理意见。", "reviewer": "周敏", "reviewer_qualification": "A20185101840123",
        "review_date": "2026年3月17日",
    },
    "collective_discussion": {
        "meeting_time": "2026年3月18日15时", "meeting_place": "崇州市综合行政执法局三楼会议室",
        "chair": "陈明", "attendees": "陈明、刘强、周敏、杨洋、黄磊", "presenter": "张伟",
        "discussion": "承办人汇报了案件事实、证据、法律依据和处理建议。与会人员认为事实清楚、证据充分，"
                      "当事人经责令改正逾期未改，适用一般情形裁量适当。",
        "conclusion": "同意对当事人处以罚款人民币贰仟元整。",
    },
    "prior_notice": {
        "proposed_penalty": "罚款人民币贰仟元整。", "reply_days": "3", "hearing_applicable": True,
        "hearing_days": "5", "contact_person": "张伟", "contact_phone": "028-82212345",
        "agency_address": "四川省崇州市崇阳街道蜀州中路268号",
    },
    "hearing_notice": {
        "request_date": "2026年3月23日", "hearing_time": "2026年4月2日9时30分",
        "hearing_place": "崇州市综合行政执法局听证室", "presider": "周敏", "hearing_recorder": "杨洋",
        "hearing_public": "公开", "contact_person": "张伟", "contact_phone": "028-82212345",
    },
    "statement_record": {
        "start_time": "2026年3月23日14时", "end_time": "14时30分", "place": "崇州市综合行政执法局怀远中队",
        "statement_person": "王建国",
        "statement": "我承认占道堆放，但当时货刚到，堆放时间不长，现已全部清理，请求从轻处罚。",
    },
    "no_penalty_decision": {
        "no_penalty_ground": "当事人的违法行为轻微并及时改正，没有造成危害后果。依据《中华人民共和国行政处罚法》"
                             "第三十三条第一款的规定，本机关决定不予行政处罚。",
        "education": "本机关已对当事人进行了批评教育，当事人表示今后严格遵守城市道路管理规定。",
    },
    "onsite_decision": {
        "violation_time": "2026年4月8日9时10分", "violation_place": "崇州市怀远镇正东街15号门前",
        "facts": "当事人在人行道上设摊经营水果，占用人行道约3平方米。",
        "violated_provision": "《城市市容和环境卫生管理条例》第十四条",
        "penalty_basis": "《城市市容和环境卫生管理条例》第三十六条第（二）项",
        "penalty_text": "罚款人民币伍拾元整（¥50.00）。", "collected_on_spot": False,
    },
    "service_receipt": {
        "served_document": f"行政处罚决定书（{DECISION_NUMBER}）", "recipient": "崇州市怀远镇鑫源建材经营部（王建国）",
        "service_place": "四川省崇州市怀远镇正东街88号", "service_method": "直接送达", "server_names": "张伟、李娜",
    },
    "service_address_confirmation": {
        "service_address": "四川省崇州市怀远镇正东街88号", "postal_code": "611236",
        "recipient_phone": "13808001234", "email": "xinyuan88@example.com", "consent_electronic": "同意",
    },
    "payment_notice": {
        "decision_number": DECISION_NUMBER, "decision_date": "2026年4月8日", "amount_text": "人民币贰仟元整（¥2,000.00）",
        "payment_deadline": "2026年4月23日", "payment_code": "5101842026000012",
    },
    "demand_notice": {
        "decision_number": DECISION_NUMBER, "decision_date": "2026年4月8日", "served_date": "2026年4月9日",
        "amount_text": "人民币贰仟元整", "surcharge_text": "人民币贰仟元整", "total_text": "人民币肆仟元整",
        "performance_deadline": "2026年11月20日", "reply_days": "3",
    },
    "closing_approval": {
        "decision_number": DECISION_NUMBER, "decision_summary": "对当事人处以罚款人民币贰仟元整。",
        "execution_result": "当事人已于2026年4月15日足额缴纳罚款，占道物料已清除。",
        "payment_proof": "非税收入一般缴款书No.5101842026041500123",
        "remedy_status": "当事人未申请行政复议，未提起行政诉讼。", "handler_opinion": "处罚决定已执行完毕，建议结案。",
        "handler_names": "张伟、李娜", "handler_date": "2026年4月16日", "head_opinion": "同意结案。",
        "head_name": "陈明", "head_date": "2026年4月17日",
    },
    "archive_cover": {
        "case_title": "崇州市怀远镇鑫源建材经营部未经批准擅自占用城市道路堆放物料案",
        "decision_number": DECISION_NUMBER, "closing_date": "2026年4月17日", "retention": "定期30年",
        "document_count": "12", "page_total": "28", "archive_no": "20260001", "volume_kind": "正卷",
    },
    "archive_index": {
        "case_title": "崇州市怀远镇鑫源建材经营部未经批准擅自占用城市道路堆放物料案",
        "entries": [
            {"number": "崇综执立字〔2026〕7号", "responsible": "崇州市综合行政执法局", "title": "立案审批表",
             "date": "2026-03-02", "pages": "1-2"},
            {"number": DECISION_NUMBER, "responsible": "崇州市综合行政执法局", "title": "行政处罚决定书",
             "date": "2026-04-08", "pages": "3-5"},
        ],
    },
    "archive_note": {
        "case_title": "崇州市怀远镇鑫源建材经营部未经批准擅自占用城市道路堆放物料案",
        "document_count": "12", "page_total": "28", "defects": "无缺损、修改情况。", "compiler": "李娜",
        "compile_date": "2026年4月20日", "checker": "刘强", "check_date": "2026年4月21日",
    },
}

SAMPLE_NUMBERS = {
    "penalty_decision": DECISION_NUMBER,
    "filing_approval": "崇综执立字〔2026〕7号",
    "evidence_preservation_notice": "崇综执登保字〔2026〕3号",
    "correction_order": "崇综执改字〔2026〕15号",
    "legal_review_opinion": "崇综执审字〔2026〕4号",
    "prior_notice": "崇综执告字〔2026〕9号",
    "hearing_notice": "崇综执听通字〔2026〕1号",
    "no_penalty_decision": "崇综执不罚字〔2026〕2号",
    "onsite_decision": "崇综执当罚字〔2026〕31号",
    "payment_notice": "崇综执缴字〔2026〕12号",
    "demand_notice": "崇综执催字〔2026〕5号",
    "closing_approval": "崇综执结字〔2026〕6号",
    "service_receipt": "",
}


def sample_context(doc_type: str) -> dict[str, Any]:
    """The sample case's context for `doc_type` (a fresh dict the caller may change)."""
    ctx = {**CASE, **_PER_TYPE.get(doc_type, {})}
    if doc_type == "onsite_decision":
        ctx.update(party_name="刘小兵", party_id_label="居民身份证号码", party_id_no="510184199001011234",
                   party_representative="", party_address="四川省崇州市怀远镇古城社区3组", party_phone="13980012345")
    return ctx


def sample_number(doc_type: str) -> str:
    return SAMPLE_NUMBERS.get(doc_type, "")
