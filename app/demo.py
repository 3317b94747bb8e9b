"""Demo data for `make run` and `squaddesk demo-data`: a squad, its officers, cases in every stage.

Each area contributes its own `seed_demo` (officers, cases, documents); this module orders them.
Seeding is idempotent: a folder that already has the demo squad is left alone.
"""

from __future__ import annotations

from sqlalchemy import select

from app.clock import china_today
from app.db.models.core import Squad

DEMO_SQUAD_NAME = "崇州市综合行政执法局怀远中队"
# Demo accounts, one per role; shown on the login screen of a demo data folder only.
DEMO_PASSWORD = "Huaiyuan#2026demo"
DEMO_USERS = [
    ("wenshu", "刘文书", ["clerk"]),
    ("zhongduizhang", "张建国", ["leader"]),     # names match the demo roster's posts
    ("duiyuan", "李明", ["officer"]),
    ("fazhi", "王芳", ["reviewer"]),
    ("admin", "系统管理员", ["admin"]),
]
DEMO_HINT = ("演示数据：用户 wenshu（内勤）、zhongduizhang（中队长）、duiyuan（执法队员）、"
             f"fazhi（法制审核员）、admin（管理员），密码均为 {DEMO_PASSWORD}")


def seed_demo(opened, *, cases: int = 12) -> str:  # noqa: ANN001 - app.bootstrap.Opened
    actor = opened.system_actor("演示数据", roles=frozenset({"clerk", "leader", "admin", "reviewer"}))
    with opened.store.read() as session:
        exists = session.scalar(select(Squad).where(Squad.id == opened.squad_id))
    if exists is not None:
        return "已有演示数据，未重复写入"
    with opened.store.write(actor, "demo.seed_squad", summary="写入演示中队", origin="sync") as s:
        s.add(Squad(id=opened.squad_id, squad_id=opened.squad_id, name=DEMO_SQUAD_NAME,
                    township="怀远镇", issuing_authority="崇州市综合行政执法局",
                    authority_short="崇综执", revision=1, updated_at=_now(),
                    updated_by="县局"))
    _seed_users(opened, actor)
    parts = ["中队 1 个", f"用户 {len(DEMO_USERS)} 个"]
    today = china_today()
    for seeder in _area_seeders():
        parts.append(seeder(opened, actor, today=today, cases=cases))
    return "，".join(parts)


def _seed_users(opened, actor) -> None:  # noqa: ANN001
    from app.security.accounts import create_user, has_users  # noqa: PLC0415

    with opened.store.write(actor, "demo.users", summary="写入演示账户") as session:
        if has_users(session):
            return
        for login, name, roles in sorted(DEMO_USERS, key=lambda u: u[2] != ["admin"]):
            create_user(session, login=login, display_name=name, roles=roles,
                        password=DEMO_PASSWORD, actor=actor)
            session.flush()


def is_demo_folder(opened) -> bool:  # noqa: ANN001
    from app.security.accounts import find_user  # noqa: PLC0415

    with opened.store.read() as session:
        squad = session.scalar(select(Squad).where(Squad.id == opened.squad_id))
        return squad is not None and squad.name == DEMO_SQUAD_NAME and find_user(session, "wenshu") is not None


def _now():  # noqa: ANN202
    from app.clock import utc_now  # noqa: PLC0415

    return utc_now()


def _area_seeders():  # noqa: ANN202
    """Officers before cases: the demo cases name officers from the demo roster."""
    from app.cases.demo import seed_demo_cases  # noqa: PLC0415
    from app.officers.demo import seed_demo_officers  # noqa: PLC0415

    return [seed_demo_officers, seed_demo_cases]
