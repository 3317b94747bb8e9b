"""The `squaddesk` console script: subcommands run Qt-free in app.cli; no subcommand → the GUI."""

from __future__ import annotations

import argparse
import sys

from app.cli import main as cli_main


def _start_gui(args: argparse.Namespace) -> int:
    from ui.main import run_gui  # noqa: PLC0415 - Qt is loaded only when a window is wanted

    return run_gui(args)


def _gui_self_test(tmp) -> None:  # noqa: ANN001
    from ui.selftest import gui_self_test  # noqa: PLC0415

    gui_self_test(tmp)


def main() -> int:
    return cli_main(sys.argv[1:], gui=_start_gui, gui_self_test=_gui_self_test)


if __name__ == "__main__":
    raise SystemExit(main())
