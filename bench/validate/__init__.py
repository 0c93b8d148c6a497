"""Validating the task suite beyond its schema: references executed in the sandbox."""

from bench.validate._references import ReferenceCheck, check_references

__all__ = ["ReferenceCheck", "check_references"]
