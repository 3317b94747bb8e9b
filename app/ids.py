"""Client-made identifiers: every synced row gets a UUID on the PC that created it."""

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
