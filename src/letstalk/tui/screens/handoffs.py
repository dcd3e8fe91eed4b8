"""The hand-offs between a participant and her facilitator, and the path dialog they need.

She writes the hand-in copy (:func:`hand_in_copy`) and adds the feedback file her facilitator
sent back (:func:`add_facilitator_feedback`); the facilitator writes every participant's feedback
into a folder to send (``letstalk.tui.review``). All go through the same domain calls as the CLI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from textual.app import App

from letstalk.errors import LetsTalkError
from letstalk.text import shown_path
from letstalk.tui.host import WorkbookHost
from letstalk.tui.screens.dialogs import PathQuestion


class PathDialog(PathQuestion):
    """Ask for the path of a file or folder that exists; returns it, or None."""

    def __init__(self, suggestion: Path, *, title: str, prompt: str, kind: Literal["file", "folder"]) -> None:
        super().__init__(suggestion, title=title, prompt=prompt)
        self._kind = kind

    def problem(self, path: Path | None) -> str:
        """An existing file, or an existing folder, as asked."""
        if path is None:
            return f"Type the path of a {self._kind}."
        if not path.exists():
            return f"{path} does not exist."
        if self._kind == "folder" and not path.is_dir():
            return f"{path} is a file; give a folder."
        if self._kind == "file" and not path.is_file():
            return f"{path} is not a file."
        return ""


def add_facilitator_feedback(app: App[Any], host: WorkbookHost) -> None:
    """Ask for the feedback file her facilitator sent, check it and put it where the app shows it."""
    from letstalk.feedback import add_feedback

    def chosen(path: Path | None) -> None:
        if path is None:
            return
        try:
            target = add_feedback(path, host.workbook, host.handle.path)
        except LetsTalkError as exc:
            app.notify(str(exc), title="Feedback not added", severity="error", timeout=12, markup=False)
            return
        host.reload_feedback()
        app.notify(f"Added your facilitator's feedback ({shown_path(target)}): it shows above each section.")

    prompt = "The feedback file your facilitator sent you (it ends in .feedback.toml). Type its path and press Enter."
    app.push_screen(
        PathDialog(host.handle.path.parent, title="Add my facilitator's feedback", prompt=prompt, kind="file"), chosen
    )


def hand_in_copy(app: App[Any], host: WorkbookHost) -> None:
    """Ask where to write the hand-in copy (the roster's file name is suggested), then write it."""
    from letstalk.handin import file_name, hand_in, joined_cohort, suggested_path
    from letstalk.tui.screens.dialogs import SaveAsDialog

    def chosen(path: Path | None) -> None:
        if path is None:
            return  # cancelled
        if host.workbook.ensure_participant():
            host.request_save(immediate=True)  # her id, kept for every later hand-in
        try:
            written, made = hand_in(host.handle, host.library, path, save=False)
        except LetsTalkError as exc:
            app.notify(str(exc), title="Not handed in", severity="error", timeout=10, markup=False)
            return
        app.notify(
            f"Wrote {shown_path(written)} ({made.left_out()}). Send that file to your facilitator.",
            timeout=12,
            markup=False,
        )

    name = file_name(host.workbook, joined_cohort(host.workbook, host.handle.path))
    prompt = "The copy for your facilitator, without your private answers. Type where to write it and press Enter."
    dialog = SaveAsDialog(
        suggested_path(host.handle.path, name), title="Hand in to my facilitator", overwrite=True, prompt=prompt
    )
    app.push_screen(dialog, chosen)
