"""Bytes on disk, below any knowledge of workbooks.

- ``toml``: read a TOML file (bytes, UTF-8, parse), each failure as one line; tomllib's errors in words.
- ``atomic``: write a file atomically, keeping the previous one as ``.bak``.
- ``lock``: the lock beside a workbook.
- ``small``: validate and write the small TOML files (cohort, feedback, settings).
- ``describe``: pydantic validation errors as a place and a message.
"""
