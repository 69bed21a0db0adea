"""The diversity of a set of people (A5), now and with one more person: two columns.

``panel.show(chosen, settings, candidate=None, replacing=None, slot=0)``
draws the spread of ``chosen`` on the left and, with a ``candidate``, the
spread the set would have with them in (``replacing`` the person they would
take the place of) on the right. Used by the focus planner; the numbers come
from :func:`model.planning.diversity.diversity`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from model.language.i18n import N_, _, value as shown_value
from model.planning.diversity import OWN_NOT_SET, DiversityReport, diversity
from model.records import Contact, Settings
from tui.text import fit

#: the app's words for the warning whose remedy the shell's words name as a command
IN_THE_APP = {OWN_NOT_SET: N_("your own industry is not set, so the share outside it is not measured "
                              "(S: settings)")}


def app_warning(warning: str) -> str:
    """A diversity warning as the app says it (its remedy a key, not a shell command)."""
    for said, in_app in IN_THE_APP.items():
        if warning == _(said):  # the report's warnings are in the language in use
            return _(in_app)
    return warning

LABEL = N_("focus people")  # names the set in the warnings (model.planning.diversity)


LABEL_WIDTH = 11
#: a line of the panel: (a dimension's name, the pieces of its value, the gap between two
#: pieces): wrapped between pieces and under the value; or one text
Line = tuple[str, list[Content], str] | Content


def diversity_lines(report: DiversityReport) -> list[Line]:
    """The spread in one line per dimension, then the warnings."""
    lines: list[Line] = []
    for name, spread in report.spread.items():
        shown = [shown_value(name, label) for label in spread.counts]
        pieces = [f"{label} {n}" for label, n in zip(shown, spread.counts.values())] or ["—"]
        if spread.unknown:
            pieces.append(_("unknown {n}").format(n=spread.unknown))
        comma = _(", ")
        values = [Content(piece + (comma.rstrip() if i < len(pieces) - 1 else "")) for i, piece in enumerate(pieces)]
        values.append(Content.styled(_("(evenness {value:.2f})").format(value=spread.evenness), "dim"))
        lines.append((_(name), values, " " if comma.endswith(" ") else ""))
    if report.outside_share is not None:
        lines.append((_("outside"), [Content(_("{n} of {size} outside my industry ({share:.0%})").format(
            n=report.outside, size=report.size, share=report.outside_share))], " "))
    for warning in report.warnings:
        lines.append(Content.styled(f"⚠ {app_warning(warning)}", "bold $text-warning"))
    if not report.warnings and report.size:
        lines.append(Content.styled(_("✓ no warnings: a varied set"), "$text-success"))
    return lines


def pack(pieces: list[Content], width: int, gap: str = " ") -> list[Content]:
    """``pieces`` joined by ``gap`` into lines of at most ``width`` cells, broken only between
    pieces (a piece wider than a line is wrapped on its own)."""
    lines: list[Content] = []
    line = Content("")
    for piece in pieces:
        joined = line + gap + piece if line.cell_length else piece
        if joined.cell_length <= width:
            line = joined
            continue
        if line.cell_length:
            lines.append(line)
        *full, line = piece.wrap(width) if piece.cell_length > width else [piece]
        lines += full
    return [*lines, line]


class SpreadView(Widget):
    """Lines of a spread: a value that does not fit wraps under itself, not under its name."""

    DEFAULT_CSS = "SpreadView { width: 1fr; height: auto; }"

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.lines: list[Line] = []

    def update(self, lines: list[Line]) -> None:
        self.lines = lines
        self.refresh(layout=True)

    def wrapped(self, width: int) -> list[Content]:
        out: list[Content] = []
        room = max(width - LABEL_WIDTH, 10)
        for line in self.lines:
            if isinstance(line, Content):
                out += line.wrap(max(width, 10))
                continue
            name, pieces, gap = line
            for n, part in enumerate(pack(pieces, room, gap)):
                label = fit(name, LABEL_WIDTH) if n == 0 else " " * LABEL_WIDTH
                out.append(Content.assemble((label, "bold $text-muted"), part))
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width))

    def render(self) -> Content:
        return Content("\n").join(self.wrapped(self.content_size.width))


class DiversityPanel(Horizontal):
    """This set's spread beside what one more person would make it."""

    DEFAULT_CSS = """
    DiversityPanel { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield SpreadView(id="diversity-now")
        yield SpreadView(id="diversity-with")

    def show(self, chosen: list[Contact], settings: Settings, candidate: Contact | None = None,
             replacing: str | None = None, slot: int = 0) -> None:
        lines: list[Line] = [Content.styled(_("This plan ({n} people)").format(n=len(chosen)), "bold")]
        if chosen:
            lines += diversity_lines(diversity(chosen, settings, label=_(LABEL)))
        else:
            lines.append(Content.styled(_("nobody chosen yet"), "dim"))
        self.query_one("#diversity-now", SpreadView).update(lines)
        after_panel = self.query_one("#diversity-with", SpreadView)
        if candidate is not None and candidate.id not in {c.id for c in chosen}:
            after = [c for c in chosen if c.id != replacing] + [candidate]
            head: list[Line] = [Content.styled(_("With {name} in slot {n}").format(name=candidate.name, n=slot + 1),
                                   "bold $accent")]
            after_panel.update(head + diversity_lines(diversity(after, settings, label=_(LABEL))))
        else:
            after_panel.update([Content.styled(
                _("Highlight a suggestion to see what choosing them does to the spread."), "dim italic")])
