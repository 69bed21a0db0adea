"""The health charts as lines of Rich ``Text``, for the health screen and ``kizuna health``.

No Textual here (the command line imports this). Every chart fits a given width and
carries its meaning in glyphs, so it reads the same without colour (``NO_COLOR``, a
pipe): colour (a :class:`Palette`) only repeats what the glyph says.

Glyphs: ``◆`` a deep conversation, ``○`` / ``▂▄▆█`` touches, ``·`` nothing,
``!`` overdue, ``●`` due soon, ``│`` a cadence mark or the zero line,
``█`` / ``▒`` a positive / negative trust balance, ``✓`` kept, ``✗`` broken, ``○`` open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from model.language.i18n import N_, _, date_plain, language, word, value as i18n_value
from model.planning.health import (
    CadenceBar,
    DiversityHealth,
    Heatmap,
    QuarterPromises,
    Rhythm,
    TrustRow,
)
from tui.text import fit, printable

DEEP = "◆"
NONE = "·"
TOUCH_LEVELS = "▂▄▆█"  # 1, 2, 3, 4+ touches in a month
SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Palette:
    """Styles for the charts; the app makes one from its theme, the shell uses these."""

    deep: str = "bold magenta"
    touch: str = "cyan"
    good: str = "green"
    warn: str = "yellow"
    bad: str = "red"
    muted: str = "dim"
    today: str = "reverse"
    bold: str = "bold"


PLAIN = Palette()

class Runs:
    """A line built glyph by glyph, neighbours of one style kept as one span (a heatmap
    row is one span per run, not per cell: far less to draw)."""

    __slots__ = ("parts",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.parts: list[list[str]] = [[text, style]] if text else []

    def add(self, text: str, style: str = "") -> None:
        if self.parts and self.parts[-1][1] == style:
            self.parts[-1][0] += text
        else:
            self.parts.append([text, style])

    def text(self) -> Text:
        return Text.assemble(*((t, s) for t, s in self.parts))


def palette_from_theme(variables: dict[str, str]) -> Palette:
    """A palette from a Textual theme's variables (``App.theme_variables``)."""
    get = variables.get
    return Palette(deep=f"bold {get('accent', 'magenta')}", touch=get("primary", "cyan"),
                   good=get("success", "green"), warn=get("warning", "yellow"), bad=get("error", "red"),
                   muted=get("text-muted", "dim") if get("text-muted", "").startswith("#") else "dim")


# -- rhythm -----------------------------------------------------------------------


def rhythm_glyph(deep: int, touch: int) -> str:
    if deep:
        return DEEP
    if touch:
        return TOUCH_LEVELS[min(touch, len(TOUCH_LEVELS)) - 1]
    return NONE


def rhythm_glyphs(r: Rhythm) -> str:
    """One cell per month: ``◆`` a deep conversation, ``▂▄▆█`` 1-4+ touches, ``·`` none."""
    return glyphs_of(r.deep, r.touch)


_TOUCH_GLYPH = (NONE, *TOUCH_LEVELS)


def glyphs_of(deep, touch) -> str:
    """:func:`rhythm_glyphs` of the counts themselves (the contact list makes 5,000)."""
    top = len(TOUCH_LEVELS)
    return "".join(DEEP if d else _TOUCH_GLYPH[t if t < top else top] for d, t in zip(deep, touch))


def rhythm_text(r: Rhythm, p: Palette = PLAIN) -> Text:
    line = Runs()
    for d, t in zip(r.deep, r.touch):
        line.add(rhythm_glyph(d, t), p.deep if d else (p.touch if t else p.muted))
    return line.text()


# -- heatmap ----------------------------------------------------------------------

_WEEKDAYS = (N_("Mo"), "", N_("We"), "", N_("Fr"), "", N_("Su"))


def month_abbr(d: date) -> str:
    """``Nov``; ``11月`` in Japanese."""
    return f"{d.month}月" if language() == "ja" else d.strftime("%b")


def month_letter(d: date) -> str:
    """One cell for a month: ``N``; in Japanese the month number's last digit (``11月`` → ``1``)."""
    return str(d.month % 10) if language() == "ja" else d.strftime("%b")[0]


