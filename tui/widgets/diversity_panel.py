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
from textual.widgets import Static

from model.language.i18n import N_, _, word
from model.planning.diversity import OWN_NOT_SET, DiversityReport, diversity
from model.records import Contact, Settings
from tui.text import fit

#: the app's words for the warning whose remedy the shell's words name as a command
IN_THE_APP = {OWN_NOT_SET: N_("your own industry is not set, so the share outside it is not measured "
                              "(S: settings)")}


def app_warning(warning: str) -> str:
    """A diversity warning as the app says it (its remedy a key, not a shell command)."""
    return _(IN_THE_APP[warning]) if warning in IN_THE_APP else warning

LABEL = N_("focus people")  # names the set in the warnings (model.planning.diversity)


def diversity_lines(report: DiversityReport) -> list[Content]:
    """The spread in one line per dimension, then the warnings."""
    lines: list[Content] = []
    for name, spread in report.spread.items():
        shown = (word(name, label) if name == "level" else label for label in spread.counts)
        values = _(", ").join(f"{label} {n}" for label, n in zip(shown, spread.counts.values())) or "—"
        unknown = _(", unknown {n}").format(n=spread.unknown) if spread.unknown else ""
        lines.append(Content.assemble((fit(_(name), 11), "bold $text-muted"), f"{values}{unknown}",
                                      ("  " + _("(evenness {value:.2f})").format(value=spread.evenness), "dim")))
    if report.outside_share is not None:
        lines.append(Content.assemble((fit(_("outside"), 11), "bold $text-muted"),
                                      _("{n} of {size} outside my industry ({share:.0%})").format(
                                          n=report.outside, size=report.size, share=report.outside_share)))
    for warning in report.warnings:
        lines.append(Content.styled(f"⚠ {app_warning(warning)}", "bold $text-warning"))
    if not report.warnings and report.size:
        lines.append(Content.styled(_("✓ no warnings: a varied set"), "$text-success"))
    return lines


class DiversityPanel(Horizontal):
    """This set's spread beside what one more person would make it."""

    DEFAULT_CSS = """
    DiversityPanel { height: auto; }
    DiversityPanel > Static { width: 1fr; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="diversity-now")
        yield Static(id="diversity-with")

    def show(self, chosen: list[Contact], settings: Settings, candidate: Contact | None = None,
             replacing: str | None = None, slot: int = 0) -> None:
        lines = [Content.styled(_("This plan ({n} people)").format(n=len(chosen)), "bold")]
        if chosen:
            lines += diversity_lines(diversity(chosen, settings, label=_(LABEL)))
        else:
            lines.append(Content.styled(_("nobody chosen yet"), "dim"))
        self.query_one("#diversity-now", Static).update(Content("\n").join(lines))
        after_panel = self.query_one("#diversity-with", Static)
        if candidate is not None and candidate.id not in {c.id for c in chosen}:
            after = [c for c in chosen if c.id != replacing] + [candidate]
            head = [Content.styled(_("With {name} in slot {n}").format(name=candidate.name, n=slot + 1),
                                   "bold $accent")]
            after_panel.update(Content("\n").join(head + diversity_lines(diversity(after, settings, label=_(LABEL)))))
        else:
            after_panel.update(Content.styled(
                _("Highlight a suggestion to see what choosing them does to the spread."), "dim italic"))
