"""Plain mode: the whole workbook as numbered, line-by-line prompts (``letstalk --plain``).

Made for screen readers and braille displays: no cursor movement, no colour, no textual. It
reads stdin a line at a time (piped input works too) and saves after every answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from letstalk.content import Library, Section
from letstalk.content.models import LongItem
from letstalk.errors import ConflictError, LetsTalkError, TooLongError
from letstalk.model import MAX_TEXT, Status, check_length
from letstalk.plain.items import (
    Walk,
    asks,
    current,
    parse_number,
    parse_yes_no,
    place,
    plan_walk,
    question,
    show,
    state,
)
from letstalk.plain.terminal import (
    HELP,
    INFO,
    Command,
    Halt,
    Quit,
    Terminal,
    command,
    shorten,
)
from letstalk.storage import WorkbookFile
from letstalk.text import shown_path

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_INTERRUPTED = 130


class Session:
    """One run of plain mode over an open workbook."""

    def __init__(self, handle: WorkbookFile, library: Library, terminal: Terminal) -> None:
        self.handle = handle
        self.library = library
        self.term = terminal
        self.workbook = handle.workbook
        self.dirty = False
        self.section: Section | None = None  # None at the list of sections
        self.walk = Walk([], [], [])
        self.index: int | None = None  # the item shown, within self.walk.stops

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save pending changes; returns whether a save happened. Raises :class:`Halt` on a conflict."""
        if not self.dirty or self.handle.read_only:
            return False
        try:
            self.handle.save()
        except ConflictError:
            self.term.say(
                f"{shown_path(self.handle.path)}: the file was changed by another program since letstalk opened it. "
                "Nothing was overwritten; stopping here. Open it again to go on."
            )
            raise Halt from None
        except LetsTalkError as exc:
            self.term.say(f"Not saved: {exc}")
            return False
        self.dirty = False
        return True

    def record(self, changed: bool) -> None:
        """After an answer: note the section as started and save at once."""
        if not changed:
            self.term.say("Unchanged.")
            return
        assert self.section is not None
        self.workbook.touch_section(self.section.id)
        self.dirty = True
        if self.save():
            self.term.say("Saved.")

    def leave(self, why: str, code: int = EXIT_OK) -> int:
        """Save what is pending, say why we stop, and return the exit code."""
        try:
            self.save()
        except Halt:
            return EXIT_PROBLEM
        if self.handle.read_only:
            tail = "the workbook was opened read-only, so nothing was saved"
        elif self.dirty:
            tail, code = "some changes could not be saved (see above)", code or EXIT_PROBLEM
        else:
            tail = f"your answers are saved in {shown_path(self.handle.path)}"
        self.term.say(f"{why}; {tail}.")
        return code

    # -- asking ------------------------------------------------------------------------------

    def ask(self, repeat: list[str], prompt: str, parse: Callable[[str], Any]) -> Any:
        """Ask until the reply parses (its value) or is a command that moves (the :class:`Command`).

        A refused reply prints the reason, then the question again; informational commands
        answer and ask again. Nothing typed earlier is touched.
        """
        while True:
            reply = self.term.read(prompt)
            typed = command(reply)
            if typed is None:
                try:
                    check_length(reply, MAX_TEXT, "answer")  # no reply that long fits any question
                    return parse(reply)
                except ValueError as exc:  # TooLongError too; a long reply quoted in a message is cut
                    self.term.say(shorten(str(exc), 300))
            elif typed.name in INFO:
                self.inform(typed.name)
            else:
                return typed
            self.term.say(*repeat)

    def inform(self, name: str) -> None:
        """Answer help, where, list or read."""
        if name == "help":
            self.term.say(HELP)
        elif name == "where":
            self.where()
        elif name == "list" and self.section is not None:
            self.list_items()
        elif name == "list":
            self.menu()
        elif self.section is None:
            self.term.say("read works inside a section: choose one first.")
        else:
            self.term.say(
                self.section.summary, *(self.walk.reading or ["This section has nothing to read beyond its questions."])
            )

    def where(self) -> None:
        overall = self.workbook.overall_progress(self.library)
        if self.section is None:
            self.term.say(f"You are at the list of sections. All sections: {overall.done} of {overall.total} answered.")
            return
        section, stops = self.section, self.walk.stops
        item = f", item {self.index + 1} of {len(stops)}" if self.index is not None else ""
        progress = self.workbook.section_progress(section)
        self.term.say(
            f"You are in {section.label} · {section.title} ({self.place_of(section)}){item}.",
            *([f"It asks: {shorten(question(stops[self.index].item))}"] if self.index is not None else []),
            f"This section: {progress.done} of {progress.total} answered, {self.workbook.status(section.id).label.lower()}.",
            f"All sections: {overall.done} of {overall.total} answered.",
        )

    def list_items(self) -> None:
        assert self.section is not None
        pack = self.library.section_pack[self.section.id]
        self.term.say(f"{self.section.label} · {self.section.title}: {self.summary(self.section)}.")
        for n, stop in enumerate(self.walk.stops, 1):
            here = " (you are here)" if n - 1 == self.index else ""
            self.term.say(f"{n}. {shorten(question(stop.item))} — {state(stop.item, self.workbook, pack)}{here}")
        self.term.say("Type go and a number to jump to an item, as in go 3.")

    def place_of(self, section: Section) -> str:
        return place(section, self.library.section_pack[section.id])

    # -- the list of sections ----------------------------------------------------------------

    def summary(self, section: Section) -> str:
        """``3 of 13 answered, in progress`` (ideas and reading-only sections say so)."""
        status = self.workbook.status(section.id).label.lower()
        progress = self.workbook.section_progress(section)
        if progress.total:
            return f"{progress.done} of {progress.total} answered, {status}"
        ideas = plan_walk(section).stops
        if ideas:
            adopted = sum(self.workbook.item_done(stop.item) for stop in ideas)
            return f"{adopted} of {len(ideas)} ideas adopted, {status}"
        return f"to read, {status}"

    def menu(self) -> None:
        n = 0
        for pack in self.library.packs:
            self.term.say("", f"{pack.meta.title}:")
            for section in pack.sections:
                n += 1
                self.term.say(f"{n}. {section.label} · {section.title} — {self.summary(section)}")

    def suggested(self) -> Section | None:
        """Where Enter goes: the last open section, or the next one after it not yet done."""
        sections = self.library.all_sections()
        ids = [s.id for s in sections]
        start = ids.index(self.workbook.position.section) if self.workbook.position.section in ids else 0
        return next(
            (s for s in sections[start:] + sections[:start] if self.workbook.status(s.id) is not Status.DONE), None
        )

    def choose(self) -> Section:
        """Ask for a section by number until one is chosen."""
        sections = self.library.all_sections()
        while True:
            default = self.suggested()
            hint = f", Enter for {default.label} · {default.title}" if default else ""
            got = self.ask(
                [], f"Section number, 1 to {len(sections)}{hint}", lambda reply: parse_number(reply, len(sections))
            )
            if isinstance(got, int):
                return sections[got]
            if got is None and default is not None:
                return default
            if isinstance(got, Command) and got.name == "quit":
                raise Quit
            if isinstance(got, Command) and got.name == "go" and 1 <= got.number <= len(sections):
                return sections[got.number - 1]
            if isinstance(got, Command) and got.name == "menu":
                self.menu()
            else:
                self.term.say(
                    f"Type a section number from 1 to {len(sections)}, list to hear the sections again, or quit."
                )

    # -- a section ---------------------------------------------------------------------------

    def visit(self, section: Section) -> None:
        """Walk a section's items from the item chosen until its end, back to the menu, or quit."""
        self.section, self.walk, self.index = section, plan_walk(section), None
        stops = self.walk.stops
        self.term.say("", f"{section.label} · {section.title} ({self.place_of(section)})", section.summary)
        if not stops:  # all reading: finish() prints it as the section's outro
            self.finish("This section is for reading.")
            return
        self.term.say(f"{len(stops)} items; {self.summary(section)}. Type help for the commands.")
        fresh = self.workbook.status(section.id) is Status.NOT_STARTED
        index = self.start_at()
        if index is None:
            return
        arrived = "forward" if index == 0 and fresh else "jump"
        if arrived == "jump" and self.walk.reading:
            self.term.say("Type read to hear this section's goals and other reading.")
        visited: set[int] = set()
        while True:
            if index == len(stops):
                missing = [str(n) for n in range(1, len(stops) + 1) if n - 1 not in visited]
                if missing:  # done is offered only once every item has been seen
                    self.term.say(
                        f"You have reached the end of {section.label}. Not visited yet: item {', '.join(missing)}."
                    )
                    return
                if not self.finish(f"You have reached the end of {section.label}."):
                    return
                index, arrived = index - 1, "back"
            visited.add(index)
            stop = stops[index]
            self.term.say(
                "",
                *(stop.reading + stop.heading if arrived == "forward" else stop.heading if arrived == "jump" else []),
            )
            got = self.ask_item(index)
            if got is None or got.name == "skip":
                index, arrived = index + 1, "forward"
            elif got.name == "back" and index == 0:
                self.term.say("This is the first item; type menu to go back to the list of sections.")
                arrived = "back"
            elif got.name == "back":
                index, arrived = index - 1, "back"
            elif got.name == "go" and 1 <= got.number <= len(stops):
                index, arrived = got.number - 1, "jump"
            elif got.name == "go":
                self.term.say(f"There is no item {got.number} here: items go from 1 to {len(stops)}.")
                arrived = "back"
            elif got.name == "menu":
                return
            else:
                raise Quit

    def start_at(self) -> int | None:
        """Ask which item to start at; None goes back to the list of sections."""
        assert self.section is not None
        stops, position = self.walk.stops, self.workbook.position
        ids = [stop.item.id for stop in stops]
        if position.section == self.section.id and position.item in ids:
            default = ids.index(position.item)  # where the librarian left off
        else:
            default = next((i for i, item_id in enumerate(ids) if item_id not in self.workbook.answers), 0)
        prompt = f"Start at which item? 1 to {len(stops)}, Enter for item {default + 1}"
        while True:
            got = self.ask([], prompt, lambda reply: parse_number(reply, len(stops)))
            if got is None or isinstance(got, int):
                return default if got is None else got
            if got.name == "quit":
                raise Quit
            if got.name in ("back", "menu"):
                return None
            if got.name == "go" and 1 <= got.number <= len(stops):
                return got.number - 1
            if got.name == "skip":
                return default
            self.term.say(f"Type a number from 1 to {len(stops)}, or menu for the list of sections.")

    def ask_item(self, index: int) -> Command | None:
        """Show item ``index`` and its answer, ask, store; returns a command that moves, if typed."""
        assert self.section is not None
        self.index = index
        item = self.walk.stops[index].item
        pack = self.library.section_pack[self.section.id]
        self.dirty |= self.workbook.move_to(self.section.id, item.id)
        self.term.say(f"{self.place_of(self.section)}, item {index + 1} of {len(self.walk.stops)}")
        self.term.say(*show(item, pack), *current(item, self.workbook, pack))
        if isinstance(item, LongItem):
            return self.ask_long(item)
        for step in asks(item, pack):
            got = self.ask([question(item)], step.prompt, step.parse)
            if isinstance(got, Command):
                return got
            if got is None:
                self.term.say("Unchanged.")
            else:
                self.record(step.store(self.workbook, got))
        return None

    def ask_long(self, item: LongItem) -> Command | None:
        """A paragraph: lines until one holding only a dot."""
        self.term.say("Type your answer on as many lines as you need, then a line with only a dot (.).")
        self.term.say("Enter on the first line leaves the answer unchanged; a lone dot clears it.")
        got = self.ask([question(item)], "Answer", lambda reply: reply)
        if isinstance(got, Command):
            return got
        if not got.strip():
            self.term.say("Unchanged.")
            return None
        lines: list[str] = []
        refused = False
        try:
            while got.strip() != ".":
                lines.append(got)
                got = self.term.read()
        finally:
            # Saved even when input ends or Ctrl-C comes before the dot: typed text is never lost.
            if lines or got.strip() == ".":
                try:
                    self.record(self.workbook.set_answer(item.id, "\n".join(lines).strip("\n")))
                except TooLongError as exc:
                    self.term.say(f"Not saved: {exc.message}.")
                    refused = True
        if refused:
            self.term.say(question(item))
            return self.ask_long(item)  # the saved answer is unchanged: ask again
        return None

    def finish(self, lead: str) -> bool:
        """At the end of a section: offer to mark it done. Returns True to go back to its last item."""
        assert self.section is not None
        self.term.say(*self.walk.outro)
        if self.workbook.status(self.section.id) is Status.DONE:
            self.term.say(f"{lead} It is marked done.")
            return False
        got = self.ask([], f"{lead} Mark this section as done? y or n", parse_yes_no)
        if isinstance(got, Command) and got.name == "quit":
            raise Quit
        if isinstance(got, Command) and got.name == "back" and self.walk.stops:
            return True
        if got is True and self.workbook.set_status(self.section.id, Status.DONE):
            self.dirty = True
            self.save()
            self.term.say(f"{self.section.label} · {self.section.title} is marked done.")
        return False

    # -- the whole run -----------------------------------------------------------------------

    def newer_copy(self) -> str:
        """What Home says when this file was saved as a newer copy (from the settings), else ""."""
        from letstalk.settings import load_settings

        try:
            return load_settings().newer_copy_notice(self.handle.path)
        except (OSError, RuntimeError):  # a path that cannot be resolved: nothing to look up
            return ""

    def run(self) -> None:
        """The list of sections, then section after section, until quit or end of input."""
        self.term.say(
            f"letstalk, plain mode. Workbook: {shown_path(self.handle.path)}",
            "Type help at any prompt to hear the commands.",
        )
        if self.handle.read_only:
            self.term.say(self.handle.read_only, "Your answers will not be saved.")
        notice = self.newer_copy()
        if notice:
            self.term.say(notice)
        self.menu()
        while True:
            self.visit(self.choose())
            self.section, self.index = None, None
            self.term.say("", "Back at the list of sections. Type list to hear it again.")
