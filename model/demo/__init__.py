"""The built-in demo data: about 40 people and 18 months of history, relative to ``today``.

:func:`build_demo` is deterministic: the same ``today`` gives the same store,
ids and timestamps included (a seeded :class:`random.Random`, no clock reads),
so screenshots and tests can rely on it. It writes everything in one
transaction; ``kizuna --demo`` builds it at every start, in the language in use:
in Japanese the same records have their free text (industries, tags, notes,
intents) in Japanese (:mod:`model.demo.data_ja`).

The story: the owner runs a small precision-parts maker (``own_industry`` is
manufacturing). This month's focus is winning medical-device customers; last
month's was an IoT pilot. The data is shaped so every planning view has
something to show: the deep tier full at its cap, people past their cadence,
a focus person with no deep conversation yet this month, one slot left empty,
and promises of every status (mine overdue, due today, due this week...).
"""

from __future__ import annotations

import calendar
import random
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from model.demo import data_ja
from model.demo.data import (
    EVENTS_EN,
    EVENTS_JA,
    INTERVALS,
    PEOPLE,
    TAGS_BY_TOPIC_HINT,
    TEMPLATES_EN,
    TEMPLATES_JA,
)
from model.records import Contact, FocusPlan, Interaction, Promise, Record, Settings, Slot
from model.store import Store

SEED = 20250401
HISTORY_DAYS = 540  # 18 months
#: focus people whose deep conversation this month is still to come
NO_DEEP_THIS_MONTH = ("emily", "takahashi")
_SHARE = {"deep": 0.55, "active": 0.35, "network": 0.2, "archived": 0.3}


