"""Eligibility as a case action sees it: every status transition and its effect on who may act."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db.models.officers import Certificate, Officer
from app.errors import Forbidden, Invalid
from app.officers import registry
from app.officers.eligibility import (
    CertStatus,
    EligibilityRefused,
    certificate_status_on,
    check_handling_officers,
    check_hearing_presider,
    check_helpers,
    check_legal_reviewer,
    handling_officers,
    who_may_act,
)

DAY = date(2026, 6, 1)


def investigate(store, ids, *, on=DAY, field="城市管理", act="调查取证"):
    """What a case action does before recording an investigative act."""
    with store.read() as s:
        check_handling_officers(s, ids, on=on, field=field, act=act)


def names_who_may_act(store, on=DAY, field=None):
    with store.read() as s:
        return [o.name for o in who_may_act(s, on, field)]


def test_two_valid_officers_may_investigate(store, county):
    a, b = county.officer("张三"), county.officer("李明")
    investigate(store, [a, b])
    assert names_who_may_act(store) == sorted(["张三", "李明"])


def test_one_officer_alone_is_refused_citing_article_42(store, county):
    a = county.officer("张三")
    with pytest.raises(EligibilityRefused) as err:
        investigate(store, [a])
    assert str(err.value) == "调查取证须由两名以上持有效执法证的执法人员进行（《行政处罚法》第四十二条）"


def test_the_same_officer_twice_counts_once(store, county):
    a = county.officer("张三")
    with pytest.raises(Invalid, match="第四十二条"):
        investigate(store, [a, a])


def test_expired_certificate_blocks_with_the_date(store, county):
    a = county.officer("张三", valid_until=date(2026, 3, 1))
    b = county.officer("李明")
    with pytest.raises(EligibilityRefused) as err:
        investigate(store, [a, b])
    assert err.value.problems[0] == "张三 执法证已于2026年3月1日过期"
    assert "第四十二条" in err.value.problems[1]
    # An act dated before the expiry was fine.
    investigate(store, [a, b], on=date(2026, 3, 1))
    assert "张三" not in names_who_may_act(store)


def test_auxiliary_staff_cannot_handle_but_may_help_and_serve(store, county):
    a, b = county.officer("张三"), county.officer("王强")
    aux = county.auxiliary("李四")
    with pytest.raises(Invalid, match="李四 为辅助人员，不能作为承办人"):
        investigate(store, [a, b, aux])
    with store.read() as s:
        check_helpers(s, [aux], on=DAY, role="协助")
        check_helpers(s, [aux], on=DAY, role="送达")
        with pytest.raises(Invalid, match="只能协助执法或送达文书"):
            check_helpers(s, [aux], on=DAY, role="询问")
    assert "李四" not in names_who_may_act(store)


def test_suspension_blocks_from_its_date_and_reinstatement_restores(store, county):
    a, b = county.officer("王五"), county.officer("李明")
    county.status(a, "暂扣", on=date(2026, 5, 1))
    with pytest.raises(Invalid, match="王五 执法证已暂扣"):
        investigate(store, [a, b])
    investigate(store, [a, b], on=date(2026, 4, 30))  # the act before the suspension stands
    county.status(a, "有效", on=date(2026, 7, 1))
    investigate(store, [a, b], on=date(2026, 7, 1))
    with pytest.raises(Invalid, match="暂扣"):
        investigate(store, [a, b], on=date(2026, 6, 15))


def test_revocation_is_final_and_names_the_no_reapply_date(store, county):
    a, b = county.officer("赵刚"), county.officer("李明")
    county.status(a, "吊销", on=date(2026, 5, 1), no_reapply_until=date(2028, 5, 1))
    with pytest.raises(Invalid, match="赵刚 执法证已吊销，2028年5月1日前不得重新申领"):
        investigate(store, [a, b])
    with pytest.raises(Invalid, match="不能变更为「有效」"):
        county.status(a, "有效", on=date(2026, 6, 1))


def test_cancellation_blocks(store, county):
    a, b = county.officer("钱进"), county.officer("李明")
    county.status(a, "注销", on=date(2026, 5, 1))
    with pytest.raises(Invalid, match="钱进 执法证已注销"):
        investigate(store, [a, b])
    assert names_who_may_act(store) == ["李明"]


def test_lost_card_blocks_the_old_number_and_the_new_one_acts(store, county):
    a, b = county.officer("孙丽", number="51010000001"), county.officer("李明")
    county.lost(a, new_number="51010000002", on=date(2026, 5, 1))
    investigate(store, [a, b])
    with store.read() as s:
        officer = s.get(Officer, a)
        old, new = officer.certificates
        assert certificate_status_on(old, DAY) is CertStatus.REPLACED
        assert old.replaced_by_id == new.id and new.replaces_id == old.id
        assert certificate_status_on(new, DAY) is CertStatus.VALID
        [status] = [o for o in who_may_act(s, DAY) if o.name == "孙丽"]
        assert status.certificate_number == "51010000002"


def test_renewal_window_warns_but_still_allows(store, county):
    a, b = county.officer("周敏", valid_until=date(2026, 7, 15)), county.officer("李明")
    with store.read() as s:
        cert = s.get(Officer, a).certificates[0]
        assert certificate_status_on(cert, DAY, 60) is CertStatus.RENEWAL_DUE
        assert certificate_status_on(cert, DAY, 30) is CertStatus.VALID
        assert certificate_status_on(cert, date(2026, 7, 16), 60) is CertStatus.EXPIRED
        assert certificate_status_on(cert, date(2021, 12, 31), 60) is CertStatus.NOT_YET_VALID
    investigate(store, [a, b])


def test_field_not_covered_is_refused(store, county):
    a = county.officer("赵六", fields=("市场监管",))
    b = county.officer("李明")
    with pytest.raises(Invalid, match="赵六 执法证的执法类别不含「城市管理」"):
        investigate(store, [a, b])
    assert names_who_may_act(store, field="城市管理") == ["李明"]
    investigate(store, [a, b], field=None)


def test_officer_without_certificate_or_who_left(store, county):
    a = county.officer("吴新", number=None)
    b = county.officer("郑伟", is_active=False)
    with pytest.raises(EligibilityRefused) as err:
        investigate(store, [a, b])
    assert err.value.problems[:2] == ["吴新 未持有执法证", "郑伟 已离岗，不能参与执法"]


def test_legal_reviewer_needs_legal_qualification(store, county):
    ok = county.officer("冯律", is_legal_reviewer=True, legal_qualification_no="A20165101000123")
    no = county.officer("陈平", is_legal_reviewer=True)
    with store.read() as s:
        check_legal_reviewer(s, ok, DAY)
        with pytest.raises(Invalid, match="陈平 未登记法律职业资格"):
            check_legal_reviewer(s, no, DAY)


def test_hearing_presider_not_an_investigator_and_credential_optional(store, county):
    a, b = county.officer("张三"), county.officer("李明")
    p = county.officer("冯律", is_hearing_presider=True)
    aux = county.auxiliary("李四")
    with store.read() as s:
        check_hearing_presider(s, p, on=DAY, investigator_ids=[a, b], require_credential=True)
        check_hearing_presider(s, b, on=DAY, investigator_ids=[a])
        with pytest.raises(Invalid, match="张三 是本案调查人员，不能主持听证"):
            check_hearing_presider(s, a, on=DAY, investigator_ids=[a, b])
        with pytest.raises(Invalid, match="李明 未取得听证主持人资格"):
            check_hearing_presider(s, b, on=DAY, investigator_ids=[a], require_credential=True)
        with pytest.raises(Invalid, match="辅助人员"):
            check_hearing_presider(s, aux, on=DAY)


def test_township_cannot_edit_county_data_but_may_add_notes(store, actor, county):
    a = county.officer("张三")
    with store.write(actor, "officers.edit") as s:
        with pytest.raises(Forbidden, match="县局统一管理"):
            registry.record_status(s, s.get(Officer, a).certificates[0], "暂扣",
                                   effective_on=DAY, reason="x")
        registry.add_note(s, a, "六月借调县局专项整治")
    with store.read() as s:
        assert s.get(Officer, a).certificates[0].status == "有效"


def test_certificate_rows_are_read_only_reference_data(store, county):
    from sqlalchemy import func, select

    from app.db.models.core import OutboxEntry

    county.officer("张三")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
        assert s.scalar(select(func.count()).select_from(Certificate)) == 1


STATES = ["有效", "暂扣", "过期", "吊销", "注销"]


@pytest.mark.parametrize("start", STATES + ["遗失补办"])
@pytest.mark.parametrize("target", STATES)
def test_every_recorded_transition_follows_the_table(store, county, start, target):
    a = county.officer("张三", number="51019999001")
    b = county.officer("李明")
    if start == "遗失补办":
        county.lost(a, new_number="51019999002", on=date(2026, 5, 1))
    elif start != "有效":
        county.status(a, start, on=date(2026, 5, 1))
    allowed = target in registry.TRANSITIONS[start]
    with store.write(county.actor, "sync.test", origin="sync") as s:
        cert = s.scalar(select(Certificate).where(Certificate.number == "51019999001"))
        if allowed:
            registry.record_status(s, cert, target, effective_on=date(2026, 5, 20), reason="县局决定")
        else:
            with pytest.raises(Invalid):
                registry.record_status(s, cert, target, effective_on=date(2026, 5, 20), reason="x")
    final = target if allowed else start
    may_act_after = final == "有效" or (start == "遗失补办")   # the new card acts for a lost one
    assert ("张三" in names_who_may_act(store)) is may_act_after
    if may_act_after:
        investigate(store, [a, b])
    else:
        with pytest.raises(EligibilityRefused, match="张三"):
            investigate(store, [a, b])


def test_handling_officers_gives_the_numbers_to_print_on_the_record(store, county):
    a = county.officer("张三", number="51010000001")
    b = county.officer("李明", number="51010000002")
    with store.read() as s:
        people = handling_officers(s, [b, a], on=DAY, field="城市管理", act="现场检查")
    assert [(p.name, p.certificate_number) for p in people] == [
        ("李明", "51010000002"), ("张三", "51010000001")]


def test_acts_before_a_known_departure_date_stand(store, county):
    a = county.officer("郑伟", is_active=False, left_on=date(2026, 5, 1))
    b = county.officer("李明")
    investigate(store, [a, b], on=date(2026, 4, 30))
    with pytest.raises(Invalid, match="郑伟 已于2026年5月1日离岗，不能参与执法"):
        investigate(store, [a, b], on=date(2026, 5, 1))
