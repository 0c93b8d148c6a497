"""bench: an open, reproducible benchmark of Python coding assistants."""

__version__ = "0.1.0"