def heatmap_lines(h: Heatmap, width: int, p: Palette = PLAIN) -> list[Text]:
    """Weeks as columns, Monday to Sunday as rows; month names over the week a month
    starts in; today in reverse with a ``▲`` under it. ``●`` a day with a deep
    conversation, ``○`` touches only, ``·`` nothing. The oldest weeks go when narrow."""
    label_w = 3
    weeks = h.weeks
    cell = 2 if label_w + weeks * 2 <= width else 1
    shown = max(1, min(weeks, (width - label_w) // cell))
    first = h.grid_start + timedelta(weeks=weeks - shown)
    labels: list[tuple[int, str]] = []  # (cell, month name) over the week each month starts in
    for w in range(shown):
        monday = first + timedelta(weeks=w)
        starts = next((monday + timedelta(days=i) for i in range(7)
                       if (monday + timedelta(days=i)).day == 1), None)
        if w == 0 and starts is None:
            starts = monday
        if starts is not None:
            labels.append((w * cell, month_abbr(starts)))
    kept: list[tuple[int, str]] = []
    for at, name in reversed(labels):  # a label that runs into the next one gives way
        if not kept or at + cell_len(name) < kept[-1][0]:
            kept.append((at, name))
    head = Text(" " * label_w)
    taken = 0
    for at, name in reversed(kept):
        head.append(" " * (at - taken))
        head.append(name, p.bold)
        taken = at + cell_len(name)
    lines = [head]
    marker = None
    for row in range(7):
        line = Runs(fit(_(_WEEKDAYS[row]) if _WEEKDAYS[row] else "", label_w), p.muted)
        for w in range(shown):
            day = first + timedelta(weeks=w, days=row)
            if day < h.start or day > h.end:
                glyph, style = " ", ""
            else:
                deep, touch = h.on(day)
                if deep:
                    glyph, style = "●", p.deep
                elif touch:
                    glyph, style = "○", p.touch
                else:
                    glyph, style = NONE, p.muted
                if day == h.end:
                    style = f"{style} {p.today}".strip()
                    marker = w
            line.add(glyph, style)
            if cell == 2:
                line.add(" ", style if style == p.muted else "")
        lines.append(line.text())
    if marker is not None:
        at = label_w + marker * cell
        today = _("today")
        if at + 2 + cell_len(today) <= width:
            lines.append(Text(" " * at) + Text(f"▲ {today}", p.bold))
        else:  # no room to its right: the words go left of the mark
            lines.append(Text(" " * max(0, at - 1 - cell_len(today))) + Text(f"{today} ▲", p.bold))
    lines.append(Text.assemble(("●", p.deep), " " + word("depth", "deep") + "  ", ("○", p.touch), " " + _("touches only") + "  ",
                               (NONE, p.muted), " " + _("none")))
    return lines


# -- cadence ----------------------------------------------------------------------

_STATE_MARK = {"overdue": "!", "due": "●", "in time": " "}


def _days(n: int | None) -> str:
    return _("never") if n is None else _("{n}d").format(n=n)


def cadence_line(b: CadenceBar, width: int, p: Palette = PLAIN) -> Text:
    """``! Name     ████████████│▓▓▓▓  130d/90 deep  40d late · touch 3d``: the days since
    what keeps the cadence (a deep conversation for the deep tier, a touch for the active
    one) against the cadence (``│``), past it in ``▓``."""
    style = {"overdue": p.bad, "due": p.warn, "in time": p.good}[b.state]
    if b.due_in < 0:
        state = _("{n}d late").format(n=-b.due_in)
    elif b.state == "due":
        state = _("due in {n}d").format(n=b.due_in)
    else:
        state = _("in time")
    other, other_days = ("touch", b.since_touch) if b.keeps == "deep" else ("deep", b.since_deep)
    since_text = _right(_days(b.since), 5)
    if width >= 64:
        tail = (f" {since_text}/{b.cadence:<3} {fit(word('depth', b.keeps), 5)} {fit(state, 10)}"
                f" {word('depth', other)} {_right(_days(other_days), 5)}")
    else:  # narrow: the other figure and the words go first
        tail = f" {since_text}/{b.cadence:<3} {state}"
    name_w = max(8, min(18, width // 5))
    bar_w = max(4, width - 2 - name_w - 1 - cell_len(tail))
    text = Runs()
    text.add(_STATE_MARK[b.state] + " ", style)
    text.add(fit(printable(b.name), name_w) + " ", p.bold if b.tier == "deep" else "")
    scale = max(b.cadence * 2, 1)
    since = b.since if b.since is not None else scale
    mark = max(1, round(bar_w * b.cadence / scale))
    filled = min(bar_w, round(bar_w * min(since, scale) / scale))
    for i in range(bar_w):
        if i == mark:
            text.add("│", p.bold)
        elif i < filled:
            text.add("▓" if i > mark else "█", style)
        else:
            text.add(NONE if i < mark else " ", p.muted)
    text.add(tail, p.muted)
    return text.text()


def _right(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` cells (wide characters count two)."""
    return " " * max(0, width - cell_len(text)) + text


# -- promises ---------------------------------------------------------------------


def _glyph_bar(parts: list[tuple[int, str, str]], room: int) -> Text:
    """Counts as runs of glyphs, scaled down together when they do not fit ``room``."""
    total = sum(n for n, _, _ in parts)
    scale = min(1.0, room / total) if total else 1.0
    text = Text()
    for n, glyph, style in parts:
        cells = round(n * scale) if n else 0
        if n and not cells:
            cells = 1
        text.append(glyph * cells, style)
    return text


def promise_lines(quarters: list[QuarterPromises], width: int, p: Palette = PLAIN) -> list[Text]:
    """Per quarter, mine and theirs: ``✓`` kept, ``✗`` broken, ``○`` open, and the on-time rate."""
    lines = []
    room = max(4, width - 8 - 8 - 16)
    for q in quarters:
        for who, c in ((N_("mine"), q.mine), (N_("theirs"), q.theirs)):
            line = Text(fit(q.label if who == "mine" else "", 8), p.bold)
            line.append(fit(_(who), 7) + " ", p.muted)
            bar = _glyph_bar([(c.kept, "✓", p.good), (c.broken, "✗", p.bad), (c.open, "○", p.warn)], room)
            line.append_text(bar)
            line.append(" " * max(1, room - bar.cell_len + 1))
            rate = "—" if c.rate is None else f"{c.rate:.0%}"
            line.append(f"{c.kept}✓ {c.broken}✗ {c.open}○ {rate:>4}", p.muted)
            lines.append(line)
    lines.append(Text.assemble(("✓", p.good), " " + word("status", "kept") + "  ", ("✗", p.bad), " " + word("status", "broken") + "  ",
                               ("○", p.warn), " " + word("status", "open") + "  " + _("{percent} on time").format(
                                   percent="%"), style=p.muted))
    return lines


# -- trust ------------------------------------------------------------------------


def sparkline(values: tuple[int, ...] | list[int]) -> str:
    """Values as ``▁..█`` from their lowest to their highest (all equal: a flat ``▄``)."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if lo == hi:
        return "▄" * len(values)
    return "".join(SPARK[round((v - lo) / (hi - lo) * (len(SPARK) - 1))] for v in values)


def trust_lines(rows: list[TrustRow], width: int, p: Palette = PLAIN) -> list[Text]:
    """Diverging bars around ``│``: ``▒`` to the left for a negative balance, ``█`` to the
    right for a positive one; then the month-end trend and its change."""
    top = trust_scale(rows)
    return [trust_line(r, width, top, p) for r in rows]


def trust_scale(rows: list[TrustRow]) -> int:
    """The balance a full half-bar stands for: the largest of ``rows`` (1 at least)."""
    return max([1] + [abs(r.balance) for r in rows])


def trust_line(r: TrustRow, width: int, top: int, p: Palette = PLAIN) -> Text:
    name_w = max(8, min(18, width // 5))
    tail_w = 5 + 1 + len(r.trend) + 5
    half = max(2, (width - 2 - name_w - 1 - 1 - tail_w) // 2)
    n = round(half * abs(r.balance) / top) or (1 if r.balance else 0)
    line = Text("  ")
    line.append(fit(printable(r.name), name_w) + " ", p.bold if r.tier == "deep" else "")
    if r.balance < 0:
        line.append(" " * (half - n))
        line.append("▒" * n, p.bad)
    else:
        line.append(" " * half)
    line.append("│", p.muted)
    if r.balance > 0:
        line.append("█" * n, p.good)
        line.append(" " * (half - n))
    else:
        line.append(" " * half)
    line.append(f"{r.balance:>+5} ", p.bold)
    line.append(sparkline(r.trend), p.touch)
    change = r.change
    arrow = "↑" if change > 0 else ("↓" if change < 0 else "→")
    line.append(f" {arrow}{abs(change):<3}", p.good if change > 0 else (p.bad if change < 0 else p.muted))
    return line


# -- diversity --------------------------------------------------------------------

DIMENSION_VALUES = 4  # values shown per dimension; the rest are summed


def diversity_lines(dh: DiversityHealth, width: int, p: Palette = PLAIN) -> list[Text]:
    """Per dimension the top values as ``█`` bars, unknown as ``░``; then the focus template
    and, per month of the period, whether it met it (``✓``/``✗``) and held its deep
    conversations (``◆``/``✗``), ``·`` for a month without a plan."""
    lines = []
    report = dh.report
    label_w = max(8, min(20, width // 4))
    room = max(4, width - 2 - label_w - 6)
    size = max(1, report.size)
    for dim in ("industry", "function", "level", "generation"):
        s = report.spread[dim]
        lines.append(Text.assemble((_(dim), p.bold), ("  " + _("evenness {value:.2f}").format(value=s.evenness),
                                                      p.muted)))
        items = list(s.counts.items())
        rest = sum(n for _, n in items[DIMENSION_VALUES:])
        rows = [(i18n_value(dim, v), n, "█", p.touch) for v, n in items[:DIMENSION_VALUES]]
        if rest:
            rows.append((_("{n} more").format(n=len(items) - DIMENSION_VALUES), rest, "█", p.muted))
        if s.unknown:
            rows.append((_("unknown"), s.unknown, "░", p.muted))
        for value, n, glyph, style in rows:
            cells = max(1, round(room * n / size))
            lines.append(Text.assemble("  ", fit(printable(value), label_w), " ", (glyph * cells, style), f" {n}"))
    template = _(", ").join(f"{n} {word('relation', role)}" for role, n in _counts(dh.template))
    lines.append(Text.assemble((_("focus template"), p.bold), (f"  {template}", p.muted)))
    met = Runs("  " + fit(_("template met"), 14), p.muted)
    held = Runs("  " + fit(_("deep held"), 14), p.muted)
    for m in dh.months:
        if not m.planned:
            met.add(NONE, p.muted)
            held.add(NONE, p.muted)
            continue
        met.add("✓" if m.met_template else "✗", p.good if m.met_template else p.bad)
        held.add(DEEP if m.all_held else "✗", p.deep if m.all_held else p.bad)
    planned = sum(1 for m in dh.months if m.planned)
    met.add("  " + _("{n} of {planned} planned").format(n=dh.met, planned=planned), p.muted)
    held.add("  " + _("{n} of {planned} planned").format(n=dh.held, planned=planned), p.muted)
    months = Text("                " + "".join(month_letter(date.fromisoformat(m.month + "-01"))
                                             for m in dh.months), p.muted)
    lines += [months, met.text(), held.text()]
    for line in lines:
        line.truncate(width, overflow="ellipsis")
    return lines


def _counts(roles: tuple[str, ...]) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for r in roles:
        out[r] = out.get(r, 0) + 1
    return list(out.items())


# -- the whole report ----------------------------------------------------------------

#: marked with N_: translate with _() where shown
TITLES = {
    "heatmap": N_("Conversations by day"),
    "cadence": N_("Cadence: deep and active people, worst first"),
    "promises": N_("Promises per quarter"),
    "trust": N_("Trust balance and its 6-month trend"),
    "diversity": N_("Diversity of the deep and active tiers"),
}


def report_title(months: int, today: date) -> str:
    """``Relationship health · last 12 months to 2026-11-26``."""
    return _("Relationship health · last {months} months to {date}").format(months=months, date=date_plain(today))


def section_lines(health, name: str, width: int, p: Palette = PLAIN) -> list[Text]:
    """One chart's lines (without its title and reading)."""
    if name == "heatmap":
        return heatmap_lines(health.heatmap, width, p)
    if name == "cadence":
        return [cadence_line(b, width, p) for b in health.cadence]
    if name == "promises":
        return promise_lines(list(health.promises), width, p)
    if name == "trust":
        return trust_lines(list(health.trust), width, p)
    return diversity_lines(health.diversity, width, p)


def report_lines(health, width: int, p: Palette = PLAIN) -> list[Text]:
    """Every chart with its title and one-line reading, for the shell."""
    from model.planning.health import EMPTY_TEXT

    lines = [Text(report_title(health.months, health.today), p.bold)]
    if health.empty:
        return lines + [Text(EMPTY_TEXT)]
    readings = health.readings()
    for name, title in TITLES.items():
        lines += [Text(""), Text(_(title), p.bold), Text(readings[name])]
        lines += section_lines(health, name, width, p)
    return lines
