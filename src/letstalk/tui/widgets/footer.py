"""The footer every letstalk screen shows: Textual's, with the help key first."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "f1"


class HelpFirstFooter(Footer):
    """Textual's footer with F1 Help first, as nano puts its help first.

    Keys that do not fit a narrow terminal are cut at the right edge; the one key that says what
    every other key does must never be among them (at 60 columns Home's keys overflow).
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

    def compose(self) -> ComposeResult:
        self._drawn = self._keys_shown()
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
        yield from first + [w for w in widgets if w not in first]
