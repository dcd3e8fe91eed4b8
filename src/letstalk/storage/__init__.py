"""Workbook files: the TOML codec and the open-workbook handle.

- ``codec``: workbook <-> TOML text (stable order, schema checks), reading a workbook file.
- ``handle``: :class:`WorkbookFile`, an open workbook (lock, save, save as, reload), and ``create``.
"""

from letstalk.files.atomic import BACKUP_SUFFIX
from letstalk.storage.codec import Stamp, decode, dumps, from_data, load, loads, read_bytes, render, to_data
from letstalk.storage.handle import Snapshot, WorkbookFile, create, refuse_newer_copy

__all__ = [
    "BACKUP_SUFFIX",
    "Snapshot",
    "Stamp",
    "WorkbookFile",
    "create",
    "decode",
    "dumps",
    "from_data",
    "load",
    "loads",
    "read_bytes",
    "refuse_newer_copy",
    "render",
    "to_data",
]
