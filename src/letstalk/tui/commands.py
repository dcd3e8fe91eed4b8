"""Command palette: "Go to: <section>" for every section, and every app action."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from letstalk.tui.app import LetsTalkApp


class LetsTalkCommands(Provider):
    """Sections to go to and actions to run."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app: LetsTalkApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, object, str]] = []
        for section in app.library.all_sections():
            commands.append((f"Go to: {section.label} · {section.title}", partial(app.open_section, section.id), section.summary))
        commands += [
            ("Home", app.action_home, "Back to the list of sections"),
            ("Collaborative plan", app.action_plan, "Shape the plan, preview it, export it"),
            ("Search answers and content", app.action_search, "Find a word in what you wrote or in the packs"),
            ("Edit profile (name, school, role)", app.action_profile, "Change who the workbook belongs to"),
            ("Save as…", app.action_save_as, "Save the workbook under a new name and keep working there"),
            ("High-contrast theme", partial(app.set_theme, "letstalk-high-contrast"), "Strong contrast, no colour needed"),
            ("Help", app.action_help, "Keys and what letstalk does"),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
