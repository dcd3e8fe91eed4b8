"""User settings (the theme, how slashed dates are read, per-workbook records), in a TOML file in the config folder."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from letstalk.errors import LetsTalkError
from letstalk.files import toml


class ExportChoice(BaseModel):
    """The parts last ticked in the export dialog for one workbook."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    parts: tuple[str, ...] = Field(description="Names of the parts ticked (letstalk.export.Share values).")
    private: bool = Field(default=False, description="Whether entries marked just for me went out too.")


class SavedAs(BaseModel):
    """Where one workbook was last saved as a new file, and when (its newer copy)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    path: str = Field(description="The newer copy's full path, as it was when saved.")
    on: datetime = Field(description="When the copy was saved.")

    def notice(self) -> str:
        """Home's line (and plain mode's) for the older file: where the newer copy went, and when."""
        from letstalk.log import short_date
        from letstalk.text import shown_path

        day = short_date(self.on.astimezone().date())  # her day, not UTC's
        lead = f"A newer copy of this workbook was saved as {shown_path(self.path)} on {day}"
        if Path(self.path).exists():
            return f"{lead}. Open that file to carry on there."
        # Moved, deleted, or on a drive not plugged in today: likely still newer, so still worth saying.
        return f"{lead}; that file is not there now (moved, or on a drive not plugged in?), so this one may be behind."


def _readable_entries(model: type[BaseModel], value: Any) -> Any:
    """A per-workbook table without the entries this version cannot read (from a newer letstalk, or edited by hand).

    One odd entry must not cost her theme and every other workbook's record.
    """
    if not isinstance(value, dict):
        return {}
    kept = {}
    for key, entry in value.items():
        try:
            kept[key] = model.model_validate(entry)
        except ValidationError:
            continue
    return kept


class Settings(BaseModel):
    """What letstalk remembers between runs that is not part of a workbook."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    theme: str = Field(
        default="letstalk-dark",
        description="Name of the theme: letstalk's own (letstalk-dark, letstalk-light, letstalk-high-contrast) or any Textual theme.",
    )
    month_first: bool = Field(
        default=True, description="Read a slashed date as month first (3/4/2027 is March 4, as US schools write it)."
    )
    exports: dict[str, ExportChoice] = Field(
        default_factory=dict,
        description="Per workbook (its full path): what the export dialog last sent out; the workbook is never written.",
    )
    saved_as: dict[str, SavedAs] = Field(
        default_factory=dict,
        description="Per workbook (its full path): the newer copy it was last saved as; the workbook is never written.",
    )

    @field_validator("exports", mode="before")
    @classmethod
    def _readable_exports(cls, value: Any) -> Any:
        return _readable_entries(ExportChoice, value)

    @field_validator("saved_as", mode="before")
    @classmethod
    def _readable_saved_as(cls, value: Any) -> Any:
        return _readable_entries(SavedAs, value)

    def export_choice(self, workbook: Path) -> ExportChoice | None:
        """What was last exported from ``workbook``, if anything."""
        return self.exports.get(str(workbook.resolve()))

    def with_export_choice(self, workbook: Path, choice: ExportChoice) -> Settings:
        """These settings with ``choice`` remembered for ``workbook``."""
        return self.model_copy(update={"exports": {**self.exports, str(workbook.resolve()): choice}})

    def saved_as_for(self, workbook: Path) -> SavedAs | None:
        """The newer copy ``workbook`` was saved as, if any (never the workbook itself)."""
        if not self.saved_as:
            return None  # no record at all: not even a resolve() on the way to Home
        key = str(workbook.resolve())
        record = self.saved_as.get(key)
        return record if record is not None and record.path != key else None

    def newer_copy_notice(self, workbook: Path) -> str:
        """The line Home and plain mode show on opening ``workbook`` when it was saved as a newer copy, else ""."""
        record = self.saved_as_for(workbook)
        return record.notice() if record is not None else ""

    def with_saved_as(self, original: Path, copy: Path, when: datetime) -> Settings:
        """These settings after ``original`` was saved as ``copy`` at ``when``.

        ``copy`` is now the newest file, so any record saying it was superseded goes: a Save as
        back onto the original clears the original's record, and one onto itself records nothing.
        """
        source, target = str(original.resolve()), str(copy.resolve())
        saved = {key: record for key, record in self.saved_as.items() if key != target}
        if source != target:
            saved[source] = SavedAs(path=target, on=when)
        return self.model_copy(update={"saved_as": saved})


def settings_path() -> Path:
    """Where settings live: the platform's user config folder."""
    from platformdirs import user_config_path

    return user_config_path("letstalk", appauthor=False) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing or broken file gives the defaults (settings are never precious)."""
    path = path or settings_path()
    try:
        text = toml.decode(toml.read_bytes(path, LetsTalkError, missing=""), path, LetsTalkError)
        return Settings.model_validate(toml.loads(text))
    except (LetsTalkError, tomllib.TOMLDecodeError, RecursionError, ValidationError):
        return Settings()  # never read through a pipe or a device: the one reader refuses them


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically."""
    from letstalk.files.atomic import write_atomic

    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LetsTalkError(path.parent, f"cannot create the settings folder: {exc.strerror}") from None
    write_atomic(path, tomli_w.dumps(settings.model_dump()).encode("utf-8"), backup=False)


def update_settings(change: Callable[[Settings], Settings], path: Path | None = None) -> Settings:
    """Apply ``change`` to the settings as they are on disk now, save them and return them.

    Read again just before the write, so two letstalks open at once (her two workbooks, the review
    app beside the workbook app) never undo each other's choices: each writes only what it changed.
    """
    path = path or settings_path()
    updated = change(load_settings(path))
    save_settings(updated, path)
    return updated
