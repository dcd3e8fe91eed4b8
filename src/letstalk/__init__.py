"""letstalk: a terminal workbook for school librarians building partnerships."""

import os

__version__ = "0.1.0"

# pydantic looks for plugins in every installed package's metadata the first time it builds a
# model (about a fifth of a `letstalk validate` here); letstalk uses none. An explicit setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
