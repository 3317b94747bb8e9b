"""Demo data for `make run` and `squaddesk demo-data`: a squad, its officers, cases in every stage.

Each area contributes its own `seed_demo` (officers, cases, documents); this module orders them.
Seeding is idempotent: a folder that already has the demo squad is left alone.
"""

from __future__ import annotations

from sqlalchemy import select

from app.clock import china_today
from app.db.models.core import Squad

DEMO_SQUAD_NAME = "崇州市综合行政执法局怀远中队"


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
    parts = ["中队 1 个"]
    today = china_today()
    for seeder in _area_seeders():
        parts.append(seeder(opened, actor, today=today, cases=cases))
    return "，".join(parts)


def _now():  # noqa: ANN202
    from app.clock import utc_now  # noqa: PLC0415

    return utc_now()


def _area_seeders():  # noqa: ANN202
    seeders = []
    try:
        from app.officers.demo import seed_demo_officers  # noqa: PLC0415
        seeders.append(seed_demo_officers)
    except ImportError:
        pass
    try:
        from app.cases.demo import seed_demo_cases  # noqa: PLC0415
        seeders.append(seed_demo_cases)
    except ImportError:
        pass
    return seeders
