"""Command palette: "Go to: <section>" for every section, and every app action.

Names and help are handed to Textual as :class:`~textual.content.Content`, never as str: the palette
parses a str as markup, and a section title comes from a content pack (``[link=...]`` in one
must show as written, not crash the palette or make a link).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.screen import ModalScreen

from letstalk.tui.host import Host, WorkbookHost
from letstalk.tui.themes import HIGH_CONTRAST, theme_words


def highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as literal content with the query's letters marked (``Matcher.highlight`` reads markup)."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class LetsTalkCommands(Provider):
    """Sections to go to and actions to run."""

    host = Host[WorkbookHost]()

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.host
        commands: list[tuple[str, Callable[[], object], str]] = []
        for section in app.library.all_sections():
            commands.append(
                (f"Go to: {section.label} · {section.title}", partial(app.open_section, section.id), section.summary)
            )
        commands += [
            ("Home", app.action_home, "Back to the list of sections"),
            ("Collaborative plan", app.action_plan, "Shape the plan, preview it, export it"),
            ("Collaboration log", app.action_log, "What you did with teachers: add, filter, this term against last"),
            (
                "School year and terms",
                app.action_school_year,
                "Semesters, trimesters or quarters, their dates, staff count and grades (the log's terms)",
            ),
            ("Search answers and content", app.action_search, "Find a word in what you wrote or in the packs"),
            ("Messages to send", app.action_messages, "Meeting request, thank-you, monthly check-in: ready to copy"),
            ("About this content", app.action_about, "Sources, what was adapted, the license"),
            (
                "Edit profile (name, school, role)",
                app.action_profile,
                "Who the workbook belongs to: your name, school and role",
            ),
            (
                "Hand in to my facilitator",
                app.action_handin,
                "Write a copy to send your facilitator: no private answer in it",
            ),
            (
                "Add my facilitator's feedback",
                app.action_add_feedback,
                "The feedback file she sent you: checked, then shown above each section",
            ),
            ("Save as…", app.action_save_as, "Save the workbook under a new name and keep working there"),
            (  # the picker's words for it; "theme" in the name would put it above "Theme…"
                theme_words(HIGH_CONTRAST),
                partial(app.set_theme, HIGH_CONTRAST),
                "White on black with yellow focus, at once (Theme… has the others)",
            ),
            (
                "Dates: read 3/4/2027 as March 4 (month first)",
                partial(app.set_month_first, True),
                "How slashed dates are read; 15 Jan 2027 and 2027-01-15 always work",
            ),
            (
                "Dates: read 3/4/2027 as 3 April (day first)",
                partial(app.set_month_first, False),
                "How slashed dates are read; 15 Jan 2027 and 2027-01-15 always work",
            ),
            ("Save now", app.save_now, "letstalk saves as you type; this writes at once"),
            ("Help", app.action_help, "Keys and what letstalk does"),
        ]
        # The palette is opened over the current screen: offer that screen's own actions too.
        screen = next((s for s in reversed(self.app.screen_stack) if not isinstance(s, ModalScreen)), None)
        if screen is not None:
            commands += [
                (b.tooltip[0].upper() + b.tooltip[1:], partial(screen.run_action, b.action), f"key: {b.key}")
                for b in screen.BINDINGS
                if isinstance(b, Binding) and b.tooltip and not b.action.startswith("app.")
            ]
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=Content(help_text))  # type: ignore[arg-type]  # Hit types help as str; Content is what keeps it literal

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), callback, text=name, help=Content(help_text))  # type: ignore[arg-type]  # Hit types help as str; Content is what keeps it literal
