"""The demo data's own words in Japanese, for ``kizuna --demo`` in Japanese mode.

:mod:`model.demo` builds the same records in both languages (same people, dates,
kinds, depths, ids): only the free text changes. Every table here is keyed by the
English text of :mod:`model.demo.data` (or runs parallel to one of its tuples), so
the random choices made while building stay the same and the planner tells the
same story. Proper names (people, companies, events that are names) stay as they are.
"""

from __future__ import annotations

#: the ``industry`` of a person, and the owner's own (``own_industry``)
INDUSTRIES = {
    "manufacturing": "製造業", "software": "ソフトウェア", "automotive": "自動車", "consulting": "コンサルティング",
    "finance": "金融", "logistics": "物流", "healthcare": "医療", "construction": "建設", "food": "食品",
    "media": "メディア", "education": "教育", "government": "公共団体", "retail": "小売", "agriculture": "農業",
}

FUNCTIONS = {
    "management": "経営", "engineering": "技術", "procurement": "調達", "operations": "業務",
    "investment": "投資", "finance": "財務", "hr": "人事", "quality": "品質保証", "editorial": "編集",
    "sales": "営業", "research": "研究", "public": "公共", "accounting": "会計", "marketing": "マーケティング",
    "product": "プロダクト", "production": "制作",
}

TAGS = {
    "peer": "同業", "medical": "医療", "iot": "IoT", "robotics": "ロボット", "customer": "顧客", "ev": "EV",
    "mentor": "メンター", "investor": "投資家", "partner": "パートナー", "startup": "スタートアップ",
    "bank": "銀行", "export": "輸出", "local": "地元", "hiring": "採用", "quality": "品質", "press": "報道",
    "candidate": "採用候補", "retail": "小売", "research": "研究", "advisor": "顧問", "design": "デザイン",
    "lean": "リーン", "fundraising": "資金調達", "pricing": "価格",
}

#: titles, next steps, how we met, topics, story notes, promises and slot intents written in English
TEXTS = {
    # titles
    "VP Engineering": "技術担当副社長", "Partner": "パートナー", "Operations Director": "オペレーション部長",
    "Purchasing Manager": "購買マネージャー", "Senior Reporter": "シニア記者", "Managing Director": "代表取締役",
    "Sourcing Manager": "調達マネージャー", "Principal": "代表", "Product Manager": "プロダクトマネージャー",
    "Associate": "アソシエイト", "Distributor": "販売代理店", "Engineer": "エンジニア", "Founder": "創業者",
    # next steps
    "Share the vibration-sensor spec for the spindle pilot": "主軸の試験導入に使う振動センサーの仕様を共有する",
    "Send the FY plan and the capex case": "年度計画と設備投資案を送る",
    "Ask about consolidated shipping to Stuttgart": "シュトゥットガルト向けの混載輸送について聞く",
    "Quote for the gearbox shaft, 3,000 pcs/yr": "ギアボックス用シャフトの見積もり（年3,000個）",
    "Pitch the medical-parts story": "医療部品の記事を提案する",
    "Send the catalogue in French": "フランス語のカタログを送る",
    # how we met
    "Panel at Monozukuri Summit": "ものづくりサミットのパネル討論", "Intro from Emily Carter": "Emily Carterの紹介",
    "JETRO export seminar": "JETROの輸出セミナー", "Hannover Messe": "ハノーバーメッセ",
    "Press day at JIMTOF": "JIMTOFのプレスデー", "Ambiente Frankfurt": "フランクフルトのアンビエンテ",
    "Online sourcing fair": "オンライン調達商談会", "Lean manufacturing workshop": "リーン生産のワークショップ",
    "Hackathon judge": "ハッカソンの審査員", "Priya Raman's team": "Priya Ramanのチーム",
    "Agritechnica": "アグリテクニカ", "Meetup in Tokyo": "東京のミートアップ",
    # topics
    "predictive maintenance": "予知保全", "spindle sensors": "主軸センサー", "edge firmware": "エッジファームウェア",
    "growth capital": "成長資金", "capex plan": "設備投資計画", "board composition": "取締役会の構成",
    "export shipping": "輸出の輸送", "customs paperwork": "通関書類", "gearbox shafts": "ギアボックス用シャフト",
    "PPAP": "PPAP", "delivery terms": "納入条件", "trade press": "業界紙", "SME features": "中小企業特集",
    "tool distribution": "工具の流通", "EU certification": "EUの認証", "connector pins": "コネクタピン",
    "lead times": "リードタイム", "SMED": "段取り替えの短縮", "value stream mapping": "バリューストリームマップ",
    "B2B payments": "企業間決済", "invoicing": "請求書の発行", "due diligence": "デューデリジェンス",
    "market sizing": "市場規模の試算", "tractor parts": "トラクター部品", "import duty": "輸入関税",
    "mobile apps": "モバイルアプリ",
    # the story's notes
    "Design review of the edge firmware: sample at 2 kHz, ship summaries every 5 minutes, "
    "keep raw data on site. She offered their hospital reference customer.":
        "エッジファームウェアの設計レビュー。2 kHzでサンプリングし、5分ごとに要約を送り、生データは現場に残す。"
        "病院の参考顧客を紹介してくれるとの申し出。",
    "Term sheet talk: ¥150–200M growth round, 15–20% dilution range, one board seat for "
    "Kestrel. Numbers stay between us until the board meets.":
        "タームシートの話。1.5〜2億円の成長ラウンド、希薄化は15〜20%、Kestrelに取締役1席。"
        "取締役会までは数字を口外しないこと。",
    "Emily's intro. Priya walked me through how growth investors read a parts maker's "
    "capex plan: payback under 4 years, utilisation above 70%.":
        "Emilyの紹介。成長投資家が部品メーカーの設備投資計画をどう読むか、Priyaが教えてくれた。"
        "回収は4年以内、稼働率は70%以上。",
    # promises
    "Send two weeks of spindle vibration logs": "主軸の振動ログを2週間分送る",
    "PPAP documents for the gearbox shaft": "ギアボックス用シャフトのPPAP書類を送る",
    "Introduce Marco to Kessler's logistics team": "MarcoをKesslerの物流チームに紹介する",
    "Send photos of the 5-axis cell for the feature": "特集用に5軸加工セルの写真を送る",
    "Review our sensor bracket drawing": "センサーブラケットの図面を確認する",
    "Intro to two portfolio CFOs": "投資先のCFO2人を紹介する",
    "Send the 2027 volume forecast": "2027年の数量見通しを送る",
    # focus slots' intents
    "Edge firmware design review": "エッジファームウェアの設計レビュー",
    "Ask how Northwind sold into hospitals: certification path, first reference":
        "Northwindが病院にどう売り込んだかを聞く：認証の道筋、最初の参考顧客",
}

