"""letstalk: a terminal workbook for school librarians building partnerships."""

__version__ = "0.1.0"
