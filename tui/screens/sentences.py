"""The sentence view of one paragraph link: the sentence pairs ``export --level sentence``
would write inside it, each confirmable one by one.

The pairs come from :func:`align.export.sentence_cut`, the export's own code path, so what
is confirmed here is what the export marks ``confirmed``; a confirmation is the undoable
``confirm_sentence`` operation, stored in the project with the link.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from align.edit import Op
from align.export import SentenceCut, link_sentence_cut, paragraph_sentences, relative
from align.model import Alignment, Link
from tui.grid import STATUS_MARKS
from tui.session import Session

HINT = "↑↓ choose · enter or c confirm / take back · esc close"


def pair_label(alignment: Alignment, link: Link, number: int) -> Text:
    """One sentence pair: its status mark, number, type and score, then both sides."""
    text = Text()
    text.append(f"{STATUS_MARKS.get(link.status, '?')} {number:>2}  {link.type}  "
                f"{link.score:.2f}\n", "bold" if link.status == "confirmed" else "dim")
    text.append(f"   {alignment.source_text(link) or '—'}\n")
    text.append(f"   → {alignment.target_text(link) or '—'}")
    return text


class SentenceScreen(ModalScreen[None]):
    """Lists the sentence pairs inside link ``k`` of the session's alignment. The sentence
    aligner runs in a thread (its scorer reads the whole text)."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("c", "toggle", "Confirm")]
    DEFAULT_CSS = "SentenceScreen #sentence-pairs { max-height: 70vh; }"
    """A long paragraph's pairs scroll; the hint below them stays on screen."""

    def __init__(self, session: Session, k: int, run: Callable[..., bool]) -> None:
        super().__init__()
        self.session, self.k, self.run = session, k, run
        self.cut: SentenceCut | None = None
        self.at = 0
        """Where the link is among the cut's paragraph links."""
        self.pairs: list[Link] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Sentence pairs of link {self.k + 1}", classes="dialog-title")
            yield Label("aligning the sentences…", classes="dialog-body", id="sentences-state")
            yield OptionList(id="sentence-pairs")
            yield Label(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.align_sentences(self.session.alignment)

    @work(thread=True, exclusive=True)
    def align_sentences(self, alignment: Alignment) -> None:
        cut, at = link_sentence_cut(alignment, self.k)
        self.app.call_from_thread(self._aligned, cut, at)

    def _aligned(self, cut: SentenceCut, at: int) -> None:
        self.cut, self.at = cut, at
        self.show()

    def show(self) -> None:
        """(Re)list the pairs, keeping the highlighted one."""
        if self.cut is None:
            return
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        self.pairs = paragraph_sentences(self.cut, self.at, self.session.alignment.links[self.k])
        options.clear_options()
        options.add_options([Option(pair_label(self.cut.alignment, link, n + 1), id=str(n))
                             for n, link in enumerate(self.pairs)])
        options.highlighted = min(highlighted, len(self.pairs) - 1)
        confirmed = sum(link.status == "confirmed" for link in self.pairs)
        self.query_one("#sentences-state", Label).update(
            f"{len(self.pairs)} sentence pairs, {confirmed} confirmed")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle(event.option_index)

    def action_toggle(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.toggle(highlighted)

    def toggle(self, n: int) -> None:
        """Confirm pair ``n`` (or take the confirmation back) as one undoable step; a
        confirmation moves on to the next pair, as ``c`` in the grid moves to the next
        link."""
        if self.cut is None or not 0 <= n < len(self.pairs):
            return
        link = self.pairs[n]
        src, tgt = relative(link, self.cut.firsts[self.at])
        confirmed = link.status != "confirmed"
        if self.run(Op("confirm_sentence", {"k": self.k, "src": list(src), "tgt": list(tgt),
                                            "confirmed": confirmed}), cursor=self.k):
            self.show()
            if confirmed:
                self.query_one(OptionList).highlighted = min(n + 1, len(self.pairs) - 1)

    def action_close(self) -> None:
        self.dismiss(None)
