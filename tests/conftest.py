"""Suite-wide settings: hypothesis profiles sized so the whole suite stays well under 10 minutes."""

import os
import tempfile

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,  # timing belongs in benchmarks/, never in unit tests
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# The library keeps its secrets (pack and ledger keys) outside what it writes; the tests
# keep them in a folder of their own, never in the user's home.
os.environ.setdefault("BEHAVIOURS_KEYS", tempfile.mkdtemp(prefix="behaviours-test-keys-"))
