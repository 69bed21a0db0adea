"""Properties of the capture grammar: nothing typed is ever silently dropped."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.capture import CaptureError, parse
from model.capture.dates import FUTURE, PAST, read_date
from model.records import Contact

PEOPLE = [Contact(name="Tanaka Yuki", company="Acme"), Contact(name="Tanaka Jiro"),
          Contact(name="Sato Ken", reading="さとう けん"), Contact(name="佐藤 健"),
          Contact(name="Emily Stone")]

PIECES = [
    "@Tanaka", "@Emily", "@佐藤", "@佐藤さんと", '@"Sato Ken"', '@"Sato', "@「佐藤 健」", "@Newbie",
    "@Newbie's", "＠ｔａｎａｋａ", "@", "@,", "@3pm", "#hiring", "#採用", "#3", "#", "##x",
    "!deep", "!private", "!confidential", "!call", "!zz", "!", "!!", "deep", "private",
    "lunch", "lunch:", "call", "help", "given", "got", "meeting,", "ランチ", "yesterday", "today",
    "tomorrow", "fri", "thu", "next", "week", "12/3", "1/5", "2/29", "2/30", "+3d", "-2d", "+1m",
    "eom", "2026-11-03", "promised", "promised:", "they", "I", "he", "by", "due", "by:", "with",
    "and", "&", "\\call", "\\", ",", ":", ".", "'s", "talked", "about", "the", "deck", "資料",
    "採用の話", '"', "「", "」", "x",
]
TODAY = date(2026, 11, 26)

word = st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=6))
gap = st.sampled_from([" ", "  ", "\u3000", "\t", ""])
free_lines = st.lists(st.tuples(word, gap), max_size=14).map(lambda ws: "".join(w + g for w, g in ws))

# Lines shaped like real notes, so that most of them parse and carry promises.
plain = st.one_of(st.sampled_from(["talked", "about", "the", "deck", "資料", "採用の話", "by", "the",
                                   "office,", "'s", "x", "#hiring", "#採用", "@Emily", "!deep"]),
                  st.text(alphabet=st.characters(blacklist_characters="@＠#＃!！\\\"「『“＂"),
                          min_size=1, max_size=5))
lead = st.sampled_from(["lunch", "call", "deep", "!private", "yesterday", "fri", "12/3", "2/29",
                        "help given", "with @Emily", "#sales", "ランチ", "昨日", "lunch:", "-2d"])
promise = st.tuples(
    st.sampled_from(["promised", "they promised", "I promised", "@Emily promised", "promised @Newbie",
                     "@佐藤 promised", "she promised"]),
    st.lists(plain, min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["by", "due"]),
    st.sampled_from(["fri", "12/3", "+3d", "next week", "eom", "today", "1/5", "2/29", "2099-12-31", "thu"]),
).map(" ".join)
shaped = st.tuples(
    st.sampled_from(["@Emily", '@"Sato Ken"', "@佐藤さん", "@Newbie", "＠ＥＭＩＬＹ", "@「佐藤 健」"]),
    st.lists(lead, max_size=3).map(" ".join),
    st.lists(plain, max_size=5).map(" ".join),
    st.lists(promise, max_size=2).map(", ".join),
    st.lists(st.one_of(plain, word), max_size=3).map(" ".join),
).map(" ".join)
lines = st.one_of(free_lines, shaped)


def _norm(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=lines, days=st.integers(-800, 800))
def test_every_character_is_recognised_or_kept_or_the_parse_refuses(line: str, days: int) -> None:
    check_line(line, TODAY + timedelta(days=days))


def check_line(line: str, today: date) -> None:
    """Nothing typed is dropped, and each recognised piece went where it says it went."""
    try:
        cap = parse(line, PEOPLE, today)
    except CaptureError as exc:
        assert 0 <= exc.start <= exc.end <= len(line)
        assert str(exc) and "\n" not in str(exc)
        return
    tokens = cap.tokens
    # The tokens are in order, do not overlap, and cover every character that is not a space.
    for a, b in zip(tokens, tokens[1:]):
        assert a.end <= b.start
    covered = set()
    for t in tokens:
        assert line[t.start:t.end].strip(), t
        covered.update(range(t.start, t.end))
    assert all(i in covered for i, ch in enumerate(line) if not ch.isspace())
    # ... and each piece went where it says it went.
    ids = {p.id for p in cap.people}
    text = _norm(cap.text)
    for t in tokens:
        if t.role == "person":
            assert t.value in ids
        elif t.role == "tag":
            assert t.value in cap.tags
        elif t.role in ("kind", "depth", "scope"):
            assert getattr(cap, t.role) == t.value
        elif t.role == "date":
            assert cap.when.isoformat() == t.value
        elif t.role == "due":
            assert cap.promises[t.promise].due.isoformat() == t.value
        if t.inline is not None:
            piece = _norm(t.inline).strip(" ,;:、，：；")
            home = text if t.promise is None else _norm(cap.promises[t.promise].text)
            assert piece in home, (t, home)
    assert cap.people and cap.when <= today
    for d in cap.promises:
        assert d.text and d.due >= cap.when and d.contact.id in ids


@settings(max_examples=300, deadline=None)
@given(base=st.dates(date(1990, 1, 1), date(2090, 12, 31)),
       name=st.sampled_from(["mon", "tuesday", "wed", "thu", "fri", "sat", "sun", "日曜"]))
def test_weekday_names_are_within_a_week_and_never_the_day_itself(base: date, name: str) -> None:
    back = read_date([name], base, PAST)
    ahead = read_date([name], base, FUTURE)
    assert 1 <= (base - back).days <= 7 and 1 <= (ahead - base).days <= 7
    assert back.weekday() == ahead.weekday() and (ahead - back).days in (7, 14)


@settings(max_examples=300, deadline=None)
@given(base=st.dates(date(1990, 1, 1), date(2090, 12, 31)), month=st.integers(1, 12),
       day=st.integers(1, 31))
def test_month_day_is_the_nearest_sensible_year(base: date, month: int, day: int) -> None:
    from model.capture.dates import DateWordError

    try:
        back = read_date([f"{month}/{day}"], base, PAST)
    except DateWordError:
        assert (month, day) in ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31))
        return
    ahead = read_date([f"{month}/{day}"], base, FUTURE)
    assert (back.month, back.day) == (ahead.month, ahead.day) == (month, day)
    assert back <= base <= ahead
    limit = 366 * (8 if (month, day) == (2, 29) else 1)
    assert (base - back).days < limit and (ahead - base).days < limit


# -- the natural forms: header words anywhere before the text, their promises ----------------

ROLES = {"person", "joiner", "tag", "kind", "depth", "scope", "date", "promise", "due", "text"}
NATURAL = PIECES + [
    "met", "for", "on", "over", "at", "in", "had", "a", "the", "coffee", "phone", "by", "via", "expo",
    "Sushi", "Dai", "last", "this", "next", "night", "morning", "tonight", "yday", "nov", "20", "20th",
    "feb", "30", "yesterday's", "caught", "up", "catch-up", "will", "to", "I'll", "he'll", "we", "also",
    "Emily", "Tanaka", "Acme", "Sato", "佐藤さん", "田中さん", "send", "w/", "mon", "tue", ".", "then",
]
natural_word = st.one_of(st.sampled_from(NATURAL), st.text(min_size=1, max_size=5))
natural_free = st.lists(st.tuples(natural_word, gap), max_size=14).map(lambda ws: "".join(w + g for w, g in ws))
header = st.lists(st.sampled_from([
    "met", "for lunch", "lunch", "with @Emily", "@Emily", "on tue", "had a call", "over coffee", "yesterday",
    "last fri", "nov 20", "at the expo", "in Osaka", "by phone", "yesterday's", "caught up", "this morning",
    "!deep", "#sales", "and @Newbie", "on 2/30", "tomorrow", "next fri", "lunch:", "ランチ", "昨日",
]), min_size=1, max_size=6).map(" ".join)
subject_promise = st.tuples(
    st.sampled_from(["@Emily will", "@Emily to", "Emily promised", "she also promised", "I'll", "I will",
                     "we will", "Acme promised", "Acme will", "@Newbie will", "he'll", "they will",
                     "promised", "Emily to", "佐藤さん promised"]),
    st.lists(plain, min_size=0, max_size=3).map(" ".join),
    st.sampled_from(["by", "due", "", "."]),
    st.sampled_from(["fri", "12/5", "next fri", "last fri", "nov 30", "feb 30", "yesterday", "+1w", "",
                     "tonight"]),
).map(" ".join)
natural_shaped = st.tuples(
    st.sampled_from(["", "@Emily", "@佐藤さん", '@"Sato Ken"']), header,
    st.sampled_from(["", ":", ",", " -"]), st.lists(plain, max_size=4).map(" ".join),
    st.lists(subject_promise, max_size=2).map(", ".join),
).map(lambda t: f"{t[0]} {t[1]}{t[2]} {t[3]} {t[4]}")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.one_of(natural_free, natural_shaped), days=st.integers(-800, 800))
def test_natural_forms_drop_nothing(line: str, days: int) -> None:
    check_line(line, TODAY + timedelta(days=days))
    try:
        cap = parse(line, PEOPLE, TODAY + timedelta(days=days))
    except CaptureError:
        return
    assert {t.role for t in cap.tokens} <= ROLES


#: words that mean something in a header, but no sigils and no promise verbs
AFTER_COLON = ["lunch", "call", "met", "for", "a", "coffee", "on", "tue", "yesterday", "last", "fri", "at",
               "the", "expo", "12/3", "tomorrow", "deep", "private", "with", "and", "nov", "20", "in",
               "Osaka", "had", "ランチ", "昨日", "採用の話", "talked", "yesterday's", "by", "phone", "Emily"]


@settings(max_examples=400, deadline=None)
@given(head=header, rest=st.lists(st.sampled_from(AFTER_COLON), min_size=1, max_size=8).map(" ".join))
def test_words_after_the_colon_stay_text(head: str, rest: str) -> None:
    """Whatever the header says, the words after its colon are the note text, as typed."""
    head = "@Emily " + head.replace(":", "")
    try:
        alone = parse(head, PEOPLE, TODAY)
    except CaptureError:
        return
    cap = parse(f"{head}: {rest}", PEOPLE, TODAY)
    assert (cap.kind, cap.depth, cap.when, cap.scope) == (alone.kind, alone.depth, alone.when, alone.scope)
    assert _norm(cap.text).endswith(_norm(rest)) and cap.promises == []
