"""The first-run wizard (enroll with the county or open the demo, then the first administrator)."""

from __future__ import annotations

from ui.firstrun.wizard import FirstRunWizard


def run_first_run(opened) -> bool:  # noqa: ANN001 - app.bootstrap.Opened
    """Show the wizard; True when someone can now log in (False: the clerk left it)."""
    from app.firstrun import needs_first_run  # noqa: PLC0415

    wizard = FirstRunWizard(opened)
    wizard.exec()
    return not needs_first_run(opened)


__all__ = ["FirstRunWizard", "run_first_run"]
