"""Officer certification (持证上岗): roster, certificates, the checks at the moment of enforcement.

`eligibility` is the one service the rest of the app calls before an act; `warning_count` is what
the main window shows on its status bar.
"""

from __future__ import annotations


def warning_count(store, today, prefs) -> int:  # noqa: ANN001 - Store, date, Preferences
    """Certificates that need attention today (see app.officers.warnings.warning_count)."""
    from app.officers.warnings import warning_count as count  # noqa: PLC0415

    return count(store, today, prefs)
