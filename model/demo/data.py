"""The tables behind the demo data: people, what they talk about, note templates.

Only data lives here; :mod:`model.demo` turns it into records relative to a
``today``. The owner of the demo store runs a small precision-parts maker
(turned and milled parts for automotive and medical customers).

A person's ``met`` and ``last`` are days before today: when we met, and the
most recent routine contact (scripted events in :mod:`model.demo` add more).
"""

from __future__ import annotations

from typing import Any

_FIELDS = ("key", "name", "reading", "company", "title", "industry", "function", "level",
           "generation", "relation", "tier", "purposes", "stage", "next_step", "email",
           "how_met", "tags", "topics", "met", "last")


def _p(*values: Any, **extra: Any) -> dict[str, Any]:
    row = dict(zip(_FIELDS, values, strict=True))
    row.update(extra)
    row["lang"] = "ja" if any("\u3040" <= ch <= "\u9fff" for ch in row["name"]) else "en"
    return row


PEOPLE: list[dict[str, Any]] = [
    # -- deep (the cap is 5) ----------------------------------------------------
    _p("sato", "佐藤 健", "さとう けん", "佐藤精工株式会社", "代表取締役", "manufacturing", "management",
       "executive", "50s", "same-industry", "deep", ("sales channel", "learning"), "regular contact",
       "医療機器メーカー2社への紹介を依頼", "k.sato@sato-seiko.co.jp", "商工会議所の製造業部会",
       ("peer", "medical"), ("医療機器向け切削", "5軸加工機の更新", "事業承継"), 548, 4),
    _p("emily", "Emily Carter", "エミリー カーター", "Northwind Robotics", "VP Engineering", "software",
       "engineering", "executive", "40s", "cross-industry", "deep", ("product development",),
       "joint work", "Share the vibration-sensor spec for the spindle pilot", "emily@northwind-robotics.com",
       "Panel at Monozukuri Summit", ("iot", "robotics"), ("predictive maintenance", "spindle sensors",
       "edge firmware"), 520, 10),
    _p("tanaka", "田中 美咲", "たなか みさき", "東和モーター株式会社", "調達部 部長", "automotive", "procurement",
       "manager", "40s", "customer", "deep", ("sales channel",), "regular contact",
       "EV向けハウジングの量産見積もり", "misaki.tanaka@towa-motor.co.jp", "既存顧客の購買担当として",
       ("customer", "ev"), ("EV向けハウジング", "コストダウン要請", "品質監査"), 548, 8),
    _p("yamamoto", "山本 隆", "やまもと たかし", "", "元 山本工業 社長", "consulting", "management",
       "independent", "70s", "mentor", "deep", ("learning",), "regular contact",
       "事業承継の進め方を相談する", "t.yamamoto@example.jp", "父の代からの付き合い",
       ("mentor",), ("事業承継", "銀行との付き合い方", "価格交渉"), 548, 84),
    _p("priya", "Priya Raman", "", "Kestrel Capital", "Partner", "finance", "investment", "executive",
       "30s", "investor", "deep", ("fundraising",), "joint work", "Send the FY plan and the capex case",
       "priya@kestrel.vc", "Intro from Emily Carter", ("investor",),
       ("growth capital", "capex plan", "board composition"), 300, 12),
    # -- active (cap 15) ----------------------------------------------------------
    _p("suzuki", "鈴木 大輔", "すずき だいすけ", "鈴木金型製作所", "専務", "manufacturing", "operations",
       "executive", "40s", "partner", "active", ("product development",), "joint work",
       "共同での試作ライン提案", "d.suzuki@suzuki-kanagata.jp", "展示会の隣のブース",
       ("partner",), ("金型の共同受注", "試作リードタイム"), 480, 22),
    _p("marco", "Marco Rossi", "マルコ ロッシ", "Rossi Logistics Japan", "Operations Director", "logistics",
       "operations", "manager", "50s", "partner", "active", ("sales channel",), "public value",
       "Ask about consolidated shipping to Stuttgart", "marco.rossi@rossi-logistics.com",
       "JETRO export seminar", ("export",), ("export shipping", "customs paperwork"), 400, 100),
    _p("takahashi", "高橋 由美", "たかはし ゆみ", "メディテック株式会社", "開発部 マネージャー", "healthcare",
       "engineering", "manager", "40s", "customer", "active", ("sales channel", "product development"),
       "joint work", "チタン部品の試作評価結果を聞く", "y.takahashi@meditech.co.jp",
       "佐藤さんの紹介", ("customer", "medical"), ("チタン部品の試作", "ISO 13485", "評価ロット"), 210, 26),
    _p("ito", "伊藤 翔", "いとう しょう", "センシア株式会社", "CTO", "software", "engineering", "executive",
       "30s", "cross-industry", "active", ("product development",), "joint work",
       "稼働監視ダッシュボードのPoC日程", "sho@sensia.io", "Emily Carterの紹介",
       ("iot", "startup"), ("稼働監視", "IoTセンサー", "PoC"), 260, 18),
    _p("watanabe", "渡辺 真理", "わたなべ まり", "静岡中央銀行", "法人営業部 課長", "finance", "finance",
       "manager", "40s", "partner", "active", ("fundraising",), "regular contact",
       "設備資金の融資条件を比較", "mari.watanabe@shizuoka-chuo-bank.jp", "メインバンクの担当",
       ("bank",), ("設備資金", "補助金", "金利"), 548, 45),
    _p("hannah", "Hannah Schmidt", "", "Kessler Antriebe GmbH", "Purchasing Manager", "manufacturing",
       "procurement", "manager", "30s", "customer", "active", ("sales channel",), "joint work",
       "Quote for the gearbox shaft, 3,000 pcs/yr", "h.schmidt@kessler-antriebe.de",
       "Hannover Messe", ("customer", "export"), ("gearbox shafts", "PPAP", "delivery terms"), 330, 33),
    _p("nakamura", "中村 修", "なかむら おさむ", "中村建設株式会社", "代表取締役会長", "construction",
       "management", "executive", "60s", "cross-industry", "active", ("learning",), "regular contact",
       "工場増築の相談", "o.nakamura@nakamura-kensetsu.jp", "ロータリークラブ",
       ("local",), ("工場増築", "職人の高齢化"), 548, 130),
    _p("kobayashi", "小林 彩", "こばやし あや", "", "人事コンサルタント", "consulting", "hr",
       "independent", "30s", "cross-industry", "active", ("hiring",), "joint work",
       "技術者採用の求人票を一緒に直す", "aya@kobayashi-hr.jp", "経営者勉強会",
       ("hiring",), ("技術者採用", "評価制度"), 240, 15),
    _p("kato", "加藤 恵", "かとう めぐみ", "はるな食品株式会社", "品質保証部 マネージャー", "food",
       "quality", "manager", "40s", "cross-industry", "active", ("learning",), "public value",
       "HACCPの監査手法を聞く", "m.kato@haruna-foods.co.jp", "品質管理セミナー",
       ("quality",), ("HACCP", "異物混入対策"), 420, 95),
    _p("david", "David Kim", "キム デイビッド", "Monozukuri Weekly", "Senior Reporter", "media", "editorial",
       "staff", "30s", "other", "active", ("sales channel",), "public value",
       "Pitch the medical-parts story", "david.kim@monozukuri-weekly.com", "Press day at JIMTOF",
       ("press",), ("trade press", "SME features"), 280, 35, cadence_days=30),
    _p("yoshida", "吉田 拓也", "よしだ たくや", "大手電機メーカー", "生産技術エンジニア", "manufacturing",
       "engineering", "staff", "20s", "candidate", "active", ("hiring",), "met",
       "工場見学の日程を決める", "takuya.yoshida@example.com", "小林さんの紹介",
       ("hiring", "candidate"), ("転職の検討", "NCプログラミング"), 70, 9),
    _p("matsumoto", "松本 直樹", "まつもと なおき", "ホームセンター大和", "バイヤー", "retail",
       "procurement", "manager", "40s", "customer", "active", ("sales channel",), "public value",
       "自社ブランド工具の棚割り提案", "n.matsumoto@yamato-hc.jp", "地元の展示商談会",
       ("customer", "retail"), ("PB工具", "棚割り"), 190, 28),
    # -- network --------------------------------------------------------------------
    _p("inoue", "井上 亮", "いのうえ りょう", "大和工機", "営業", "manufacturing", "sales", "staff",
       "30s", "same-industry", "network", (), "met", "", "r.inoue@yamato-koki.jp", "工作機械の商談",
       (), ("工作機械", "保守契約"), 360, 60),
    _p("kimura", "木村 さくら", "きむら さくら", "東海工業大学", "助教", "education", "research", "staff",
       "20s", "cross-industry", "network", ("product development",), "public value",
       "表面粗さの共同研究の可能性", "sakura.kimura@tokai-tech.ac.jp", "産学連携フォーラム",
       ("research",), ("表面処理", "共同研究"), 150, 40),
    _p("hayashi", "林 浩二", "はやし こうじ", "浜松商工会議所", "事業部長", "government", "public",
       "manager", "60s", "other", "network", ("learning",), "regular contact", "",
       "k.hayashi@hamamatsu-cci.or.jp", "商工会議所の製造業部会", ("local",), ("補助金", "地域企業"),
       548, 75),
    _p("sato_aki", "佐藤 亜紀", "さとう あき", "佐藤会計事務所", "税理士", "finance", "accounting",
       "independent", "50s", "other", "network", (), "regular contact", "",
       "aki@sato-kaikei.jp", "顧問税理士", ("advisor",), ("決算", "節税"), 548, 50),
    _p("yamaguchi", "山口 健太", "やまぐち けんた", "Layerworks", "CEO", "manufacturing", "management",
       "executive", "20s", "cross-industry", "network", ("product development",), "public value",
       "金属3Dプリントと切削の組み合わせを検討", "kenta@layerworks.jp", "スタートアップピッチ",
       ("startup",), ("金属3Dプリント", "後加工"), 200, 55),
    _p("mori", "森 優子", "もり ゆうこ", "浜松総合病院", "購買課長", "healthcare", "procurement",
       "manager", "50s", "customer", "network", ("sales channel",), "met", "",
       "y.mori@hamamatsu-hosp.jp", "高橋さんの紹介", ("medical",), ("院内物品", "手術器具"), 120, 65),
    _p("ikeda", "池田 誠", "いけだ まこと", "東海物流センター", "センター長", "logistics", "operations",
       "manager", "40s", "cross-industry", "network", (), "met", "", "m.ikeda@tokai-butsuryu.jp",
       "物流効率化セミナー", (), ("倉庫自動化",), 300, 110),
    _p("hashimoto", "橋本 玲奈", "はしもと れいな", "Studio Rena", "デザイナー", "media", "marketing",
       "independent", "30s", "cross-industry", "network", ("sales channel",), "public value",
       "会社案内のリニューアル見積もり", "rena@studio-rena.jp", "SNSで作品を見て連絡",
       ("design",), ("会社案内", "展示会ブース"), 160, 30),
    _p("abe", "阿部 勇", "あべ いさむ", "", "元 生産技術部長", "manufacturing", "engineering",
       "independent", "70s", "mentor", "network", ("learning",), "regular contact", "",
       "isamu.abe@example.jp", "前職の上司", ("mentor",), ("治具設計", "若手育成"), 548, 88),
    _p("ishikawa", "石川 美穂", "", "Mogu Foods", "Founder", "food", "management", "executive",
       "30s", "cross-industry", "network", (), "met", "", "miho@mogu-foods.jp",
       "食品展示会", ("startup",), ("冷凍食品", "製造委託"), 100, 100),
    _p("lucas", "Lucas Martin", "", "Outils Martin SARL", "Managing Director", "retail", "management",
       "executive", "50s", "customer", "network", ("sales channel",), "met",
       "Send the catalogue in French", "lucas@outils-martin.fr", "Ambiente Frankfurt",
       ("export",), ("tool distribution", "EU certification"), 230, 80),
    _p("sophie", "Sophie Chen", "", "Formosa EMS", "Sourcing Manager", "manufacturing", "procurement",
       "manager", "40s", "customer", "network", ("sales channel",), "met", "",
       "sophie.chen@formosa-ems.com.tw", "Online sourcing fair", ("export",),
       ("connector pins", "lead times"), 180, 70),
    _p("james", "James O'Connor", "", "Lean Works Consulting", "Principal", "consulting", "operations",
       "independent", "60s", "mentor", "network", ("learning",), "public value", "",
       "james@leanworks.ie", "Lean manufacturing workshop", ("lean",), ("SMED", "value stream mapping"),
       400, 150),
    _p("aisha", "Aisha Khan", "", "PayBridge", "Product Manager", "finance", "product", "staff",
       "20s", "cross-industry", "network", (), "met", "", "aisha@paybridge.io", "Hackathon judge",
       (), ("B2B payments", "invoicing"), 140, 140),
    _p("tom", "Tom Becker", "", "Kestrel Capital", "Associate", "finance", "investment", "staff",
       "30s", "investor", "network", ("fundraising",), "met", "", "tom@kestrel.vc",
       "Priya Raman's team", ("investor",), ("due diligence", "market sizing"), 250, 45),
    _p("maeda", "前田 剛", "まえだ つよし", "前田リース", "社長", "construction", "management",
       "executive", "50s", "other", "network", (), "met", "", "t.maeda@maeda-lease.jp",
       "ゴルフコンペ", (), ("建機レンタル",), 330, 200),
    _p("fujita", "藤田 愛", "ふじた あい", "キャリアブリッジ", "コンサルタント", "consulting", "hr", "staff",
       "30s", "partner", "network", ("hiring",), "public value", "", "ai.fujita@careerbridge.jp",
       "採用イベント", ("hiring",), ("中途採用", "エージェント手数料"), 210, 25),
    _p("okada", "岡田 洋平", "おかだ ようへい", "岡田食品機械", "技術部長", "manufacturing", "engineering",
       "manager", "40s", "same-industry", "network", ("product development",), "met", "",
       "y.okada@okada-fm.co.jp", "展示会", ("peer",), ("ステンレス加工", "食品機械"), 280, 90),
    _p("hasegawa", "長谷川 智子", "はせがわ ともこ", "ハコブ株式会社", "CEO", "software", "management",
       "executive", "30s", "cross-industry", "network", (), "public value", "",
       "tomoko@hakobu.jp", "スタートアップピッチ", ("startup",), ("配車アプリ", "資金調達"), 200, 58),
    _p("murakami", "村上 遥", "ムラカミ ハルカ", "東海テレビ制作", "プロデューサー", "media", "production",
       "manager", "40s", "other", "network", (), "met", "", "haruka.murakami@tokai-tv.jp",
       "取材を受けた", ("press",), ("町工場特集",), 170, 120),
    _p("carlos", "Carlos Mendes", "", "AgroMaq Brasil", "Distributor", "agriculture", "sales",
       "executive", "50s", "customer", "network", ("sales channel",), "met", "",
       "carlos@agromaq.com.br", "Agritechnica", ("export",), ("tractor parts", "import duty"), 190, 160),
    # -- archived -------------------------------------------------------------------
    _p("kondo", "近藤 明", "こんどう あきら", "近藤製作所（廃業）", "元社長", "manufacturing", "management",
       "executive", "60s", "customer", "archived", (), "regular contact", "",
       "", "旧取引先", (), ("廃業",), 548, 330),
    _p("olivia", "Olivia Brown", "", "Canopy Apps", "Engineer", "software", "engineering", "staff",
       "30s", "cross-industry", "archived", (), "met", "", "olivia@canopy.au", "Meetup in Tokyo",
       (), ("mobile apps",), 500, 360),
]

