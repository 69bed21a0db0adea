"""Deterministic benchmark data: a store of N people / M interactions, and a LinkedIn CSV.

The same size and seed always give the same bytes (ids, timestamps and text all come
from one seeded ``random.Random``). Records are built with the real record classes, so
every one of them is validated, and written through the real :class:`model.store.Store` in one
transaction, so the files are exactly what Kizuna writes.

    python -m bench.generate store  5000 50000 /tmp/big.json
    python -m bench.generate linkedin 3000 /tmp/Connections.csv
    python -m bench.generate busiest /tmp/big.json     # who ``kizuna show`` is timed on

Notes are of realistic length (one to five sentences, Japanese or English), spread
over ten years before ``TODAY``; deep and active people have far more of them than the
network. There are promises (mostly resolved, some open and overdue) and a focus plan
for each month.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import shutil
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from model.records import (
    LEVELS,
    PURPOSES,
    Contact,
    FocusPlan,
    Interaction,
    Promise,
    Settings,
    Slot,
)
from model.store.parts import parts_dir
from model.store import Store

#: The day the benchmark pretends is today (pass ``--date`` to commands).
TODAY = date(2026, 11, 26)
YEARS = 10
SEED = 20261126

JP_SURNAMES = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
    ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
    ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"),
    ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
    ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"), ("阿部", "あべ"),
    ("石川", "いしかわ"), ("山下", "やました"), ("中島", "なかじま"), ("石井", "いしい"), ("小川", "おがわ"),
    ("前田", "まえだ"), ("岡田", "おかだ"), ("長谷川", "はせがわ"), ("藤田", "ふじた"), ("後藤", "ごとう"),
    ("近藤", "こんどう"), ("村上", "むらかみ"), ("遠藤", "えんどう"), ("青木", "あおき"), ("坂本", "さかもと"),
    ("斉藤", "さいとう"), ("福田", "ふくだ"), ("太田", "おおた"), ("西村", "にしむら"), ("藤井", "ふじい"),
    ("金子", "かねこ"), ("岡本", "おかもと"), ("藤原", "ふじわら"), ("中野", "なかの"), ("三浦", "みうら"),
    ("原田", "はらだ"), ("中川", "なかがわ"), ("松田", "まつだ"), ("竹内", "たけうち"), ("小野", "おの"),
    ("田村", "たむら"), ("中山", "なかやま"), ("和田", "わだ"), ("石田", "いしだ"), ("森田", "もりた"),
]
JP_GIVEN = [
    ("健", "けん"), ("翔太", "しょうた"), ("美咲", "みさき"), ("陽子", "ようこ"), ("大輔", "だいすけ"),
    ("愛", "あい"), ("拓也", "たくや"), ("恵", "めぐみ"), ("直樹", "なおき"), ("由美", "ゆみ"),
    ("亮", "りょう"), ("さくら", "さくら"), ("誠", "まこと"), ("真由美", "まゆみ"), ("剛", "つよし"),
    ("千尋", "ちひろ"), ("浩二", "こうじ"), ("彩", "あや"), ("裕子", "ゆうこ"), ("学", "まなぶ"),
    ("結衣", "ゆい"), ("隆", "たかし"), ("奈々", "なな"), ("修", "おさむ"), ("香織", "かおり"),
    ("聡", "さとし"), ("舞", "まい"), ("哲也", "てつや"), ("明美", "あけみ"), ("悠人", "ゆうと"),
    ("葵", "あおい"), ("和也", "かずや"), ("智子", "ともこ"), ("蓮", "れん"), ("美穂", "みほ"),
    ("大樹", "だいき"), ("優子", "ゆうこ"), ("翼", "つばさ"), ("麻衣", "まい"), ("純一", "じゅんいち"),
    ("陽菜", "ひな"), ("康介", "こうすけ"), ("理恵", "りえ"), ("達也", "たつや"), ("沙織", "さおり"),
    ("秀樹", "ひでき"), ("瞳", "ひとみ"), ("光", "ひかる"), ("早紀", "さき"), ("俊介", "しゅんすけ"),
]
EN_FIRST = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
    "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley",
    "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol",
    "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie", "Ronald", "Rebecca",
    "Priya", "Wei", "Olga", "Mateo", "Aisha", "Lars", "Chloé", "Søren", "Ngozi", "Rafael",
]
EN_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
    "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
    "Patel", "Chen", "Ivanova", "Müller", "Okafor", "Larsen", "Dubois", "Kowalski", "Rossi", "Silva",
    "Schmidt", "Novak", "Haddad", "Kim", "Park", "Singh", "Costa", "Jensen", "Fischer", "Moreau",
]
COMPANIES = [
    "株式会社ミライ技研", "さくらソフト株式会社", "東京ロジスティクス", "北斗製作所", "青空キャピタル",
    "Acme Robotics", "Northwind Traders", "Blue Harbor Capital", "Lumen Health", "Orbit Analytics",
    "Kite & Key Design", "Granite Foods", "株式会社はなまる商事", "大和テクノロジー", "Pioneer Logistics",
    "Summit Legal", "Cedar Education", "ひかり不動産", "Tidewater Energy", "Fjord Software",
]
INDUSTRIES = ["software", "manufacturing", "finance", "healthcare", "retail", "logistics", "education",
              "media", "real estate", "energy", "legal", "food", "consulting", "government"]
FUNCTIONS = ["sales", "engineering", "finance", "marketing", "operations", "hr", "product", "legal",
             "design", "research"]
TITLES = ["CEO", "CTO", "VP Sales", "部長", "課長", "Engineer", "Designer", "Partner", "Founder",
          "Analyst", "マネージャー", "Head of Product", "Consultant", "代表取締役"]
RELATION_POOL = ["customer", "same-industry", "cross-industry", "cross-industry", "investor", "mentor",
                 "partner", "candidate", "other"]
GENERATIONS = ["20s", "30s", "40s", "50s", "60s", "70s"]
HOW_MET = ["conference", "introduced by a friend", "勉強会", "LinkedIn", "former colleague",
           "大学の同期", "customer visit", "meetup", ""]
TAGS_EN = ["hiring", "fundraising", "sales", "product", "ai", "logistics", "pricing", "partnership",
           "event", "book"]
TAGS_JP = ["採用", "資金調達", "営業", "新規事業", "展示会", "勉強会"]

EN_SENTENCES = [
    "Lunch near their office; we talked about hiring a head of sales and how they structure commission.",
    "They are moving the team to a four-day week and wanted to compare notes on how it affects delivery.",
    "Quick call about the pricing change; they think the enterprise tier is underpriced by about a third.",
    "Met at the logistics meetup, long conversation about warehouse automation and what failed for them.",
    "Shared the article on onboarding I wrote last month, they want to use it for their new managers.",
    "Their daughter starts university in April, ask how the move went next time.",
    "They introduced me to a partner at a seed fund who invests in B2B tools for small manufacturers.",
    "Talked through their board meeting; the investors want a path to profitability within eighteen months.",
    "Coffee, mostly personal: they just got back from two weeks hiking in Hokkaido and recommend the trail.",
    "They asked for feedback on their pitch deck; the market slide is weak, the team slide is strong.",
    "Followed up on the intro from March, they have now signed a pilot with three sites.",
    "Dinner with the whole team after the product launch, good energy, they are hiring two engineers.",
    "Sent them the contract template we use for joint work, they will adapt it for the workshop.",
    "Long talk about burnout and how they rebuilt their calendar around fewer, deeper meetings.",
    "They are considering leaving to start their own consultancy; offered to be a first customer reference.",
]
JP_SENTENCES = [
    "ランチで採用の話をした。営業責任者を探しているとのこと。",
    "来月の展示会で新しいパートナー企業を紹介すると約束した。",
    "資金調達の進め方について相談を受けた。シードの投資家を二人紹介できそう。",
    "新規事業の企画書を見せてもらった。市場規模の根拠が弱いが、チームは強い。",
    "勉強会で久しぶりに会った。物流の自動化で苦労した話が面白かった。",
    "お子さんが四月から大学生。引っ越しの様子を次に聞くこと。",
    "価格改定について電話で意見をもらった。上位プランは三割安すぎるとの指摘。",
    "夕食をご一緒した。最近は週四日勤務を試していて、成果は落ちていないらしい。",
    "共同で開くワークショップの日程を調整した。会場はあちらで押さえてくれる。",
    "転職を考えているとのこと。独立するなら最初の顧客になると伝えた。",
    "先月紹介した方と契約がまとまったと報告があった。お礼のメールを送る。",
    "北海道で二週間山歩きをしてきたそうで、おすすめのコースを教えてもらった。",
    "役員会の準備について話した。投資家は十八か月以内の黒字化を求めている。",
]
PROMISES_ME = ["send the onboarding article", "introduce them to a seed investor", "review their pitch deck",
               "資料を送る", "パートナー企業を紹介する", "share the contract template", "見積もりを出す"]
PROMISES_THEM = ["send the workshop dates", "introduce their CFO", "share the survey results",
                 "会場を押さえる", "事例資料を共有する"]
CHALLENGES = ["find a sales channel in Kansai", "hire two senior engineers", "raise a seed round",
              "新規事業の検証", "learn how manufacturers buy software", "build a partner program"]


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.clock = datetime(TODAY.year - YEARS, TODAY.month, 1, 9, 0, tzinfo=timezone(timedelta(hours=9)))

    def id(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def stamp(self, day: date) -> str:
        minutes = self.rng.randrange(8 * 60, 22 * 60)
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone(timedelta(hours=9)))
        return (moment + timedelta(minutes=minutes)).isoformat(timespec="seconds")


def _names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """``n`` distinct (name, reading) pairs, about 45 % Japanese."""
    jp = [(f"{s} {g}", f"{sr} {gr}") for s, sr in JP_SURNAMES for g, gr in JP_GIVEN]
    en = [(f"{f} {l}", "") for f in EN_FIRST for l in EN_LAST]
    rng.shuffle(jp)
    rng.shuffle(en)
    n_jp = min(len(jp), round(n * 0.45))
    n_en = n - n_jp
    if n_en > len(en):
        raise SystemExit(f"at most {len(jp) + len(en)} distinct people")
    out = jp[:n_jp] + en[:n_en]
    rng.shuffle(out)
    return out


def _text(rng: random.Random, japanese: bool) -> str:
    pool = JP_SENTENCES if japanese else EN_SENTENCES
    count = rng.choices((1, 2, 3, 4, 5), weights=(25, 35, 22, 12, 6))[0]
    sep = "" if japanese else " "
    return sep.join(rng.sample(pool, count))


def build(people: int, interactions: int, seed: int = SEED) -> dict:
    """The records of a benchmark store, by table name, and its settings."""
    g = _Gen(seed + people * 7 + interactions)
    rng = g.rng
    start = TODAY - timedelta(days=365 * YEARS)
    span = (TODAY - start).days

    contacts: list[Contact] = []
    for i, (name, reading) in enumerate(_names(rng, people)):
        tier = "deep" if i < 5 else "active" if i < 20 else rng.choices(("network", "archived"), (9, 1))[0]
        met = start + timedelta(days=rng.randrange(span // 2))
        stamp = g.stamp(met)
        contacts.append(Contact(
            name=name, reading=reading, company=rng.choice(COMPANIES), title=rng.choice(TITLES),
            industry=rng.choice(INDUSTRIES), function=rng.choice(FUNCTIONS), level=rng.choice(LEVELS),
            generation=rng.choice(GENERATIONS), relation=rng.choice(RELATION_POOL), tier=tier,
            purposes=tuple(rng.sample(PURPOSES, rng.randrange(0, 3))),
            emails=(f"person{i}@example.com",) if rng.random() < 0.7 else (),
            phones=(f"+81-90-{1000 + i % 9000:04d}-{rng.randrange(10000):04d}",) if rng.random() < 0.4 else (),
            how_met=rng.choice(HOW_MET),
            tags=tuple(rng.sample(TAGS_EN + TAGS_JP, rng.randrange(0, 3))),
            id=g.id(), created=stamp, updated=stamp,
        ))

    weights = list(itertools.accumulate(40 if c.tier == "deep" else 15 if c.tier == "active" else 0.5 if c.tier == "archived" else 1
               for c in contacts))
    kinds = ("meeting", "call", "message", "meal", "event", "intro made", "help given", "help received",
             "value shared", "note")
    kind_w = (20, 15, 20, 10, 5, 4, 5, 3, 6, 12)
    notes: list[Interaction] = []
    days = sorted(rng.randrange(span) for _ in range(interactions))
    for offset in days:
        day = start + timedelta(days=offset + 1)
        first = rng.choices(contacts, cum_weights=weights)[0]
        who = [first.id]
        if rng.random() < 0.15:
            other = rng.choice(contacts)
            if other.id != first.id:
                who.append(other.id)
        stamp = g.stamp(day)
        japanese = bool(first.reading) if rng.random() < 0.9 else not first.reading
        notes.append(Interaction(
            date=day.isoformat(), contacts=tuple(who), kind=rng.choices(kinds, kind_w)[0],
            depth="deep" if rng.random() < 0.3 else "touch", text=_text(rng, japanese),
            tags=tuple(rng.sample(TAGS_JP if japanese else TAGS_EN, rng.randrange(0, 3))),
            scope=rng.choices(("open", "private", "confidential"), (85, 12, 3))[0],
            id=g.id(), created=stamp, updated=stamp,
        ))

    promises: list[Promise] = []
    for note in notes[::20]:
        made = date.fromisoformat(note.date)
        due = made + timedelta(days=rng.randrange(3, 30))
        mine = rng.random() < 0.6
        if due < TODAY - timedelta(days=30):
            status = rng.choices(("kept", "broken", "dropped"), (85, 10, 5))[0]
            resolved = min(due + timedelta(days=rng.randrange(-5, 8)), TODAY).isoformat()
        else:
            status, resolved = "open", None
        promises.append(Promise(
            owner="me" if mine else "them", contact=note.contacts[0],
            text=rng.choice(PROMISES_ME if mine else PROMISES_THEM), due=due.isoformat(), status=status,
            resolved=resolved, interaction=note.id, id=g.id(), created=note.created, updated=note.created,
        ))

    close = [c.id for c in contacts if c.tier in ("deep", "active")] or [c.id for c in contacts]
    plans: list[FocusPlan] = []
    month = date(start.year, start.month, 1)
    while month <= TODAY:
        stamp = g.stamp(month)
        roles = Settings().focus_template
        plans.append(FocusPlan(
            month=month.strftime("%Y-%m"), challenge=rng.choice(CHALLENGES), purpose=rng.choice(PURPOSES),
            slots=tuple(Slot(role=r, contact=rng.choice(close), intent=rng.choice(("ask for an intro", "deep talk",
                                                                                 "近況を聞く", "")))
                        for r in roles),
            review="" if month.year == TODAY.year and month.month == TODAY.month else
            rng.choice(("Two deep talks, one promise kept late.", "目標達成。次月も継続。", "Missed the customer slot.")),
            id=g.id(), created=stamp, updated=stamp,
        ))
        month = (month + timedelta(days=32)).replace(day=1)

    return {"contacts": contacts, "interactions": notes, "promises": promises, "focus_plans": plans,
            "settings": Settings(own_industry="software")}


def write_store(path: str | Path, people: int, interactions: int, seed: int = SEED) -> Path:
    """Write a fresh benchmark store at ``path`` (replacing any there) through the real Store."""
    path = Path(path)
    path.unlink(missing_ok=True)
    shutil.rmtree(parts_dir(path), ignore_errors=True)
    shutil.rmtree(path.with_name(path.stem + "-backups"), ignore_errors=True)
    built = build(people, interactions, seed)
    store = Store(path)
    with store.transaction():
        store.save_settings(built["settings"])
        store.add_many(r for table in ("contacts", "interactions", "promises", "focus_plans")
                       for r in built[table])
    return path


def busiest_person(path: str | Path) -> str:
    """The name of the person with the most notes (what ``kizuna show`` is timed on)."""
    store = Store(Path(path))
    counts: dict[str, int] = {}
    for note in store.interactions():
        for cid in note.contacts:
            counts[cid] = counts.get(cid, 0) + 1
    return store.contact(max(counts, key=counts.__getitem__)).name


def write_linkedin(path: str | Path, rows: int, seed: int = SEED) -> Path:
    """A LinkedIn ``Connections.csv`` export of ``rows`` people (with LinkedIn's preamble)."""
    rng = random.Random(seed + rows)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    jp = [(s, g) for s, _ in JP_SURNAMES for g, _ in JP_GIVEN]
    en = [(f, l) for f in EN_FIRST for l in EN_LAST]
    rng.shuffle(jp)
    rng.shuffle(en)
    people = [(g, s) for s, g in jp[: rows * 3 // 10]] + en[: rows - rows * 3 // 10]
    rng.shuffle(people)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write("Notes:\n")
        f.write('"When exporting your connection data, you may notice that some of the email addresses are '
                'missing. You will only see email addresses for connections who have allowed their connections '
                'to see or download their email address using this setting https://www.linkedin.com/psettings/'
                'privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n')
        f.write("\n")
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for i, (first, last) in enumerate(people):
            on = TODAY - timedelta(days=rng.randrange(365 * YEARS))
            slug = f"member-{i:05d}-{rng.randrange(16 ** 6):06x}"
            w.writerow([first, last, f"https://www.linkedin.com/in/{slug}",
                        f"{slug}@example.com" if rng.random() < 0.2 else "",
                        rng.choice(COMPANIES), rng.choice(TITLES),
                        f"{on.day:02d} {months[on.month - 1]} {on.year}"])
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("store", help="write a benchmark store")
    p.add_argument("people", type=int)
    p.add_argument("interactions", type=int)
    p.add_argument("path")
    p.add_argument("--seed", type=int, default=SEED)
    p = sub.add_parser("busiest", help="print the name of the person with the most notes")
    p.add_argument("path")
    p = sub.add_parser("linkedin", help="write a LinkedIn Connections.csv")
    p.add_argument("rows", type=int)
    p.add_argument("path")
    p.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.what == "busiest":
        print(busiest_person(args.path))
        return 0
    if args.what == "store":
        out = write_store(args.path, args.people, args.interactions, args.seed)
    else:
        out = write_linkedin(args.path, args.rows, args.seed)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
