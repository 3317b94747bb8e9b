"""Case-file services: parties, the lawful lifecycle, clocks, evidence, publicity and queries.

Every service takes a `Session` opened by `Store.write(actor, action)` (the caller owns the
transaction), checks the actor's role, runs the procedure state machine, and returns plain frozen
dataclasses from `app.cases.views` — never ORM objects.
"""

# Registers the hook that writes an issued decision document's number back to its case.
from app.cases import numbers as _numbers  # noqa: E402,F401
