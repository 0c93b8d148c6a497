"""What the server process and `LocalModelServer` agree on, kept apart from both.

`_serve` runs as `python -m`, so the package must not import it (runpy would warn that the
module was already imported); both sides import these constants from here instead.
"""

SERVE_MODULE = "bench.localmodel._serve"
"""Module run with `python -m` as the server process."""

READY_PREFIX = "bench-localmodel-ready "
"""Start of the one stdout line that tells the parent where the server listens."""

EXIT_START_FAILED = 3
"""Exit code when llama.cpp refused to start (details are in the stderr log)."""
