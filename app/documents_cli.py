"""Document subcommands of `squaddesk` (verify), registered here so app/cli.py stays small."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    """`verify FILE.pdf`: is this a genuine, unaltered document issued by this office?"""
    from app.documents.cli import register_verify  # noqa: PLC0415

    register_verify(sub)
