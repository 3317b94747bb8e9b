"""Autogenerate a local-store migration against a scratch database upgraded to the current heads.

Usage: .venv/bin/python scripts/new_migration.py "sentence-long message" [--rev-id 0002_officers]
Read the generated file before committing it; prune tables that belong to someone else's work.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command

from app.db.engine import make_engine
from app.db.migrate import alembic_config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("--rev-id", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(Path(tmp) / "scratch.db")
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=args.message, autogenerate=True, rev_id=args.rev_id)
        engine.dispose()


if __name__ == "__main__":
    main()
