"""Feedback goes back in one step: one sidecar per participant, named to match her hand-in.

Reads the facilitator's sidecars (beside the hand-ins, or in ``--feedback DIR``) and writes
validated copies into a folder of the facilitator's choosing; the review folder is never written.
"""

from __future__ import annotations

from pathlib import Path

from letstalk.errors import LetsTalkError
from letstalk.feedback import FeedbackError, copy_feedback, load_feedback, returned_name, sidecar_path
from letstalk.review.entries import Participant, Review


def return_feedback(
    review: Review, out_dir: Path, feedback_dir: Path | None = None
) -> tuple[list[Path], list[Participant], list[str]]:
    """Write each participant's sidecar into ``out_dir``; returns (written, without feedback, problems)."""
    if not out_dir.is_dir():
        raise LetsTalkError(out_dir, "not a folder; create it first, then give it to --return")
    if out_dir.resolve() == review.folder.resolve():
        raise LetsTalkError(out_dir, "this is the review folder; give another folder to send the feedback from")
    written: list[Path] = []
    without: list[Participant] = []
    problems: list[str] = []
    for participant in review.readable():
        source = sidecar_path(review.path_of(participant), feedback_dir)
        if not source.exists():
            without.append(participant)
            continue
        target = out_dir / returned_name(participant.file)
        try:
            _may_replace(target, participant)
            copy_feedback(source, target)
        except LetsTalkError as exc:
            problems.append(str(exc))
            continue
        written.append(target)
    return written, without, problems


def _may_replace(target: Path, participant: Participant) -> None:
    """A returned sidecar replaces only an earlier return of the same participant's feedback."""
    if not target.exists() and not target.is_symlink():
        return
    try:
        earlier = load_feedback(target)
    except LetsTalkError:
        earlier = None
    if earlier is None or earlier.workbook not in ("", participant.file):
        raise FeedbackError(
            target,
            f"another file already stands here, so nothing was written for {participant.name}; "
            "move it away or choose an empty folder",
        )
