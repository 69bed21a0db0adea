"""Render the README screenshots from the demo data: ``python scripts/screenshots.py``.

Each shot builds the demo store (``model.demo.build_demo``) in a temporary
folder as of a fixed day, opens the real app from ``make_app`` at a fixed
terminal size, presses the keys a user would, waits for every worker, and
saves ``screenshots/<name>.svg``. When ``rsvg-convert`` is on the PATH
(Debian: ``apt-get install librsvg2-bin``; a Japanese font such as
``fonts-ipafont-gothic`` makes the names render) each SVG is also turned
into ``screenshots/<name>.png``; when it is not, the script says so and
keeps the SVGs.

A shot with ``language="ja"`` is taken in Japanese mode (``model.language.i18n.set_language``),
as ``KIZUNA_LANG=ja kizuna --demo`` shows it.

The shots are deterministic (fixed day, seeded demo data, no clock on
screen), so a diff in ``screenshots/`` means a screen changed. The script
refuses to write a shot that shows the text of a confidential note.
The snapshot tests (``tests/tui/test_snapshots.py``) use the same SHOTS.

    python scripts/screenshots.py [--out DIR] [--only NAME ...] [--no-png]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rich.cells import cell_len  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, TextArea  # noqa: E402

from model.language import i18n  # noqa: E402
from model.demo import build_demo  # noqa: E402
from model.store import Store  # noqa: E402
from tui.app import KizunaApp, make_app  # noqa: E402

TODAY = date(2026, 11, 26)
SIZE = (160, 45)
#: the sizes laptops' terminals open at: the snapshot tests check these shots at each too
SMALL_SIZES = ((80, 24), (100, 30))
#: the line typed into quick capture for its screenshot
CAPTURE_LINE = '@"Emily Carter" lunch deep: hospital sales path #医療 promised an intro to 佐藤 健 by fri'
#: ...and in Japanese mode
CAPTURE_LINE_JA = "@佐藤健 ランチ 昨日 病院向けの販路の話 #医療 金曜までに医療機器メーカーの資料を送ると約束"


async def settle(pilot: Pilot) -> None:
    """Wait for every worker and for the screen to catch up; no cursor blink in a picture."""
    app = pilot.app
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


async def _main(pilot: Pilot) -> None:
    """The main screen on a person with a confidential note (masked) and Japanese text."""
    await settle(pilot)
    app = pilot.app
    person = next(c for c in app.store.contacts() if c.name == "田中 美咲")
    app.screen.select_person(person.id)
    await settle(pilot)


async def _review(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)


async def _capture(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    line = CAPTURE_LINE_JA if i18n.language() == "ja" else CAPTURE_LINE
    pilot.app.screen.query_one("#capture-line", Input).insert_text_at_cursor(line)
    await settle(pilot)


async def _focus(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    await pilot.press("down", "down")  # the empty cross-industry slot: its suggestions and reasons
    await settle(pilot)
    await pilot.press("enter")  # into the suggestions: the first one's reasons and what it does to diversity
    await settle(pilot)


async def _month_review(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("M")
    await settle(pilot)


async def _health(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)


@dataclass(frozen=True)
class Shot:
    name: str
    title: str
    prepare: Callable[[Pilot], Awaitable[None]]
    screen: str  # the class name of the screen the keys must have opened
    size: tuple[int, int] = SIZE  # the terminal's (columns, rows)
    language: str = "en"  # the interface's language (model.language.i18n)


SHOTS = (
    Shot("main", "The main screen: contacts, timeline, this month's focus", _main, "MainScreen"),
    Shot("review", "Daily review: one due item at a time, one key each", _review, "ReviewScreen"),
    Shot("capture", "Quick capture: one line and the live preview of what it saves", _capture, "CaptureScreen"),
    Shot("focus", "Focus planner: challenge, purpose, slots, ranked suggestions, diversity", _focus,
         "FocusPlannerScreen"),
    Shot("month_review", "Month review: deep conversations held, promises, carry-over", _month_review,
         "MonthReviewScreen"),
    Shot("main_80x24", "The main screen in an 80x24 terminal: the focus pane folded into a line", _main,
         "MainScreen", (80, 24)),
    Shot("health", "Health: conversations by day, cadence, promises, trust, diversity", _health,
         "HealthScreen"),
    Shot("main_ja", "日本語モード: 連絡先・タイムライン・今月のフォーカス", _main, "MainScreen", language="ja"),
)
#: the shots the snapshot tests also check at each of SMALL_SIZES
SMALL_SHOTS = ("main", "review", "capture", "focus")
#: the shots the snapshot tests also check in Japanese, at each of JA_SIZES
JA_SHOTS = ("main", "review", "capture", "focus")
JA_SIZES = (SIZE, (80, 24))


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Japanese (or English) mode while the app is built and run; English again after."""
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language("en")