#: parallel to ``data.EVENTS_EN``
EVENTS_EN = ("ものづくりサミット", "ハノーバーメッセ", "JETROの輸出セミナー", "東京のロボティクス勉強会")

#: parallel to ``data.TEMPLATES_EN``: the same notes about English-speaking people, in Japanese
TEMPLATES_EN = (
    "{meet_ja}打ち合わせ。{topic}について90分。月{qty}個ほどの案件で、目標単価は{price}円前後。",
    "{topic}の作業会。先方の歩留まりは{y}%で頭打ち。当社の検査工程を説明した。",
    "夕食。{topic}について率直に。今年は技術者が{n}人辞め、給与体系を見直しているそう。",
    "電話で近況確認。{topic}の件は{month}月に再開。",
    "{topic}について45分の電話。来期は仕入れ先から{pct}%の値上げを見込んでいるとのこと。",
    "{topic}の記事を送った。チームに転送してくれた。",
    "{event}で挨拶。{topic}のデモに人だかりができていた。",
    "{topic}の参考に当社の不良率（{pct}%→{pct2}%）を共有。",
    "{topic}のサンプルを{n}日で仕上げ、先方の締め切りに間に合わせた。",
    "{topic}について助言をもらった。見積もりは幅で示し、{n}項目に分けるとよい、と。",
    "{topic}の近況：今年は増収、営業利益率は{pct}%ほど。",
)

#: Kizuna's own log lines of the story, in the form the app writes them
#: (:mod:`model.actions.people`), so the timeline shows them in Japanese
TIER_LOGS = {
    "ito": "tier: moved up from network to active: IoTのPoCに向けて",
    "priya": "tier: moved up from active to deep: 成長ラウンド",
    "yoshida": "tier: moved up from network to active: 採用候補",
    "kondo": "tier: moved down from active to archived: 廃業",
    "olivia": "tier: moved down from network to archived: オーストラリアに帰国",
}

