"""Honest attribution and renamed ids: sources say only what is known, letstalk's own words are
marked, and answers saved under a renamed id follow it (issue 16)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from letstalk.cli import main
from letstalk.content import Library, load_library
from letstalk.content.credits import adapted_from, own_text, unique_sources
from letstalk.content.models import UNKNOWN, Origin, RatingItem, Source, SourceKind
from letstalk.errors import ContentError
from letstalk.model import new_workbook

RETIRED = {
    "ideas.bank": "a block, split into the idea bank's five category blocks",
    "research.draw-circles": "the three circles are kept once, as Step 3's challenge",
}
"""Ids removed on purpose without an alias (no answer of the same kind to carry over)."""


@cache
def shipped() -> Library:
    """The shipped packs, loaded once."""
    return load_library()


def test_credits_are_corrected() -> None:
    by_title = {source.title: source for source in unique_sources(shipped().packs)}
    lets_talk = next(s for t, s in by_title.items() if t.startswith("Let's Talk"))
    assert lets_talk.kind is SourceKind.BLOG_POST
    assert lets_talk.author == "Shannon McClintock Miller"
    assert lets_talk.publisher.startswith("Van Meter Library Voice")
    assert (lets_talk.year, lets_talk.date) == (2020, "2020-06-29")
    assert lets_talk.about is not None and "Future Ready Schools" in lets_talk.about
    partnerships = by_title["Building Instructional Partnerships: A Wedge of the Future Ready Librarian Framework"]
    assert (partnerships.kind, partnerships.author, partnerships.publisher) == (SourceKind.WEB_PAGE, UNKNOWN, UNKNOWN)
    assert "publisher unknown" in partnerships.credit()
    leading = by_title["Leading Learning: Standards of Practice for School Library Learning Commons in Canada"]
    assert (leading.publisher, leading.year) == ("Canadian Library Association", 2014)


def test_a_source_records_unknown_rather_than_a_guess() -> None:
    source = Source.model_validate({"title": "Notes", "url": "https://example.org/notes"})
    assert (source.author, source.publisher, source.year) == (UNKNOWN, UNKNOWN, UNKNOWN)
    assert source.address == "https://example.org/notes"  # the older key ``url`` still reads
    assert source.credit() == "Notes (guide; publisher unknown)"
    with pytest.raises(ValueError, match="1900 and 2100"):
        Source.model_validate({"title": "Notes", "year": 20})


def test_content_list_sources_names_every_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "list", "--sources"]) == 0
    out = capsys.readouterr().out
    for source in unique_sources(shipped().packs):
        assert source.credit() in out
    assert "Van Meter Library Voice" in out and "Canadian Library Association, 2014" in out
    assert "6 rubric descriptor(s) written for letstalk" in out
    assert out.count("License: ") == len(shipped().packs)


def test_adapted_from_is_one_line_naming_every_source() -> None:
    line = adapted_from(shipped().packs)
    assert line.startswith("Adapted from ") and "\n" not in line
    for source in unique_sources(shipped().packs):
        assert source.brief() in line


def test_exploring_descriptors_are_marked_as_ours() -> None:
    pack = shipped().pack("growth-rubric")
    assert pack is not None
    ratings = [item for section in pack.sections for item in section.items() if isinstance(item, RatingItem)]
    assert len(ratings) == 6
    for rating in ratings:
        assert rating.descriptor_origin("exploring") is Origin.LETSTALK
        assert rating.descriptor_origin("emerging") is Origin.ADAPTED
    assert own_text(pack) == (0, 6)


def test_step_two_lists_the_framework_wedges() -> None:
    section = shipped().sections["readiness"]
    wedges = [item for item in section.items() if isinstance(item, RatingItem)]
    assert len(wedges) == 11
    for wedge in wedges:
        assert wedge.scale == "growth" and wedge.detail and section.origin_of(wedge) is Origin.LETSTALK
        assert wedge.evidence is not None and shipped().items[wedge.evidence].item.kind == "text"  # type: ignore[attr-defined]


def test_step_four_listens_first_then_a_second_meeting() -> None:
    section = shipped().sections["listen"]
    titles = [block.heading for block in section.blocks]
    assert "First meeting: listen" in titles and "Second meeting: one focus, one pilot, one ask" in titles
    second = next(block for block in section.blocks if block.id == "listen.second")
    assert {item.id for item in second.items} >= {"listen.focus", "listen.pilot", "listen.the-ask"}
    first = next(block for block in section.blocks if block.id == "listen.worksheet")
    assert "listen.the-ask" not in {item.id for item in first.items}


def test_every_alias_leads_from_a_retired_id_to_a_current_one() -> None:
    library = shipped()
    assert library.aliases, "the shipped packs rename at least one id"
    for old, new in library.aliases.items():
        assert old not in library.items and new in library.items
    for ident in RETIRED:
        assert ident not in library.items and ident not in library.sections


def test_answers_follow_a_renamed_id() -> None:
    workbook = new_workbook()
    workbook.set_answer("quick-wins.flip-events", True)
    workbook.set_answer("kickstart.one-teacher-offer", "trying")
    workbook.set_answer("widen.ch-one-invitation", "done")  # already answered under the new id: it wins
    assert workbook.follow_aliases(shipped()) == ["quick-wins.flip-events"]
    assert workbook.value("quick-wins.video-discussion") is True
    assert "quick-wins.flip-events" not in workbook.answers
    assert workbook.value("widen.ch-one-invitation") == "done"
    assert workbook.value("kickstart.one-teacher-offer") == "trying"  # kept, as every unknown answer is


def _pack(root: Path, aliases: str) -> Path:
    folder = root / "mine"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nshort_title = "Mine"\nversion = "1.0"\nkind = "steps"\n'
        f'summary = "A pack."\nlicence = "Mine."\n[aliases]\n{aliases}\n[[sources]]\ntitle = "Notes"\n',
        encoding="utf-8",
    )
    (folder / "01-a.toml").write_text(
        'id = "mine-a"\nlabel = "Step 1"\ntitle = "A"\nsummary = "A."\norder = 1\n'
        '[[blocks]]\nid = "mine-a.list"\nkind = "checklist"\n'
        '[[blocks.items]]\nid = "mine-a.do"\nkind = "check"\ntext = "Do it."\n',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ('"mine-a.old" = "mine-a.gone"', 'no item "mine-a.gone" in the loaded packs'),
        ('"mine-a.do" = "mindset.write-beliefs"', '"mine-a.do" is still an item id'),
    ],
)
def test_a_broken_alias_is_one_line_naming_it(tmp_path: Path, aliases: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_library([_pack(tmp_path, aliases)])
    assert any(message in line and "aliases." in line for line in caught.value.problems), caught.value.problems


def _rich_plan(exploring: bool = False):  # type: ignore[no-untyped-def]
    from letstalk import plan, storage

    workbook = storage.load(Path(__file__).parents[1] / "data" / "workbooks" / "rich.toml")
    if exploring:
        workbook.rate("growth.support-staff", "exploring")
    return plan.build(workbook, shipped())


@pytest.mark.parametrize("name", ["md", "html", "ics", "csv", "card", "card-html"])
def test_every_export_ends_with_the_credit(name: str) -> None:
    """Every export that holds the content's words credits its sources; the actions CSV holds only hers."""
    from letstalk import export

    text = export.render(name, _rich_plan()).decode("utf-8-sig")
    lines = [row for row in text.splitlines() if row.strip()]
    if name in {"md", "card"}:
        assert lines[-1].startswith("*Adapted from ") and lines[-1].endswith("letstalk.*")
    elif name in {"html", "card-html"}:
        assert lines[-3:] == ["</main>", "</body>", "</html>"]
        assert lines[-4].startswith('<footer class="credit"><p>Adapted from ')
    elif name == "csv":  # rows of actions only: a credit row would be sorted and filtered as one
        assert not any("Adapted from" in line for line in lines)
    else:  # a calendar must end with END:VCALENDAR: the credit is its description
        assert "X-WR-CALDESC:Adapted from " in text and lines[-1] == "END:VCALENDAR"


def test_exports_mark_an_exploring_descriptor_as_ours() -> None:
    from letstalk import export

    built = _rich_plan(exploring=True)
    row = next(r for r in built.rubric if r.id == "growth.support-staff")
    assert row.own_words and not next(r for r in built.rubric if r.id == "growth.principal").own_words
    page = export.render("html", built, audience=export.Audience.preset("all")).decode("utf-8")  # with the rubric
    assert "This descriptor is letstalk&#x27;s own words." in page or "This descriptor is letstalk's own words." in page
    assert "The Exploring descriptors are letstalk" in page