def demo_app(folder: Path) -> KizunaApp:
    """The real app on a fresh demo store in ``folder``, as of TODAY, in the language in use."""
    store = Store(folder / "kizuna.json")
    build_demo(store, TODAY, i18n.language())
    return make_app(store, today=TODAY, demo=True)


def confidential_texts(app: KizunaApp) -> list[str]:
    """Texts of confidential notes: none of them may appear in a picture."""
    return [i.text for i in app.store.interactions() if i.scope == "confidential" and i.text.strip()]


def svg_text(svg: str) -> str:
    """The visible text of an exported SVG, spans joined."""
    parts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(parts)).replace("\xa0", " ")


def leaks(svg: str, secrets: list[str]) -> list[str]:
    """Confidential texts (their first 12 characters) that show in ``svg``."""
    shown = svg_text(svg)
    return [s for s in secrets if s[:12] in shown]


async def render(shot: Shot, folder: Path) -> str:
    """The SVG of one shot (the app runs headless at its size)."""
    with language(shot.language):
        app = demo_app(folder)
        secrets = confidential_texts(app)
        async with app.run_test(size=shot.size) as pilot:
            await shot.prepare(pilot)
            shown = type(app.screen).__name__
            if shown != shot.screen:
                raise SystemExit(f"screenshots: {shot.name}: the keys opened {shown}, not {shot.screen}")
            svg = app.export_screenshot(title=f"Kizuna — {shot.title}")
    leaked = leaks(svg, secrets)
    if leaked:
        raise SystemExit(f"screenshots: {shot.name} shows a confidential note ({leaked[0][:20]}…); not written")
    return svg


# -- PNG ---------------------------------------------------------------------------

#: two cells of the SVG's monospace font (0.61 em each) over a CJK glyph's 1 em
WIDE_SCALE = 1.22
_TEXT = re.compile(r'(<text\b[^>]*\bx=")([\d.]+)("[^>]*\btextLength=")([\d.]+)("[^>]*>)([^<]*)(</text>)')


def _for_png(svg: str) -> str:
    """Work around two rsvg-convert habits so the PNG lines up like a terminal.

    It drops the width of leading spaces (``&#160;``) in a ``<text>``, and it
    draws Japanese glyphs one em wide where a terminal gives them two cells
    (1.22 em of the monospace font): move such text right by its leading
    spaces, and draw wide characters 1.22 times larger.
    """

    # One cell's width, from a span of plain ASCII (textLength counts characters, not cells).
    cell = 0.0
    for m in _TEXT.finditer(svg):
        text = html.unescape(m.group(6)).replace("\xa0", " ")
        if text and text.isascii():
            cell = float(m.group(4)) / len(text)
            break

    def fix(m: re.Match[str]) -> str:
        head, x, mid, length, open_end, body, close = m.groups()
        text = html.unescape(body).replace("\xa0", " ")
        if not text:
            return m.group(0)
        stripped = text.lstrip(" ")
        lead = len(text) - len(stripped)
        new_x = float(x) + lead * cell
        out = []
        for wide, chars in groupby(stripped, key=lambda ch: cell_len(ch) == 2):
            esc = html.escape("".join(chars), quote=False).replace(" ", "&#160;")
            out.append(f'<tspan style="font-size:{WIDE_SCALE}em">{esc}</tspan>' if wide else esc)
        return f"{head}{new_x:g}{mid}{length}{open_end}{''.join(out)}{close}"

    return _TEXT.sub(fix, svg)


def to_png(svg_path: Path, png_path: Path) -> None:
    fixed = svg_path.with_suffix(".png.svg")
    fixed.write_text(_for_png(svg_path.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        subprocess.run(["rsvg-convert", "--zoom", "1", str(fixed), "-o", str(png_path)], check=True)
    finally:
        fixed.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the README screenshots (SVG, and PNG with rsvg-convert) from the demo data.")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="folder for the pictures")
    parser.add_argument("--only", nargs="*", choices=[s.name for s in SHOTS], help="render only these")
    parser.add_argument("--no-png", action="store_true", help="SVG only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rsvg = None if args.no_png else shutil.which("rsvg-convert")
    if not args.no_png and rsvg is None:
        print("screenshots: rsvg-convert not found (apt-get install librsvg2-bin): writing SVG only")
    if rsvg and shutil.which("fc-list"):
        japanese = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout.strip()
        if not japanese:
            print("screenshots: no Japanese font found (apt-get install fonts-ipafont-gothic): "
                  "names will show as boxes in the PNGs")
    for shot in SHOTS:
        if args.only and shot.name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="kizuna-shot-") as tmp:
            svg = asyncio.run(render(shot, Path(tmp)))
        svg_path = args.out / f"{shot.name}.svg"
        svg_path.write_text(svg, encoding="utf-8")
        made = [svg_path.name]
        if rsvg:
            to_png(svg_path, svg_path.with_suffix(".png"))
            made.append(svg_path.with_suffix(".png").name)
        print(f"screenshots: {' + '.join(made)}  ({shot.title})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
