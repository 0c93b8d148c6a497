"""Importing this module registers the built-in kinds (each module registers itself)."""

from bench.kinds import _debug, _function, _multifile, _refactor, _review, _testgen  # noqa: F401
