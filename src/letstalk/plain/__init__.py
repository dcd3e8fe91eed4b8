"""The accessible, line-by-line mode: numbered prompts on standard input and output, no textual.

- ``terminal``: reading commands and printing safely.
- ``items``: showing and asking one content item.
- ``session``: the walk through sections and the plan, saving after every answer.
"""

from letstalk.plain.session import run

__all__ = ["run"]
