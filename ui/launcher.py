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


def _attach_parent_console() -> None:
    """The Windows bundle is a windowed program (no console of its own), so `squaddesk.exe
    self-test` typed in cmd.exe would print nothing. Borrow the console of the cmd.exe that
    started it, if any; started from Explorer there is none and nothing changes."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes  # noqa: PLC0415

    ATTACH_PARENT_PROCESS = -1  # noqa: N806 - the Win32 name
    if not ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS):  # type: ignore[attr-defined]
        return
    try:
        # "CONOUT$" opens as console I/O (WriteConsoleW): Chinese shows right whatever the code page.
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        sys.stdout = sys.stderr = None  # type: ignore[assignment] - as before: print() stays silent


def main() -> int:
    _attach_parent_console()
    return cli_main(sys.argv[1:], gui=_start_gui, gui_self_test=_gui_self_test)


if __name__ == "__main__":
    raise SystemExit(main())
