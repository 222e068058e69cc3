"""How many processes udv may use at once: ``UDV_JOBS``, else at most two (one per core).

Kept apart from the modules that fork, so that asking costs no import of what they need.
"""

from __future__ import annotations

import os


def jobs() -> int:
    """How many processes may work at once (``UDV_JOBS``, else at most two)."""
    value = os.environ.get("UDV_JOBS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return min(2, os.cpu_count() or 1)
