"""User settings (the theme, how slashed dates are read), kept in a small TOML file in the user's config folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from letstalk.errors import LetsTalkError
from letstalk.files import toml


class ExportChoice(BaseModel):
    """The parts last ticked in the export dialog for one workbook."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    parts: tuple[str, ...] = Field(description="Names of the parts ticked (letstalk.export.Share values).")
    private: bool = Field(default=False, description="Whether entries marked just for me went out too.")


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

    def export_choice(self, workbook: Path) -> ExportChoice | None:
        """What was last exported from ``workbook``, if anything."""
        return self.exports.get(str(workbook.resolve()))

    def with_export_choice(self, workbook: Path, choice: ExportChoice) -> Settings:
        """These settings with ``choice`` remembered for ``workbook``."""
        return self.model_copy(update={"exports": {**self.exports, str(workbook.resolve()): choice}})


def settings_path() -> Path:
    """Where settings live: the platform's user config folder."""
    from platformdirs import user_config_path

    return user_config_path("letstalk", appauthor=False) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing or broken file gives the defaults (settings are never precious)."""
    path = path or settings_path()
    try:
        return Settings.model_validate(toml.loads(path.read_text("utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValidationError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically."""
    from letstalk.files.atomic import write_atomic

    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LetsTalkError(path.parent, f"cannot create the settings folder: {exc.strerror}") from None
    write_atomic(path, tomli_w.dumps(settings.model_dump()).encode("utf-8"), backup=False)
