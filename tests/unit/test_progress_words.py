"""Progress in words: sections with nothing to answer never say 0/0 (issue 18, req 9)."""

from __future__ import annotations

from letstalk.content import load_library
from letstalk.model import Status, new_workbook


def test_progress_words_fit_what_the_section_holds() -> None:
    library = load_library()
    workbook = new_workbook()
    step = library.sections["mindset"]
    assert workbook.progress_words(step) == f"0/{len(step.answerable())} answered"
    ideas = next(s for s in library.all_sections() if any(i.kind == "idea" for i in s.items()))
    assert not ideas.answerable()
    assert workbook.progress_words(ideas) == "0 ideas adopted"
    idea_ids = [i.id for i in ideas.items() if i.kind == "idea"]
    workbook.set_answer(idea_ids[0], True)
    assert workbook.progress_words(ideas) == "1 idea adopted"
    for idea_id in idea_ids[1:3]:
        workbook.set_answer(idea_id, True)
    assert workbook.progress_words(ideas) == "3 ideas adopted"
    reading = next(s for s in library.all_sections() if not s.answerable() and s is not ideas)
    assert workbook.progress_words(reading) == "to read"
    workbook.set_status(reading.id, Status.DONE)
    assert workbook.progress_words(reading) == "read"
