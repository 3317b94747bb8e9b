"""Document subcommands of `squaddesk` (verify), registered here so app/cli.py stays small."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    """The documents module adds `verify FILE.pdf` here once issued documents exist."""
    try:
        from app.documents.cli import register_verify  # noqa: PLC0415
    except ImportError:
        return
    register_verify(sub)
