"""The footer every letstalk screen shows: Textual's, with the help key first."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "f1"
PALETTE_ROOM = 12
"""Columns the command palette's key takes at the right edge, with its separator."""


class HelpFirstFooter(Footer):
    """Textual's footer with F1 Help first, as nano puts its help first, and no key cut in half.

    On a narrow terminal the keys first close up (Textual's compact style); keys that still do not
    fit are left out whole, from the right, where Textual cut one in the middle (``^q Qui``).
    F1 Help, which lists every key, is first and always stays (at 60 columns Home's keys overflow).
    """

    _drawn: Hashable = None
    """What the keys were last composed from; the same keys are not composed again."""

    def _keys_shown(self) -> Hashable:
        """What :meth:`compose` draws the keys from: the shown bindings and the palette key."""
        if not self._bindings_ready:
            return ()
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            tuple(
                (b.key, b.action, b.description, b.group and (b.group.description, b.group.compact), enabled, tip)
                for _, b, enabled, tip in active.values()
                if b.show
            ),
            palette[1:] if palette and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE else None,
        )

    async def recompose(self) -> None:
        """Compose the keys again only if they changed.

        Textual's footer rebuilds its keys whenever any widget's bindings might have changed (each
        focus change, three times before Home's first paint); rebuilding a row of unchanged keys
        is a visible share of a start and of every Tab.
        """
        if not self.is_attached or self._pruning:
            return  # its screen is gone (the recompose was asked for before it closed)
        if self._keys_shown() != self._drawn:
            await super().recompose()

    _fitted: tuple[bool, int] = (False, 0)
    """The spacing and the number of keys last composed for the width there was."""

    def _fit(self, width: int) -> tuple[bool, int]:
        """(compact, how many keys fit) in ``width`` columns, F1 Help counted first."""
        if not self._bindings_ready:
            return False, 0
        shown: dict[str, Binding] = {}
        for _, binding, _, _ in self.screen.active_bindings.values():
            if binding.show:
                shown.setdefault(binding.action, binding)  # as Textual's footer: one key per action
        keys = sorted(shown.values(), key=lambda b: b.key != HELP_KEY)
        sizes = [len(self.app.get_key_display(b)) + len(b.description) for b in keys]
        room = width - PALETTE_ROOM
        # Wide, a key is " key description "; compact, "key description" and a space to the next.
        compact = sum(size + 3 for size in sizes) > room
        used = count = 0
        for size in sizes:
            used += size + (2 if compact else 3)
            if used - (1 if compact else 0) > room and count:  # no gap after the last key
                break
            count += 1
        return compact, count

    def on_resize(self) -> None:
        if self._fit(self.size.width) != self._fitted:
            self._drawn = None  # the same keys, but not the same room for them
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        self._drawn = self._keys_shown()
        self._fitted = compact, count = self._fit(self.app.size.width)
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact", update=False)
        widgets = list(super().compose())
        for key in widgets:
            if isinstance(key, FooterKey):
                # A FooterKey starts compact (Textual's default), and the keys bound to the footer's
                # `compact` are made wide once mounted: two restyles of every key in every footer.
                # Made in the style it will have (the palette key is not bound and stays compact),
                # it has none.
                compact = self.compact if "compact" in (key._reactive_connect or {}) else True
                key.set_reactive(FooterKey.compact, compact)
                key.set_class(compact, "-compact", update=False)
        first = [w for w in widgets if isinstance(w, FooterKey) and w.key == HELP_KEY]
        ordered = first + [w for w in widgets if w not in first]
        keys = [w for w in ordered if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        if self._bindings_ready and count < len(keys):
            ordered = [w for w in ordered if w not in keys[count:]]  # left out whole, never cut
            self.styles.grid_size_columns = count
        yield from ordered
