"""Meetings are in date order in the built plan and so in every view of it (issue 18, req 10)."""

from __future__ import annotations

from datetime import date

from letstalk import plan
from letstalk.content import load_library
from letstalk.export.ics import to_ics
from letstalk.export.markdown import to_markdown
from letstalk.model import Meeting, new_workbook


def test_meetings_come_in_date_order() -> None:
    library = load_library()
    workbook = new_workbook(owner="Ana Ruiz")
    for on, who in (("2027-03-02", "March team"), ("2026-11-20", "November team")):
        plan.add(workbook, Meeting, on=on, with_whom=who)
    workbook.set_answer("listen.follow-up-date", date(2027, 1, 15))
    built = plan.build(workbook, library)
    assert [m.on for m in built.meetings] == [date(2026, 11, 20), date(2027, 1, 15), date(2027, 3, 2)]
    summary = to_markdown(built)
    positions = [summary.index(name) for name in ("November team", "March team")]
    assert positions == sorted(positions)
    calendar = to_ics(built).decode("utf-8")
    assert calendar.index("November team") < calendar.index("March team")
