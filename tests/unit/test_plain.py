"""Plain mode: line-by-line prompts over piped stdin, saving after every answer, never textual."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.plain_support import SHIPPED, cli, handle, lines, on_disk, play  # noqa: F401 - fixtures

from letstalk import storage
from letstalk.cli import wants_plain
from letstalk.content import Library
from letstalk.errors import WorkbookError
from letstalk.model import Status
from letstalk.plain import run
from letstalk.plain.items import parse_number, parse_yes_no, place, plan_walk
from letstalk.plain.terminal import command
from letstalk.text import _CONTROL, _visible, printable

# -- pure parts -------------------------------------------------------------------------------


def test_yes_no_accepts_words_in_any_case_and_explains_the_rest() -> None:
    assert [parse_yes_no(r) for r in ("y", "YES", " n ", "No", "")] == [True, True, False, False, None]
    with pytest.raises(ValueError, match="“maybe” is not an answer here: type y for yes or n for no"):
        parse_yes_no("maybe")


def test_numbers_are_one_based_and_checked() -> None:
    assert parse_number("2", 3) == 1 and parse_number("  ", 3) is None
    with pytest.raises(ValueError, match="4 is not one of the options: type a number from 1 to 3"):
        parse_number("4", 3)
    for bad in ("two", "-1", "²", "1.5"):
        with pytest.raises(ValueError, match="is not a number"):
            parse_number(bad, 3)


def test_commands_are_whole_words_and_go_takes_a_number() -> None:
    assert command(" BACK ").name == "back" and command("?").name == "help" and command("exit").name == "quit"
    go = command("go 12")
    assert go is not None and (go.name, go.number) == ("go", 12)
    assert command("back to work") is None and command("going") is None and command("go x") is None


def test_printable_shows_control_characters_and_keeps_newlines_and_tabs() -> None:
    assert printable("a\x1b[2Jb") == "a^[[2Jb"
    assert printable("\x1b]52;c;aGk=\x07") == "^[]52;c;aGk=^G"
    assert printable("\x1b]8;;http://x\x1b\\link") == "^[]8;;http://x^[\\link"
    assert printable("\x9b2J\x7f\r") == "\ufffd2J^?^M"
    assert printable("line\n\tindent [bold red]") == "line\n\tindent [bold red]"


@given(st.text(alphabet=st.characters(codec=None, max_codepoint=0x2000) | st.sampled_from("\x00\x1b\x7f\x9f\ud800")))
def test_printable_gives_what_the_regex_gives_for_any_text(text: str) -> None:
    # printable skips its regex for ASCII text without controls: never with a different result.
    assert printable(text) == _CONTROL.sub(_visible, text)


def test_place_counts_sections_with_the_same_label_word() -> None:
    pack = SHIPPED.pack("lets-talk")
    assert pack is not None
    assert place(pack.sections[1], pack) == "Step 2 of 7"
    assert place(pack.sections[7], pack) == "Current conversations, section 8 of 8"
    toolkit = SHIPPED.pack("partnerships")
    assert toolkit is not None and place(toolkit.sections[2], toolkit) == "Toolkit, section 3 of 7"


def test_walk_stops_at_answerable_items_and_ideas_and_keeps_reading_between(mini_library: Library) -> None:
    walk = plan_walk(mini_library.sections["second"])
    assert [stop.item.id for stop in walk.stops] == [
        "second.commit",
        "second.due",
        "second.often",
        "second.level",
        "second.evidence",
        "second.idea-dot",
    ]
    assert walk.stops[-1].reading[:2] == ["Resources:", "- A framework (framework): It names the parts."]
    assert plan_walk(mini_library.sections["first"]).stops[0].reading == ["Goals:", "- Know where you stand."]


def test_wants_plain() -> None:
    class Stdin:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    tty, pipe = Stdin(True), Stdin(False)
    assert not wants_plain(False, {"TERM": "xterm"}, tty)  # type: ignore[arg-type]
    assert wants_plain(True, {}, tty)  # type: ignore[arg-type]
    assert wants_plain(False, {"TERM": "dumb"}, tty)  # type: ignore[arg-type]
    assert wants_plain(False, {"ACCESSIBLE": "1"}, tty)  # type: ignore[arg-type]
    assert not wants_plain(False, {"ACCESSIBLE": ""}, tty)  # type: ignore[arg-type]
    assert wants_plain(False, {}, pipe) and wants_plain(False, {}, None)  # type: ignore[arg-type]
    # textual-serve runs the app with stdin as its pipe: that is the TUI, not a person typing.
    assert not wants_plain(False, {"TEXTUAL_DRIVER": "web", "TERM": "dumb"}, pipe)  # type: ignore[arg-type]


# -- sessions in-process ----------------------------------------------------------------------


def test_a_whole_section_of_every_kind(handle: storage.WorkbookFile, mini_library: Library) -> None:
    code, out = play(
        handle,
        mini_library,
        "2",
        "",  # section 2, start at item 1
        "One lunch a month",  # text
        "2026-02-30",
        "2026-03-14",  # an impossible date, then a real one
        "9",
        "2",  # out of range, then Every month
        "3",  # Leading
        "We plan together.",
        "Twice a term.",
        ".",
        "maybe",
        "y",  # the idea
        "y",  # mark the section done
        "quit",
    )
    assert code == 0
    assert "“2026-02-30” is not a date: February 2026 has 28 days\nDue by\nDate as YYYY-MM-DD: " in out
    assert "9 is not one of the options: type a number from 1 to 2\nHow often will you meet?\n" in out
    assert "“maybe” is not an answer here" in out and "Step 2 of 2, item 6 of 6" in out
    assert "- A framework (framework): It names the parts.\n  Link: https://example.org/framework" in out
    workbook = on_disk(handle)
    assert workbook.value("second.commit") == "One lunch a month"
    assert workbook.value("second.due") == date(2026, 3, 14)
    assert workbook.value("second.often") == "monthly" and workbook.value("second.level") == "leading"
    assert workbook.value("second.evidence") == "We plan together.\nTwice a term."
    assert workbook.value("second.idea-dot") is True
    assert workbook.status("second") is Status.DONE
    assert out.endswith(f"Goodbye; your answers are saved in {handle.path}.\n")


def test_challenge_status_and_note_and_enter_keeps_answers(handle: storage.WorkbookFile, mini_library: Library) -> None:
    play(handle, mini_library, "1", "5", "2", "Asked Ms Lee.", "quit")
    _code, out = play(handle, mini_library, "1", "", "", "", "quit")  # resumes at item 5; Enter keeps both
    assert "Enter for item 5" in out and "Current answer: trying, with a note." in out
    assert "Current note: Asked Ms Lee." in out and out.count("Unchanged.") == 2
    answer = on_disk(handle).answers["first.coffee"]
    assert (answer.value, answer.note) == ("trying", "Asked Ms Lee.")


def test_back_shows_the_answer_and_earlier_answers_survive(handle: storage.WorkbookFile, mini_library: Library) -> None:
    code, out = play(handle, mini_library, "1", "", "y", "n", "back", "", "back", "back", "back", "quit")
    assert code == 0
    assert "Current answer: no.\nEnter keeps it." in out
    assert "This is the first item; type menu to go back to the list of sections." in out
    workbook = on_disk(handle)
    assert workbook.value("first.read") is True and workbook.value("first.meet") is False
    assert workbook.position.item == "first.read"


def test_list_where_read_and_help_answer_then_repeat_the_question(
    handle: storage.WorkbookFile, mini_library: Library
) -> None:
    _, out = play(handle, mini_library, "1", "", "y", "list", "where", "read", "help", "skip", "menu", "where", "quit")
    assert "1. Read the plan. — yes\n2. Book a meeting. — not answered (you are here)\n" in out
    assert "5. Coffee chat — not started\n" in out
    assert "You are in Step 1 · First things (Step 1 of 2), item 2 of 5.\nIt asks: Book a meeting.\n" in out
    assert "This section: 1 of 5 answered, in progress." in out
    assert "Goals:\n- Know where you stand.\nBook a meeting.\nDone? y or n: \n" in out
    assert "  quit    save and leave\n" in out
    assert "You are at the list of sections. All sections: 1 of 10 answered." in out


def test_a_lone_dot_clears_a_long_answer(handle: storage.WorkbookFile, mini_library: Library) -> None:
    play(handle, mini_library, "1", "3", "Draft.", ".", "quit")
    assert on_disk(handle).value("first.role") == "Draft."
    _, out = play(handle, mini_library, "1", "3", ".", "quit")
    assert "Current answer:\nDraft.\nEnter keeps it." in out and "first.role" not in on_disk(handle).answers


def test_end_of_input_inside_a_long_answer_keeps_what_was_typed(
    handle: storage.WorkbookFile, mini_library: Library
) -> None:
    code, out = play(handle, mini_library, "1", "3", "First line", "second line")
    assert code == 0 and out.endswith(f"End of input; your answers are saved in {handle.path}.\n")
    assert on_disk(handle).value("first.role") == "First line\nsecond line"


def test_done_is_offered_only_once_every_item_was_visited(handle: storage.WorkbookFile, mini_library: Library) -> None:
    _, out = play(handle, mini_library, "1", "4", "", "", "", "1", "quit")  # items 4 and 5 only
    assert "You have reached the end of Step 1. Not visited yet: item 1, 2, 3." in out
    assert "as done?" not in out and on_disk(handle).status("first") is Status.NOT_STARTED
    _, out = play(handle, mini_library, "1", "1", "", "", "", "", "", "", "quit")  # every item, all kept
    assert "You have reached the end of Step 1. Mark this section as done? y or n: " in out


def test_a_file_changed_elsewhere_stops_without_overwriting(
    handle: storage.WorkbookFile, mini_library: Library
) -> None:
    handle.path.write_text(handle.path.read_text() + "\n# edited by hand\n")
    code, out = play(handle, mini_library, "1", "", "y", "n")
    assert code == 1 and "changed by another program" in out and "Nothing was overwritten" in out
    assert handle.path.read_text().endswith("# edited by hand\n")
    assert "Done? y or n" in out and out.count("Done? y or n") == 1  # stopped at the first answer


def test_a_failed_save_says_so_and_carries_on(
    handle: storage.WorkbookFile, mini_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save, calls = handle.save, []

    def flaky_save(**kwargs: bool) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise WorkbookError(handle.path, "the disk is full; nothing was overwritten")
        real_save(**kwargs)

    monkeypatch.setattr(handle, "save", flaky_save)
    code, out = play(handle, mini_library, "1", "", "y", "y", "quit")
    assert f"Not saved: {handle.path}: the disk is full; nothing was overwritten" in out
    assert code == 0 and on_disk(handle).value("first.read") is True  # saved with the next answer


def test_read_only_workbooks_say_nothing_is_saved(handle: storage.WorkbookFile, mini_library: Library) -> None:
    before = handle.path.read_bytes()
    handle.read_only = "opened read-only for this test"
    _code, out = play(handle, mini_library, "1", "", "y", "quit")
    assert "Your answers will not be saved." in out and "nothing was saved" in out
    assert handle.path.read_bytes() == before


def test_a_reading_section_prints_its_points_once_and_can_be_marked_done(handle: storage.WorkbookFile) -> None:
    number, section = next((n, s) for n, s in enumerate(SHIPPED.all_sections(), 1) if not plan_walk(s).stops)
    _, out = play(handle, SHIPPED, str(number), "y", "quit")
    first_point = f"- {section.items()[0].text}"  # type: ignore[attr-defined]
    assert out.count(first_point) == 1
    assert "This section is for reading. Mark this section as done? y or n: " in out
    assert on_disk(handle).status(section.id) is Status.DONE


def test_ctrl_c_saves_and_exits_130(handle: storage.WorkbookFile, mini_library: Library) -> None:
    class Interrupted(io.StringIO):
        def readline(self, size: int = -1) -> str:  # type: ignore[override]
            line = super().readline(size)
            if not line:
                raise KeyboardInterrupt
            return line

    out = io.StringIO()
    code = run(handle, mini_library, Interrupted(lines("1", "3", "Half a thought")), out)
    assert code == 130 and out.getvalue().endswith(f"Interrupted; your answers are saved in {handle.path}.\n")
    assert on_disk(handle).value("first.role") == "Half a thought"


def test_escape_sequences_in_answers_are_printed_visibly(handle: storage.WorkbookFile, mini_library: Library) -> None:
    handle.workbook.set_answer("second.commit", "\x1b[2J[bold red]Hi\x1b]52;c;aGk=\x07\x9b")
    _, out = play(handle, mini_library, "2", "1", "", "quit")  # Enter would start at item 2, the first unanswered
    assert "Current answer:\n^[[2J[bold red]Hi^[]52;c;aGk=^G\ufffd\n" in out
    assert "\x1b" not in out and "\x07" not in out
