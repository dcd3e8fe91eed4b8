"""Pydantic models of a content pack: the pack, its sections, their blocks and items.

A pack is a folder: ``pack.toml`` (a :class:`PackMeta`) and one TOML file per section (a
:class:`Section`). Every readable or answerable thing has a stable ``id`` that never depends on
its position or wording, so rewording content keeps a librarian's old answers attached.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from letstalk.content.limits import MAX_PROSE, MAX_TEXT
from letstalk.text import has_control

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$"
"""Ids are lower-case words joined by ``-``, scoped with ``.``: ``mindset.reflect-role``."""

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
URL_SCHEMES = ("http://", "https://", "mailto:")
"""The only links a pack may give: web pages and e-mail addresses, never ``javascript:`` or ``file:``."""


def _no_controls(value: str) -> str:
    # Content is drawn on screens, printed by the CLI and plain mode: an escape sequence in a pack
    # would drive the terminal, so a pack holding one is refused with its place named.
    if has_control(value):
        raise PydanticCustomError(
            "control_characters", "control characters are not allowed in content text (only newline and tab)"
        )
    return value


def _safe_url(value: str) -> str:
    if not value.lower().startswith(URL_SCHEMES) or has_control(value) or any(c.isspace() for c in value):
        raise PydanticCustomError(
            "url_scheme",
            "a link must start with http://, https:// or mailto: (and hold no spaces or control characters)",
        )
    return value


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_no_controls)]
"""Text a pack shows: required, a few sentences at most, no control characters."""
Prose = Annotated[str, Field(max_length=MAX_PROSE), AfterValidator(_no_controls)]
"""Optional text a pack shows (details, hints, Markdown intros): no control characters."""
Url = Annotated[str, AfterValidator(_safe_url)]
"""A link a librarian may open: http, https or mailto only."""


class Strict(BaseModel):
    """Base for content models: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


UNKNOWN: Literal["unknown"] = "unknown"
"""What a source's author, publisher or year is when the source does not say: never a guess."""


class Origin(StrEnum):
    """Whose words a piece of content is: adapted from a pack's sources, or letstalk's own."""

    ADAPTED = "adapted"
    LETSTALK = "letstalk"


class SourceKind(StrEnum):
    """What sort of document a source is, as it says itself."""

    GUIDE = "guide"
    BLOG_POST = "blog post"
    WEB_PAGE = "web page"
    COURSE_PAGE = "course page"
    STANDARD = "standard"
    FRAMEWORK = "framework"
    ARTICLE = "article"
    BOOK = "book"


