"""Migrations are the only way the schema changes: they must build exactly what the models say."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import app.db.models  # noqa: F401
from app.db.base import Base
from app.db.engine import make_engine
from app.db.migrate import script_heads


def test_migrations_reach_the_models(db_path):
    engine = make_engine(db_path)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    # FTS5 shadow tables and other virtual tables are managed by raw SQL in migrations.
    diff = [d for d in diff if not (d[0] == "remove_table" and "fts" in d[1].name)]
    assert diff == [], f"models and migrations disagree: {diff}"


def test_one_linear_head():
    assert len(script_heads()) == 1, f"several migration heads: {script_heads()}"


def test_the_quick_revision_scan_agrees_with_alembic():
    """Start-up reads heads with two regexes (no Alembic import); they must match Alembic's."""
    from alembic.script import ScriptDirectory

    from app.db.migrate import _revision_graph, alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    revisions, heads = _revision_graph()
    assert set(heads) == set(script.get_heads())
    assert set(revisions) == {r.revision for r in script.walk_revisions()}