#: days between routine contacts, by tier (a mean; each gap varies +-40%)
INTERVALS = {"deep": 14, "active": 30, "network": 90, "archived": 60}

EVENTS_JA = ("名古屋ものづくりワールド", "商工会議所の交流会", "浜松テクノフェア", "経営者勉強会", "医療機器展")
EVENTS_EN = ("Monozukuri Summit", "Hannover Messe", "a JETRO export seminar", "the Tokyo robotics meetup")

#: (kind, depth, text): {topic} {company} {meet_ja} {meet_en} {n} {qty} {price} {pct} {pct2} {y} {event} {month} {month_en}
TEMPLATES_JA = (
    ("meeting", "deep", "{meet_ja}打ち合わせ。{topic}について1時間半。月産{qty}個の案件、単価{price}円前後が目安とのこと。"),
    ("meeting", "deep", "{topic}の進め方を議論。先方の課題は歩留まり（現状{y}%）。当社の検査工程を説明した。"),
    ("meal", "deep", "夕食。{topic}の話から、人手不足で今期の採用は{n}名止まりという本音まで。"),
    ("meal", "deep", "ランチ。{topic}で失敗した話を率直に聞けた。設備投資{n}千万円の判断を{month}月まで保留。"),
    ("call", "touch", "電話で近況確認。{topic}の件は{month}月に改めて相談。"),
    ("call", "deep", "{topic}について40分の電話。値上げ{pct}%の受け止め方を聞いた。"),
    ("message", "touch", "{topic}の記事を送った。社内で回覧してくれるそう。"),
    ("message", "touch", "{topic}の件で短い連絡。資料は来週でよいとのこと。"),
    ("event", "touch", "{event}で挨拶。{topic}の展示が好評だったと。"),
    ("value shared", "touch", "{topic}の参考に当社の不良率データ（{pct}%→{pct2}%）を共有。"),
    ("help given", "deep", "{topic}の試作を{n}日で対応。先方の立ち上げに間に合った。"),
    ("help received", "touch", "{topic}について助言をもらった。見積もりの根拠を{n}項目に分けて示すべき、と。"),
    ("note", "touch", "{topic}: 業績は増収、営業利益率{pct}%程度と聞いた。"),
)
TEMPLATES_EN = (
    ("meeting", "deep", "{meet_en}. 90 minutes on {topic}; volume around {qty} pcs/month, target price near ¥{price}."),
    ("meeting", "deep", "Working session on {topic}. Their yield is stuck at {y}%; walked them through our inspection step."),
    ("meal", "deep", "Dinner. Candid talk about {topic}; they lost {n} engineers this year and are rethinking pay bands."),
    ("call", "touch", "Quick call to catch up; the {topic} work picks up again in {month_en}."),
    ("call", "deep", "45-minute call on {topic}. They expect a {pct}% price rise from suppliers next quarter."),
    ("message", "touch", "Sent an article on {topic}; they forwarded it to their team."),
    ("event", "touch", "Said hello at {event}; their {topic} demo drew a crowd."),
    ("value shared", "touch", "Shared our scrap-rate numbers ({pct}% to {pct2}%) as input for {topic}."),
    ("help given", "deep", "Turned around a {topic} sample in {n} days so they could make their deadline."),
    ("help received", "touch", "Advice on {topic}: quote in ranges, and split it into {n} line items."),
    ("note", "touch", "Update on {topic}: revenue up this year, operating margin about {pct}%."),
)

TAGS_BY_TOPIC_HINT = {
    "医療": "medical", "medical": "medical", "EV": "ev", "採用": "hiring", "hiring": "hiring",
    "export": "export", "customs": "export", "IoT": "iot", "sensor": "iot", "capex": "fundraising",
    "capital": "fundraising", "設備資金": "fundraising", "価格": "pricing", "price": "pricing",
}
