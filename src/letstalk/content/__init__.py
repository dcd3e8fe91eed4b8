"""Content packs: models, loader and validator. No UI imports here."""

from letstalk.content.loader import Library, Located, builtin_content_dir, load_library, load_pack
from letstalk.content.models import (
    ANSWERABLE_KINDS,
    CHALLENGE_STATUSES,
    Block,
    BlockKind,
    Origin,
    Pack,
    PackKind,
    PackMeta,
    Section,
)

__all__ = [
    "ANSWERABLE_KINDS",
    "CHALLENGE_STATUSES",
    "Block",
    "BlockKind",
    "Library",
    "Located",
    "Origin",
    "Pack",
    "PackKind",
    "PackMeta",
    "Section",
    "builtin_content_dir",
    "load_library",
    "load_pack",
]