def _stamp(day: date, minutes: int = 18 * 60) -> str:
    """A fixed timestamp on ``day`` (UTC), so the demo never reads the clock."""
    return datetime.combine(day, time(), tzinfo=timezone.utc).replace(
        hour=minutes // 60 % 24, minute=minutes % 60).isoformat(timespec="seconds")


class _Demo:
    """Collects the demo records; :func:`build_demo` writes them in one go."""

    def __init__(self, today: date, lang: str = "en") -> None:
        self.today = today
        #: Japanese mode: the same records, their free text in Japanese (model.demo.data_ja)
        self.ja = lang == "ja"
        self.month_start = today.replace(day=1)
        self.last_month_start = (self.month_start - timedelta(days=1)).replace(day=1)
        self.rng = random.Random(SEED)
        self._ids = random.Random(SEED + 1)
        self.people: dict[str, Contact] = {}
        self.spec: dict[str, dict[str, Any]] = {}
        self.interactions: list[Interaction] = []
        self.promises: list[Promise] = []
        self.plans: list[FocusPlan] = []
        self._minute = 0

    # -- helpers ----------------------------------------------------------------

    def t(self, text: str) -> str:
        """``text`` in the demo's language (English text has a Japanese form in data_ja)."""
        return data_ja.TEXTS.get(text, text) if self.ja else text

    def person_fields(self, row: dict[str, Any]) -> dict[str, Any]:
        """A person's free-text fields in the demo's language."""
        fields = {k: row[k] for k in ("title", "industry", "function", "generation", "next_step",
                                      "how_met", "tags")}
        if not self.ja:
            return fields
        return {**fields, "title": self.t(row["title"]), "next_step": self.t(row["next_step"]),
                "how_met": self.t(row["how_met"]), "industry": data_ja.INDUSTRIES[row["industry"]],
                "function": data_ja.FUNCTIONS[row["function"]],
                "tags": tuple(data_ja.TAGS[tag] for tag in row["tags"])}

    def new_id(self) -> str:
        return f"{self._ids.getrandbits(128):032x}"

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def in_month(self, start: date, day: int) -> date:
        """Day ``day`` of the month starting ``start``, never after today."""
        return min(start + timedelta(days=day - 1), self.today)

    def note(self, day: date, keys: tuple[str, ...] | str, kind: str, depth: str, text: str,
             tags: tuple[str, ...] = (), scope: str = "open") -> Interaction:
        keys = (keys,) if isinstance(keys, str) else keys
        if self.ja:
            text, tags = self.t(text), tuple(data_ja.TAGS.get(tag, tag) for tag in tags)
        self._minute = (self._minute + 37) % 600
        stamp = _stamp(day, 9 * 60 + self._minute)
        rec = Interaction(date=day.isoformat(), contacts=tuple(self.people[k].id for k in keys),
                          kind=kind, depth=depth, text=text, tags=tags, scope=scope,
                          id=self.new_id(), created=stamp, updated=stamp)
        self.interactions.append(rec)
        return rec

    # -- people and routine contact -----------------------------------------------

    def add_people(self) -> None:
        for row in PEOPLE:
            met = self.ago(row["met"])
            self.spec[row["key"]] = row
            self.people[row["key"]] = Contact(
                name=row["name"], reading=row["reading"], company=row["company"],
                level=row["level"], relation=row["relation"],
                tier=row["tier"], purposes=row["purposes"], stage=row["stage"],
                emails=(row["email"],) if row["email"] else (),
                cadence_days=row.get("cadence_days"), **self.person_fields(row),
                id=self.new_id(), created=_stamp(met, 8 * 60), updated=_stamp(met, 8 * 60))
        kato = self.people["kato"]
        self.people["kato"] = Contact(**{**kato.to_dict(), "snoozed_until":
                                         (self.today + timedelta(days=10)).isoformat(),
                                         "snooze_reason": "決算期で多忙、来月連絡する"})

    def routine(self) -> None:
        """Regular contact, from each person's ``last`` back to when we met."""
        rng = self.rng
        for key, row in self.spec.items():
            offset = row["last"]
            while offset <= min(row["met"], HISTORY_DAYS):
                day = self.ago(offset)
                deep = rng.random() < _SHARE[row["tier"]]
                if key in NO_DEEP_THIS_MONTH and day >= self.last_month_start:
                    deep = False
                self.routine_note(key, day, "deep" if deep else "touch")
                offset += max(3, round(INTERVALS[row["tier"]] * rng.uniform(0.6, 1.4)))

    def routine_note(self, key: str, day: date, depth: str) -> None:
        rng, row = self.rng, self.spec[key]
        ja = row["lang"] == "ja"
        # the same random choices in both languages: pick by index, then say it in the demo's
        templates = [i for i, t in enumerate(TEMPLATES_JA if ja else TEMPLATES_EN) if t[1] == depth]
        index = rng.choice(templates)
        kind, _, text = (TEMPLATES_JA if ja else TEMPLATES_EN)[index]
        if self.ja and not ja:
            text = data_ja.TEMPLATES_EN[index]
        pct = rng.randint(3, 12)
        native = rng.choice(row["topics"])
        topic = self.t(native)
        events = EVENTS_JA if ja else (data_ja.EVENTS_EN if self.ja else EVENTS_EN)
        text = text.format(
            topic=topic, company=row["company"] or row["name"], n=rng.randint(2, 9),
            # at their company, or with them when they have none (a name is not a place)
            meet_ja=f"{row['company']}で" if row["company"] else f"{row['name']}さんと",
            meet_en=f"Met at {row['company']}" if row["company"] else f"Met {row['name']}",
            qty=rng.choice((200, 500, 800, 1200, 3000, 5000)), price=rng.choice((180, 240, 350, 480, 1200)),
            pct=pct, pct2=round(pct * rng.uniform(0.3, 0.8), 1), y=rng.randint(78, 94),
            event=rng.choice(events), month=(month := rng.randint(1, 12)),
            month_en=calendar.month_name[month])
        tags = tuple(sorted({tag for hint, tag in TAGS_BY_TOPIC_HINT.items() if hint in native}))
        scope = "private" if kind == "meal" and rng.random() < 0.15 else "open"
        self.note(day, key, kind, depth, text, tags, scope)

    # -- the story: what makes the planning views interesting ------------------------

    def story(self) -> None:
        ago, this, last = self.ago, self.month_start, self.last_month_start
        n = self.note
        n(self.in_month(this, max(1, self.today.day - 3)), "sato", "meeting", "deep",
          "医療機器向けの新規開拓について2時間。メディテック以外に2社（内視鏡部品、整形外科インプラント）"
          "を紹介してもらえることに。ISO 13485の取得費用は概算600〜800万円。", ("medical",))
        n(self.in_month(this, max(1, self.today.day - 1)), "takahashi", "message", "touch",
          "評価ロット30個のうち2個が面粗度Ra0.4を外れたとの連絡。対策案を来週持参する。", ("medical",))
        n(self.in_month(last, 6), "ito", "meeting", "deep",
          "PoC開始。センサー3台でNC旋盤の段取り時間を計測。現状平均42分、目標は34分。", ("iot",))
        n(self.in_month(last, 12), "emily", "call", "deep",
          "Design review of the edge firmware: sample at 2 kHz, ship summaries every 5 minutes, "
          "keep raw data on site. She offered their hospital reference customer.", ("iot", "medical"))
        n(self.in_month(last, 19), "tanaka", "meeting", "deep",
          "品質監査に同席。指摘2件（トレーサビリティ記録、測定器の校正周期）、是正は月末まで。", ("ev",))
        n(ago(20), "tanaka", "meeting", "deep",
          "来期の価格改定：材料費上昇分として3〜5%の値上げを打診。東和側の予算枠は口外しないこと。",
          ("pricing",), "confidential")
        n(ago(40), "priya", "meeting", "deep",
          "Term sheet talk: ¥150–200M growth round, 15–20% dilution range, one board seat for "
          "Kestrel. Numbers stay between us until the board meets.", ("fundraising",), "confidential")
        n(ago(200), "yamamoto", "note", "touch",
          "奥様が入院されたと聞いた。しばらく会食は控えめに、電話で。", (), "private")
        n(ago(60), ("ito", "takahashi"), "intro made", "touch",
          "伊藤さんを高橋さんに紹介。手術器具のトレーサビリティにIoTタグが使えないか。", ("iot", "medical"))
        n(ago(150), ("kobayashi", "fujita"), "intro made", "touch",
          "小林さんに藤田さんを紹介。技術者採用でエージェントと組む話。", ("hiring",))
        n(ago(190), ("yamaguchi", "suzuki"), "intro made", "touch",
          "山口さんを鈴木さんに紹介。3Dプリント後の仕上げ加工を金型屋と組めないか。")
        n(ago(210), ("sato", "takahashi"), "help received", "deep",
          "佐藤さんの紹介でメディテックの高橋さんと面談。チタン部品の試作を月50個から。", ("medical",))
        n(ago(320), ("sato", "hayashi", "nakamura"), "event", "touch",
          "商工会議所の新年会。人手不足と最低賃金の話題ばかり。中村さんが工場増築に興味。")
        n(ago(300), "priya", "help received", "deep",
          "Emily's intro. Priya walked me through how growth investors read a parts maker's "
          "capex plan: payback under 4 years, utilisation above 70%.", ("fundraising",))
        for key, days, text in (
            ("ito", 200, "tier: network → active (IoT PoC に向けて)"),
            ("priya", 150, "tier: active → deep (growth round)"),
            ("yoshida", 40, "tier: network → active (採用候補)"),
            ("kondo", 320, "tier: active → archived (廃業)"),
            ("olivia", 350, "tier: network → archived (moved back to Australia)"),
            ("kato", 1, f"snoozed until {self.people['kato'].snoozed_until}: 決算期で多忙、来月連絡する"),
        ):
            n(ago(days), key, "log", "touch", data_ja.TIER_LOGS.get(key, text) if self.ja else text)

    def promise(self, owner: str, key: str, text: str, made: int, due: int,
                status: str = "open", resolved: int | None = None) -> None:
        """A promise made ``made`` days ago, due in ``due`` days (negative: past)."""
        ja = self.spec[key]["lang"] == "ja"
        text = self.t(text)
        said = (f"打ち合わせで約束：{text}" if owner == "me" else f"打ち合わせで先方が約束：{text}") if ja \
            else (f"近況確認の電話で約束：{text}" if owner == "me" else f"近況確認の電話で先方が約束：{text}") \
            if self.ja else (f"Catch-up call; I promised: {text}." if owner == "me"
                             else f"Catch-up call; they promised: {text}.")
        made_on = self.ago(made)
        source = self.note(made_on, key, "meeting" if ja else "call", "touch", said)
        stamp = _stamp(made_on, 19 * 60)
        self.promises.append(Promise(
            owner=owner, contact=self.people[key].id, text=text,
            due=(self.today + timedelta(days=due)).isoformat(), status=status,
            resolved=None if resolved is None else self.ago(resolved).isoformat(),
            interaction=source.id, id=self.new_id(), created=stamp,
            updated=stamp if resolved is None else _stamp(self.ago(resolved), 19 * 60)))

    def add_promises(self) -> None:
        p = self.promise
        # mine: kept on time, kept early, kept late, broken, dropped, overdue, today, this week, later
        p("me", "tanaka", "EV向けハウジングの見積もりを提出", 60, -45, "kept", 46)
        p("me", "emily", "Send two weeks of spindle vibration logs", 30, -20, "kept", 20)
        p("me", "yamamoto", "事業承継の計画書を整理して送る", 200, -180, "kept", 185)
        p("me", "kato", "不良率の月次データを共有する", 110, -100, "kept", 101)
        p("me", "sato", "5軸加工機の稼働データを共有", 100, -90, "kept", 80)
        p("me", "hannah", "PPAP documents for the gearbox shaft", 70, -50, "kept", 41)
        p("me", "marco", "Introduce Marco to Kessler's logistics team", 150, -130, "broken", 100)
        p("me", "matsumoto", "PB工具のサンプル10本を送る", 120, -105, "dropped", 95)
        p("me", "priya", "Send the FY plan and the capex case", 12, -5)
        p("me", "takahashi", "面粗度不良の対策案をまとめて持参する", 25, -2)
        p("me", "yoshida", "工場見学の候補日を3つ送る", 9, 0)
        p("me", "ito", "PoC用の稼働ログ（CSV）を渡す", 6, 3)
        p("me", "kobayashi", "求人票のドラフトを送る", 4, 6)
        p("me", "david", "Send photos of the 5-axis cell for the feature", 3, 20)
        # theirs: kept on time, kept late, broken, open and overdue, due this week
        p("them", "emily", "Review our sensor bracket drawing", 90, -80, "kept", 82)
        p("them", "tanaka", "来期の数量見通しを共有する", 50, -35, "kept", 33)
        p("them", "priya", "Intro to two portfolio CFOs", 40, -20, "kept", 15)
        p("them", "watanabe", "融資条件の比較表を送る", 60, -45, "broken", 20)
        p("them", "hannah", "Send the 2027 volume forecast", 40, -10)
        p("them", "sato", "医療機器メーカー2社を紹介する", 3, 5)
        p("them", "kimura", "共同研究の申請書テンプレートを送る", 20, 4)

    # -- focus plans --------------------------------------------------------------

    def add_plans(self) -> None:
        ids = {k: c.id for k, c in self.people.items()}
        this, last = self.month_start, self.last_month_start
        self.plans.append(FocusPlan(
            month=last.strftime("%Y-%m"), purpose="product development",
            challenge="稼働監視のPoCを立ち上げ、段取り時間を20%短縮する",
            slots=(Slot("same-industry", ids["suzuki"], "試作ラインの共同提案を固める"),
                   Slot("cross-industry", ids["ito"], "センサー3台でPoCを始める"),
                   Slot("cross-industry", ids["emily"], self.t("Edge firmware design review")),
                   Slot("customer", ids["tanaka"], "品質監査を通し、次の案件の芽を聞く")),
            review="伊藤さんとPoC開始、段取り時間の計測を開始（現状平均42分）。Emilyからエッジ側の設計"
                   "レビューと病院の参考顧客の紹介の申し出。鈴木さんとの共同提案は先方の繁忙で先送り。"
                   "田中さんとは品質監査を通過（指摘2件）。来月は医療の販路に集中する。",
            id=self.new_id(), created=_stamp(last, 7 * 60), updated=_stamp(self.in_month(this, 1), 7 * 60)))
        self.plans.append(FocusPlan(
            month=this.strftime("%Y-%m"), purpose="sales channel",
            challenge="医療機器分野で新規顧客を2社獲得し、自動車以外の売上の柱をつくる",
            slots=(Slot("same-industry", ids["sato"], "医療機器メーカー2社の紹介をお願いし、初回に同席してもらう"),
                   Slot("cross-industry", ids["emily"], self.t(
                        "Ask how Northwind sold into hospitals: certification path, first reference")),
                   Slot("cross-industry", None, ""),
                   Slot("customer", ids["takahashi"], "評価ロットの結果を聞き、量産移行の条件を詰める")),
            id=self.new_id(), created=_stamp(this, 7 * 60), updated=_stamp(this, 7 * 60)))

    def records(self) -> list[Record]:
        self.add_people()
        self.routine()
        self.story()
        self.add_promises()
        self.add_plans()
        self.interactions.sort(key=lambda i: (i.date, i.created))
        return [*self.people.values(), *self.interactions, *self.promises, *self.plans]


def demo_records(today: date, lang: str = "en") -> list[Record]:
    """The demo's records for ``today``, without a store (tests and screenshots).

    ``lang="ja"``: the same records with their free text in Japanese."""
    return _Demo(today, lang).records()


def build_demo(store: Store, today: date, lang: str = "en") -> None:
    """Fill ``store`` (normally a new, empty one) with the demo data, in one transaction.

    ``lang`` is the language the demo is written in (``kizuna --demo`` passes the one in use)."""
    records = demo_records(today, lang)
    own = data_ja.INDUSTRIES["manufacturing"] if lang == "ja" else "manufacturing"
    with store.transaction():
        store.save_settings(Settings(own_industry=own))
        store.add_many(records)