class Source(Strict):
    """A source document the pack adapts (facts and structure only, never its sentences).

    Only what the source itself shows is recorded: an author, publisher or year it does not name
    is ``"unknown"``, never inferred.
    """

    title: Text = Field(description="Title of the source document, as it gives it.")
    short_title: Text | None = Field(default=None, description="A few words for the one-line credit exports end with.")
    author: Text = Field(default=UNKNOWN, description='Who wrote it, or "unknown".')
    publisher: Text = Field(default=UNKNOWN, description='Who published it (a blog, an organization), or "unknown".')
    year: int | Literal["unknown"] = Field(default=UNKNOWN, description='Year of publication, or "unknown".')
    date: Prose | None = Field(default=None, description="The full date, where the source gives one (2020-06-29).")
    kind: SourceKind = Field(default=SourceKind.GUIDE, description="guide, blog post, web page, standard...")
    about: Prose | None = Field(
        default=None, description="What the source is about or announces, if not plain from its title."
    )
    note: Prose | None = Field(default=None, description="What the pack adapts from this source.")
    address: Url | None = Field(
        default=None,
        validation_alias=AliasChoices("address", "url"),
        description="Where the source can be found, if public (http, https or mailto); ``url`` is accepted too.",
    )

    @field_validator("year")
    @classmethod
    def _plausible_year(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 1900 <= value <= 2100:
            raise PydanticCustomError("year_range", 'a year between 1900 and 2100, or "unknown"')
        return value

    def credit(self) -> str:
        """One line naming the source with what is known of it: title, author, publisher, year."""
        known = [part for part in (self.author, self.publisher) if part != UNKNOWN]
        if self.year != UNKNOWN:
            known.append(str(self.year))
        kind = self.kind.value
        if self.publisher == UNKNOWN:
            known.append("publisher unknown")
        return f"{self.title} ({kind}; {', '.join(known)})"

    def brief(self) -> str:
        """The short form for the one-line credit: ``Leading Learning (Canadian Library Association, 2014)``."""
        known = [part for part in (self.author, self.publisher) if part != UNKNOWN]
        known += [] if self.publisher != UNKNOWN else ["publisher unknown"]
        known += [str(self.year)] if self.year != UNKNOWN else []
        return f"{self.short_title or self.title} ({', '.join(known)})"


class Level(Strict):
    """One step on a rating scale, such as ``Emerging``."""

    id: Id = Field(description="Stable id of the level, stored as the answer.")
    label: Text = Field(description="What the librarian sees.")


class Scale(Strict):
    """An ordered list of levels shared by the rating items of a pack."""

    levels: list[Level] = Field(min_length=2, max_length=10, description="Lowest level first.")


class PackKind(StrEnum):
    """What a pack holds; the TUI picks a screen by it."""

    STEPS = "steps"
    SESSIONS = "sessions"
    TOOLKIT = "toolkit"
    RUBRIC = "rubric"


class PackMeta(Strict):
    """The ``pack.toml`` of a content pack."""

    id: Id = Field(description="Stable id of the pack, such as ``lets-talk``.")
    title: Text = Field(description="Full title shown on Home.")
    short_title: Text = Field(description="A few words for tight places (tabs, the sidebar).")
    version: Annotated[str, Field(pattern=r"^\d+\.\d+$")] = Field(
        description="Content version, ``MAJOR.MINOR``; recorded in workbooks that use the pack."
    )
    kind: PackKind = Field(description="steps, sessions, toolkit or rubric.")
    order: int = Field(default=100, description="Packs are listed by this number, then by id.")
    summary: Text = Field(description="One or two sentences on what the pack is for.")
    licence: Text = Field(description="Licence and adaptation note for the pack's text.")
    sources: list[Source] = Field(min_length=1, description="The documents the pack adapts.")
    scales: dict[Id, Scale] = Field(default_factory=dict, description="Named rating scales used by ``rating`` items.")
    aliases: dict[Id, Id] = Field(
        default_factory=dict,
        description="Old item id -> its new id, for renamed items: answers saved under the old id follow it.",
    )


class ItemBase(Strict):
    """Fields every item has."""

    id: Id = Field(description="Stable id, unique across all loaded packs.")
    private: bool = Field(
        default=False,
        description="Kept out of every export and hidden from facilitators.",
    )
    origin: Origin | None = Field(
        default=None,
        description='"letstalk" for text written for letstalk rather than adapted; unset means as its section.',
    )


class Point(ItemBase):
    """A readable point: a goal, a competency, a benefit, a talking point."""

    kind: Literal["point"]
    text: Text = Field(description="The point, in a sentence or two.")
    detail: Prose | None = Field(default=None, description="Optional longer explanation.")


class Check(ItemBase):
    """A checklist tick."""

    kind: Literal["check"]
    text: Text = Field(description="What to do, as an instruction.")
    detail: Prose | None = Field(default=None, description="Optional hint shown under the item.")


class TextItem(ItemBase):
    """A short one-line answer."""

    kind: Literal["text"]
    text: Text = Field(description="The question or prompt.")
    placeholder: Prose | None = Field(default=None, description="Hint shown in the empty field.")


class LongItem(ItemBase):
    """A paragraph answer: review questions, reflections, worksheet prompts."""

    kind: Literal["long"]
    text: Text = Field(description="The question or prompt.")
    detail: Prose | None = Field(default=None, description="Optional hint shown under the prompt.")


class DateItem(ItemBase):
    """A calendar date, such as a due date for a commitment."""

    kind: Literal["date"]
    text: Text = Field(description="What the date is for.")


class Choice(Strict):
    """One option of a ``choice`` item."""

    id: Id = Field(description="Stable id, stored as the answer.")
    label: Text = Field(description="What the librarian sees.")


class ChoiceItem(ItemBase):
    """Pick one of a few options."""

    kind: Literal["choice"]
    text: Text = Field(description="The question.")
    choices: list[Choice] = Field(min_length=2, max_length=12, description="The options.")


class RatingItem(ItemBase):
    """A level on one of the pack's scales, with an optional descriptor per level."""

    kind: Literal["rating"]
    text: Text = Field(description="What is being rated (a rubric theme, a goal).")
    scale: Id = Field(description="Name of a scale in the pack's ``scales``.")
    detail: Prose | None = Field(default=None, description="Optional explanation of the theme.")
    descriptors: dict[Id, Text] = Field(
        default_factory=dict, description="What each level looks like, keyed by level id."
    )
    evidence: Id | None = Field(
        default=None, description="Id of the ``long`` or ``text`` item where evidence for the rating goes."
    )
    descriptor_origins: dict[Id, Origin] = Field(
        default_factory=dict,
        description='Level id -> "letstalk" for a descriptor written for letstalk rather than adapted from a source.',
    )

    def descriptor_origin(self, level: str) -> Origin:
        """Whose words the descriptor of ``level`` is."""
        return self.descriptor_origins.get(level, self.origin or Origin.ADAPTED)


class Resource(ItemBase):
    """Something to read, watch or use, with why it helps."""

    kind: Literal["resource"]
    title: Text = Field(description="Name of the resource.")
    format: Annotated[
        Literal[
            "article", "guide", "standard", "framework", "video", "tool", "template", "book", "organization", "data"
        ],
        BeforeValidator(lambda value: "organization" if value == "organisation" else value),
    ] = Field(description="What sort of resource it is (the older spelling organisation is read as organization).")
    why: Text = Field(description="One line on why it is worth the librarian's time.")
    url: Url | None = Field(default=None, description="Only where the source gives one (http, https or mailto).")


class Challenge(ItemBase):
    """A concrete thing to try this week; the librarian tracks its status and a note."""

    kind: Literal["challenge"]
    title: Text = Field(description="A short name for the challenge.")
    text: Text = Field(description="What to do, concretely.")


class Idea(ItemBase):
    """A collaboration idea that can be adopted into the collaborative plan."""

    kind: Literal["idea"]
    title: Text = Field(description="A short name for the idea.")
    text: Text = Field(description="What it looks like in practice.")
    partner: Prose | None = Field(default=None, description="Who it is usually done with.")


AnyItem = Point | Check | TextItem | LongItem | DateItem | ChoiceItem | RatingItem | Resource | Challenge | Idea
"""Every kind of item: narrow on ``item.kind`` (or ``isinstance``) to reach a kind's own fields."""

Item = Annotated[AnyItem, Field(discriminator="kind")]
"""An item as read from a pack: pydantic picks the model from its ``kind``."""

Answerable = Check | TextItem | LongItem | DateItem | ChoiceItem | RatingItem | Challenge
"""The kinds that take an answer and count toward progress."""

ANSWERABLE_TYPES = (Check, TextItem, LongItem, DateItem, ChoiceItem, RatingItem, Challenge)

ANSWERABLE_KINDS = frozenset({"check", "text", "long", "date", "choice", "rating", "challenge"})
"""Item kinds that count toward progress."""

CHALLENGE_STATUSES: tuple[tuple[str, str], ...] = (
    ("not-started", "Not started"),
    ("trying", "Trying"),
    ("done", "Done"),
)


class BlockKind(StrEnum):
    """The role of a block within a section."""

    GOALS = "goals"
    COMPETENCIES = "competencies"
    CHECKLIST = "checklist"
    QUESTIONS = "questions"
    RESOURCES = "resources"
    CHALLENGES = "challenges"
    WORKSHEET = "worksheet"
    RUBRIC = "rubric"
    TOPICS = "topics"
    IDEAS = "ideas"
    NOTES = "notes"


BLOCK_TITLES: dict[BlockKind, str] = {
    BlockKind.GOALS: "Goals",
    BlockKind.COMPETENCIES: "Key competencies",
    BlockKind.CHECKLIST: "Process checklist",
    BlockKind.QUESTIONS: "Review questions",
    BlockKind.RESOURCES: "Resources",
    BlockKind.CHALLENGES: "Challenges",
    BlockKind.WORKSHEET: "Worksheet",
    BlockKind.RUBRIC: "Growth indicators",
    BlockKind.TOPICS: "Topics",
    BlockKind.IDEAS: "Ideas",
    BlockKind.NOTES: "Notes",
}


class Block(Strict):
    """An ordered group of items with one role, such as the checklist of a step."""

    id: Id = Field(description="Stable id of the block.")
    kind: BlockKind = Field(description="The role of the block.")
    title: Prose | None = Field(default=None, description="Heading; defaults by kind.")
    intro: Prose | None = Field(default=None, description="Markdown shown above the items.")
    items: list[Item] = Field(min_length=1, description="The block's items, in order.")

    @property
    def heading(self) -> str:
        """The title, or the default title for the block's kind."""
        return self.title or BLOCK_TITLES[self.kind]


class Section(Strict):
    """One step, session or part of a pack: a file of its own."""

    id: Id = Field(description="Stable id, unique across all loaded packs.")
    label: Text = Field(description="Where it sits: ``Step 1``, ``Session 3``, ``Toolkit``.")
    title: Text = Field(description="The section's name.")
    short_title: Text | None = Field(
        default=None, description="A few words for narrow places (the sidebar), when the title is long."
    )
    summary: Text = Field(description="One or two sentences: what this section is for.")
    order: int = Field(description="Sections are listed by this number.")
    origin: Origin = Field(
        default=Origin.ADAPTED, description='"letstalk" when the whole section is written for letstalk, not adapted.'
    )
    blocks: list[Block] = Field(min_length=1, description="The section's blocks, in order.")

    def items(self) -> list[AnyItem]:
        """Every item of the section, in order."""
        return [item for block in self.blocks for item in block.items]

    def origin_of(self, item: ItemBase) -> Origin:
        """Whose words an item of this section is: its own mark, else the section's."""
        return item.origin or self.origin

    def answerable(self) -> list[Answerable]:
        """The items that take an answer and count toward progress."""
        return [item for item in self.items() if isinstance(item, ANSWERABLE_TYPES)]


class Pack(Strict):
    """A loaded pack: its metadata and its sections in order."""

    meta: PackMeta
    sections: list[Section]
