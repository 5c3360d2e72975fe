"""Rehearse the second-round job interview: an executive who probes, and a grader who cites you."""

__version__ = "0.1.0"
