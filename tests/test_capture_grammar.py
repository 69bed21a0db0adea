"""The one-line capture grammar: people, kinds, depth, tags, scope, errors, tokens, saving.

Dates and promises are in test_capture_dates.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from model.capture import AmbiguousNameError, CaptureError, UnknownNameError, parse, save
from model.errors import AmbiguousError, KizunaError
from model.records import Contact
from model.store import Store

from capture_helpers import EMILY, PEOPLE, SATO, SATO_JA, TANAKA, THU, error, p, span

# -- people ------------------------------------------------------------------------------


def test_the_design_example() -> None:
    cap = p("@Tanaka lunch: promised an intro to Sato by fri #hiring")
    assert cap.people == [TANAKA] and cap.new_people == []
    assert (cap.kind, cap.depth, cap.when, cap.scope) == ("meal", "touch", THU, "open")
    assert cap.tags == ["hiring"]
    [promise] = cap.promises
    assert (promise.owner, promise.text, promise.due, promise.contact) == (
        "me", "an intro to Sato", date(2026, 11, 27), TANAKA)
    assert cap.text == ""


def test_people_by_name_reading_width_and_quotes() -> None:
    assert p("@tanaka hi").people == [TANAKA]
    assert p("＠ＴＡＮＡＫＡ hi").people == [TANAKA]  # full-width @ and letters
    assert p("@さとうけん hi").people == [SATO]  # by reading, without its space
    assert p('@"Sato Ken" hi').people == [SATO]
    assert p("@「佐藤 健」 hi").people == [SATO_JA]
    assert p("@佐藤 hi").people == [SATO_JA]
    assert p("@Tanaka and @Emily, lunch").people == [TANAKA, EMILY]


def test_readings_match_in_either_kana_and_can_be_ambiguous() -> None:
    assert p("@サトウタケシ hi").people == [SATO_JA]
    assert p("@さとうたけし hi").people == [SATO_JA]
    line = "@サトウ hi"  # a word of both readings
    with pytest.raises(AmbiguousNameError) as info:
        parse(line, PEOPLE, THU)
    assert set(info.value.matches) == {SATO, SATO_JA}
    assert "Sato Ken" in str(info.value) and "佐藤 健 (東京精密)" in str(info.value)
    assert span(line, info.value) == "@サトウ"


def test_japanese_honorifics_and_glued_text() -> None:
    cap = p("@佐藤さん ランチ 採用の話 #採用")
    assert cap.people == [SATO_JA] and cap.kind == "meal"
    assert cap.text == "採用の話" and cap.tags == ["採用"]
    cap = p("@佐藤さんとランチ 採用の話")
    assert cap.people == [SATO_JA]
    assert cap.text == "とランチ 採用の話"  # nothing lost: the rest is text
    cap = p("@+山田さんと会った")
    assert [c.name for c in cap.new_people] == ["山田"]


def test_new_names_become_network_contacts_once() -> None:
    cap = p('@+Mori coffee with @+"Ann Lee" and @mori')
    assert [c.name for c in cap.new_people] == ["Mori", "Ann Lee"]
    assert all(c.tier == "network" for c in cap.new_people)
    assert cap.people == cap.new_people
    assert "new contact, network tier" in cap.summary()[0]


def test_a_name_inside_a_longer_latin_name_is_someone_new() -> None:
    cap = p("@+Li call")  # not Emily
    assert [c.name for c in cap.new_people] == ["Li"]
    assert p("@Ston call").people == [EMILY]  # the start of a word of the name


def test_ambiguous_name_lists_the_matches_with_its_span() -> None:
    other = Contact(name="Tanaka Jiro", company="Beta")
    line = "lunch @Tanaka yesterday"
    with pytest.raises(AmbiguousNameError) as info:
        parse(line, [*PEOPLE, other], THU)
    exc = info.value
    assert isinstance(exc, AmbiguousError) and isinstance(exc, CaptureError) and isinstance(exc, KizunaError)
    assert set(exc.matches) == {TANAKA, other}
    assert "Tanaka Yuki (Acme)" in str(exc) and "Tanaka Jiro (Beta)" in str(exc)
    assert span(line, exc) == "@Tanaka"
    assert p('@"Tanaka Yuki" hi', contacts=[*PEOPLE, other]).people == [TANAKA]


def test_two_people_with_one_name_are_told_apart_by_company() -> None:
    twin = Contact(name="Tanaka Yuki", company="Beta")
    assert isinstance(error('@"Tanaka Yuki" hi', contacts=[TANAKA, twin]), AmbiguousNameError)
    assert p('@"Tanaka Yuki (Beta)" hi', contacts=[TANAKA, twin]).people == [twin]


def test_a_note_needs_a_person() -> None:
    exc = error("lunch, talked hiring")
    assert "@Name" in str(exc) and (exc.start, exc.end) == (0, len("lunch, talked hiring"))
    assert "@Name" in str(error(""))


# -- kind, depth, scope, tags, text ------------------------------------------------------


@pytest.mark.parametrize(("word", "kind"), [
    ("meeting", "meeting"), ("met", "meeting"), ("mtg", "meeting"), ("call", "call"),
    ("phone", "call"), ("msg", "message"), ("email", "message"), ("message", "message"),
    ("lunch", "meal"), ("dinner", "meal"), ("coffee", "meal"), ("meal", "meal"),
    ("event", "event"), ("intro", "intro made"), ("helped", "help given"),
    ("help given", "help given"), ("help received", "help received"), ("got help", "help received"),
    ("shared", "value shared"), ("value", "value shared"), ("ランチ", "meal"), ("電話", "call"),
    ("!call", "call"), ("!help-received", "help received"), ("Lunch:", "meal"),
])
def test_kind_words(word: str, kind: str) -> None:
    cap = p(f"@Tanaka {word} talked")
    assert cap.kind == kind and cap.text == "talked"


def test_depth_is_deep_only_when_marked() -> None:
    assert p("@Tanaka dinner").depth == "touch"
    assert p("@Tanaka meeting").depth == "touch"
    assert p("@Tanaka dinner !deep").depth == "deep"
    assert p("@Tanaka deep dinner: talked").depth == "deep"
    cap = p("@Tanaka talked about a deep problem")  # later on, 'deep' is just a word
    assert cap.depth == "touch" and cap.text == "talked about a deep problem"


def test_scope_markers() -> None:
    assert p("@Tanaka hi").scope == "open"
    assert p("@Tanaka hi !private").scope == "private"
    assert p("@Tanaka !confidential hi").scope == "confidential"
    assert p("@Tanaka ！ＣＯＮＦ hi").scope == "confidential"
    assert p("@Tanaka confidential: numbers").scope == "confidential"


def test_conflicts_are_errors() -> None:
    line = "@Tanaka !private hi !confidential"
    exc = error(line)
    assert span(line, exc) == "!confidential" and "keep one" in str(exc)
    line = "@Tanaka lunch call"
    assert span(line, error(line)) == "call"
    assert p("@Tanaka lunch !lunch hi").kind == "meal"  # the same thing twice is fine


def test_unknown_marker_is_an_error_with_a_suggestion() -> None:
    line = "@Tanaka hi !privte"
    exc = error(line)
    assert span(line, exc) == "!privte" and "!private" in str(exc)
    assert p("@Tanaka great!!! !!").text == "great!!! !!"  # not markers: text


def test_tags_any_script_folded_and_out_of_the_text() -> None:
    cap = p("@Tanaka talked #Hiring plans #採用 #hiring, #ｓａｌｅｓ")
    assert cap.tags == ["hiring", "採用", "sales"]
    assert cap.text == "talked plans"
    assert p("@Tanaka room #3 is booked").text == "room #3 is booked"  # a number is not a tag


def test_text_keeps_later_words_mentions_and_punctuation() -> None:
    cap = p("coffee with @Tanaka yesterday: talked about @Sato's new company, call him")
    assert cap.kind == "meal" and cap.when == date(2026, 11, 25)
    assert cap.people == [TANAKA, SATO]
    assert cap.text == "talked about Sato's new company, call him"


def test_escaped_words_are_literal() -> None:
    cap = p(r"@Tanaka \call center visit, he \promised nothing")
    assert cap.kind == "note" and cap.promises == []
    assert cap.text == "call center visit, he promised nothing"


def test_email_addresses_and_lone_signs_are_text() -> None:
    cap = p("@Tanaka wrote to tanaka@acme.example @ 3pm")
    assert cap.text == "wrote to tanaka@acme.example @ 3pm"


# -- errors -----------------------------------------------------------------------------------


def test_unclosed_quote_and_empty_name() -> None:
    line = '@Tanaka lunch with @"Sato Ken'
    exc = error(line)
    assert exc.start == line.index('@"') and exc.end == len(line) and "quote" in str(exc)
    line = '@Tanaka @"" hi'
    assert span(line, error(line)) == '@""'


def test_every_error_is_one_line() -> None:
    for line in ("lunch", "@T promised x", "@T promised x by", "@T 2/30", "@T !zzz",
                 '@"x', "@T tomorrow", "@T promised x by yesterday"):
        assert "\n" not in str(error(line))


# -- tokens and the summary -----------------------------------------------------------------


def test_tokens_cover_every_character_and_say_what_each_is() -> None:
    line = "@Tanaka lunch yesterday !private: talked #hiring promised an intro by fri"
    cap = p(line)
    roles = [(t.role, line[t.start:t.end]) for t in cap.tokens]
    assert roles == [
        ("person", "@Tanaka"), ("kind", "lunch"), ("date", "yesterday"), ("scope", "!private:"),
        ("text", "talked"), ("tag", "#hiring"), ("promise", "promised"), ("text", "an"),
        ("text", "intro"), ("due", "by fri"),
    ]
    assert [t.promise for t in cap.tokens][-4:] == [0, 0, 0, 0]


def test_summary_says_everything_that_will_be_saved() -> None:
    cap = p("@Tanaka @+Newbie lunch yesterday !deep !confidential: talked #採用 "
            "promised an intro by fri they promised the deck by 12/5")
    text = "\n".join(cap.summary())
    for part in ("Tanaka Yuki (Acme)", "Newbie (new contact, network tier)", "meal",
                 "deep conversation", "2026-11-25 Wed (yesterday)", "#採用", "confidential",
                 "I promised Tanaka Yuki: an intro", "2026-11-27 Fri (tomorrow)",
                 "Tanaka Yuki promised: the deck", "2026-12-05 Sat (in 9 days)", "talked"):
        assert part in text, part


def test_parse_is_pure() -> None:
    contacts = list(PEOPLE)
    before = [c.to_dict() for c in contacts]
    p("@+Newbie @Tanaka lunch promised x by fri", contacts=contacts)
    assert [c.to_dict() for c in contacts] == before


# -- saving -------------------------------------------------------------------------------------


def test_save_writes_contacts_note_and_promises(store: Store) -> None:
    with store.transaction():
        store.add(TANAKA)
    cap = save(store, "@Tanaka @+佐藤さん dinner yesterday !deep: 採用の話 #採用 "
                      "promised an intro by fri @佐藤 promised 資料 by 12/5", THU)
    again = Store(store.path)  # what is on disk
    names = {c.name for c in again.contacts()}
    assert names == {"Tanaka Yuki", "佐藤"}
    [note] = again.interactions()
    sato = next(c for c in again.contacts() if c.name == "佐藤")
    assert note == cap.interaction
    assert (note.date, note.kind, note.depth, note.text, note.tags, note.scope) == (
        "2026-11-25", "meal", "deep", "採用の話", ("採用",), "open")
    assert note.contacts == (TANAKA.id, sato.id)
    promises = sorted(again.promises(), key=lambda x: x.due)
    assert [(x.owner, x.contact, x.text, x.due, x.interaction, x.status) for x in promises] == [
        ("me", TANAKA.id, "an intro", "2026-11-27", note.id, "open"),
        ("them", sato.id, "資料", "2026-12-05", note.id, "open"),
    ]
    assert sorted(x.id for x in cap.saved_promises) == sorted(x.id for x in promises)


def test_one_person_named_twice_is_on_the_note_once(store: Store) -> None:
    with store.transaction():
        store.add(TANAKA)
    cap = save(store, "@Tanaka lunch, then @たなか again and @tanaka", THU)
    assert cap.people == [TANAKA]
    assert Store(store.path).interactions()[0].contacts == (TANAKA.id,)


def test_a_bad_line_saves_nothing(store: Store) -> None:
    with store.transaction():
        store.add(TANAKA)
    before = store.path.read_bytes()
    with pytest.raises(CaptureError):
        save(store, "@+Newbie @Tanaka lunch promised x by 2/30", THU)
    assert store.path.read_bytes() == before
    assert Store(store.path).contacts() == [TANAKA]


def test_an_unclosed_quote_over_a_pasted_line_break_is_still_one_line() -> None:
    line = '@Tanaka lunch with @"Sato \n Ken'
    exc = error(line)
    assert "\n" not in str(exc) and exc.start == line.index('@"') and "quote" in str(exc)


def test_the_summary_says_what_the_line_saves():
    """``kizuna note`` and the app's preview: one line per field, new people marked, the
    promise with its due day, and the text as saved."""
    cap = p("@Tanaka @+Mori lunch deep confidential: talked about #hiring; I promised to send the deck by fri")
    assert cap.summary() == [
        "people   Tanaka Yuki (Acme), Mori (new contact, network tier)",
        "kind     meal",
        "depth    deep conversation",
        "date     2026-11-26 Thu (today)",
        "tags     #hiring",
        "scope    confidential",
        "promise  I promised Tanaka Yuki: to send the deck — due 2026-11-27 Fri (tomorrow)",
        "text     talked about",
    ]
    cap = p("@Tanaka yesterday call they promised a quote by 12/3")
    assert cap.summary() == [
        "people   Tanaka Yuki (Acme)", "kind     call", "depth    touch", "date     2026-11-25 Wed (yesterday)",
        "tags     (none)", "scope    open", "promise  Tanaka Yuki promised: a quote — due 2026-12-03 Thu (in 7 days)",
        "text     (empty)",
    ]


def test_name_errors_say_what_to_write():
    """An unknown name suggests the closest people and how to add a new one; an ambiguous one
    lists who it could be; both point at the name in the line."""
    from model.capture import UnknownNameError

    typo = error("@Tanaku lunch")
    assert isinstance(typo, UnknownNameError) and typo.name == "Tanaku" and typo.suggestions == [TANAKA]
    assert typo.message == "no one called @Tanaku: did you mean Tanaka Yuki (Acme)? (a new person: write @+Tanaku)"
    assert (typo.start, typo.end) == (0, 7) and str(typo) == typo.message
    nobody = error("lunch with @Nobody")
    assert nobody.message == "no one called @Nobody yet: write @+Nobody to add them as a new contact"
    assert span("lunch with @Nobody", nobody) == "@Nobody"
    aoi = Contact(name="Sato Aoi")
    two = error("@Sato lunch", contacts=PEOPLE + [aoi])
    assert isinstance(two, AmbiguousNameError) and two.matches == [SATO, aoi] and (two.start, two.end) == (0, 5)


def test_the_summary_lists_every_tag_and_every_suggestion():
    assert p("@Tanaka lunch: ok #a #採用").summary()[4] == "tags     #a #採用"
    near = [Contact(name="Sato Ken"), Contact(name="Satu Aoi")]
    assert error("@Satx lunch", contacts=near).message == (
        "no one called @Satx: did you mean Sato Ken or Satu Aoi? (a new person: write @+Satx)")
    plain = CaptureError("nothing to save")
    assert (plain.message, plain.start, plain.end) == ("nothing to save", 0, 0)


def test_an_open_quote_asks_to_close_it_showing_where():
    """As the line is typed: ``@"`` and ``@+"`` as its last characters ask for the closing quote;
    a long unclosed name is shown by its first 12 characters, on one line."""
    for line, shown in (('@Tanaka lunch @+"', '@+"'), ('@Tanaka lunch @"', '@"'),
                        ('@Tanaka lunch @"Mori\n Aoi of Acme', '@"Mori Aoi')):
        exc = error(line)
        assert exc.message == f"{shown}…: close the quote after the name"
        assert (exc.start, exc.end) == (14, len(line))


def test_a_japanese_full_stop_ends_a_word_even_after_one_character_or_a_quoted_name():
    """``了。I promised ...`` and ``@"佐藤 健"。I promised ...``: the promise after the 。 is read."""
    for line, text in (("@佐藤 了。I promised to send the deck by fri", "了。"),
                       ('@"佐藤 健"。I promised to send the deck by fri', "")):
        cap = p(line)
        assert cap.people == [SATO_JA] and cap.text == text
        assert [(d.owner, d.text, d.due) for d in cap.promises] == [("me", "to send the deck", date(2026, 11, 27))]


def test_a_glued_japanese_mention_with_no_honorific_ends_at_the_longest_stored_name():
    """``@佐藤健とランチ``: with no honorific to end it, the mention is the longest stored name
    at its start (佐藤 健 without the space); the rest stays note text."""
    line = "@佐藤健とランチ 採用の話"
    cap = p(line)
    assert cap.people == [SATO_JA] and cap.text == "とランチ 採用の話"
    assert [(t.role, line[t.start:t.end]) for t in cap.tokens][0] == ("person", "@佐藤健")


def test_a_glued_japanese_mention_with_nobody_in_the_store_names_the_person():
    """With no one stored yet, ``@佐藤さんとランチ`` is an unknown 佐藤 (the honorific ends the name)."""
    exc = error("@佐藤さんとランチ", contacts=[])
    assert exc.name == "佐藤" and (exc.start, exc.end) == (0, 5)


@pytest.mark.parametrize("after, read", [
    ("#hiring", True), ("＃採用", True), ("#3a", True), ("@Emily", True), ("@+Mori", True), ("@+_new", True),
    ('@"Emily Stone"', True), ("!deep", True),
    ("#3", False), ("##", False), ("#", False), ("@", False), ("@1", False), ("@+1", False), ("!!", False),
])
def test_a_date_after_a_place_is_read_when_a_header_word_follows(after: str, read: bool):
    """``at the expo yesterday`` is a place and a date when what follows is a header word:
    an ``@name``, ``#tag`` or ``!marker``, not a lone ``@``, ``#3``, ``##`` or ``!!``."""
    cap = p(f"@Tanaka lunch at the expo yesterday {after} great talk")
    assert cap.when == (date(2026, 11, 25) if read else THU)
    assert cap.text.startswith("at the expo " + ("great" if read else f"yesterday {after} great"))


def test_a_place_is_at_most_three_words():
    """``at the big expo yesterday`` is a place and a date; a fourth word makes it plain text."""
    three = p("@Tanaka lunch at the big expo yesterday #x ok")
    assert (three.when, three.text) == (date(2026, 11, 25), "at the big expo ok")
    four = p("@Tanaka lunch at the very big expo yesterday #x ok")
    assert (four.when, four.text) == (THU, "at the very big expo yesterday ok")


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_possessive_date_with_either_apostrophe(apostrophe: str):
    cap = p(f"@Tanaka yesterday{apostrophe}s lunch was good")
    assert (cap.when, cap.kind, cap.text) == (date(2026, 11, 25), "meal", "was good")


@pytest.mark.parametrize("day", ["today", "11/26"])
def test_on_today_is_a_date_in_the_header(day: str):
    """``call on today`` / ``on 11/26`` (today's date): ``on`` joins the date, which is not future."""
    line = f"@Tanaka call on {day}: ok"
    cap = p(line)
    assert (cap.when, cap.kind, cap.text) == (THU, "call", "ok")
    assert [(t.role, line[t.start:t.end]) for t in cap.tokens][2:4] == [("joiner", "on"), ("date", f"{day}:")]


# -- rules mutation testing asked for ----------------------------------------------------------


@pytest.mark.parametrize("line", ["@Emily lunch call: x", "@Emily lunch met call: x"])
def test_two_telling_kinds_are_an_error_even_with_met_between(line: str) -> None:
    """``met`` gives way to ``lunch`` but does not make room for a second kind: ``call`` is refused."""
    exc = error(line)
    assert (span(line, exc), str(exc)) == ("call:", "two kinds: lunch and call; keep one")


def test_a_line_with_nobody_says_how_to_name_someone() -> None:
    """No @Name at all: the whole line is the error, and the message shows both forms."""
    exc = error("lunch yesterday")
    assert (span("lunch yesterday", exc), str(exc)) == (
        "lunch yesterday", 'say who it was with: @Name, or @"Full Name" for a name with spaces')


def test_every_loose_date_is_named_in_one_hint() -> None:
    """Two loose date words in the text: one hint quoting both, the example using the first."""
    assert p("@Emily talked yesterday and last fri").hints == [
        "'yesterday', 'last fri' was left in the text: the note is dated today. To date it, put the date "
        "before the text (@Name yesterday: ...) or write 'on 12/3'"]


def test_a_marker_inside_a_promise_belongs_to_it_and_the_draft_spans_the_clause() -> None:
    """``!deep`` inside ``promised ... by fri`` is a token of promise 0; the draft covers the whole clause."""
    line = "@Emily lunch: promised a !deep talk by fri"
    cap = p(line)
    assert [(t.role, t.value, t.promise) for t in cap.tokens if t.role == "depth"] == [("depth", "deep", 0)]
    assert [line[d.start:d.end] for d in cap.promises] == ["promised a !deep talk by fri"]


def test_an_and_between_two_promises_is_a_joiner_token() -> None:
    """``X by 12/12 and she will ...``: the ``and`` is a joiner of neither promise, not note text."""
    line = "@Emily promised X by 12/12 and she will send Y by 12/15, then"
    cap = p(line)
    assert [(t.role, line[t.start:t.end], t.value, t.promise) for t in cap.tokens][3:5] == [
        ("due", "by 12/12", "2026-12-12", 0), ("joiner", "and", "and", None)]
    assert cap.text == "then"


KENJI = Contact(name="Kenji Mori")


@pytest.mark.parametrize(("line", "who", "mention", "rest"), [
    ("@Ken's deck", SATO, "@Ken", "'s"),
    ("@Kenji's deck", KENJI, "@Kenji", "'s"),
    ("@Kenji’s deck", KENJI, "@Kenji", "’s"),
])
def test_a_possessive_s_is_text_after_the_name(line: str, who: Contact, mention: str, rest: str) -> None:
    """``@Ken's`` is Ken (not everyone whose name starts Ke), and the ``'s`` or ``’s`` stays text."""
    cap = p(line, contacts=[*PEOPLE, KENJI])
    assert cap.people == [who]
    assert [line[t.start:t.end] for t in cap.tokens][:2] == [mention, rest]


@pytest.mark.parametrize(("line", "mention", "rest"), [
    ("@佐藤健は来週", "@佐藤健", "は来週"),
    ("@佐藤健さんと話した", "@佐藤健さん", "と話した"),
])
def test_a_japanese_name_glued_to_the_sentence_is_cut_at_the_name(line: str, mention: str, rest: str) -> None:
    """``@佐藤健は``: the mention is the longest known name (with its honorific); the rest is text."""
    cap = p(line)
    assert cap.people == [SATO_JA]
    assert [(t.role, line[t.start:t.end]) for t in cap.tokens] == [("person", mention), ("text", rest)]


def test_a_new_japanese_name_ends_at_its_honorific() -> None:
    """``@+林さんと昼食`` is someone new called 林; と昼食 is text."""
    cap = p("@+林さんと昼食")
    assert [c.name for c in cap.new_people] == ["林"] and cap.text == "と昼食"


@pytest.mark.parametrize("name", ["Tanakax", "Emilys"])
def test_a_latin_name_that_is_not_known_is_not_cut_to_a_known_one(name: str) -> None:
    """``@Tanakax`` is nobody (an error offering Tanaka), not Tanaka followed by ``x``."""
    exc = error(f"@{name} lunch")
    assert isinstance(exc, UnknownNameError) and f"no one called @{name}:" in str(exc)


def test_a_tag_inside_a_promise_belongs_to_it() -> None:
    """``promised the #pricing deck by fri``: the tag token is promise 0's."""
    cap = p("@Emily lunch: promised the #pricing deck by fri")
    assert [(t.value, t.promise) for t in cap.tokens if t.role == "tag"] == [("pricing", 0)]
    assert cap.tags == ["pricing"]


@pytest.mark.parametrize(("line", "said"), [
    ("@Emily !lnch", "!lnch is not a marker; did you mean !lunch? (!deep, !private, !confidential, a kind "
                     "like !call; \\!lnch keeps it as text)"),
    ("@Emily !xyzzy", "!xyzzy is not a marker; (!deep, !private, !confidential, a kind like !call; \\!xyzzy "
                      "keeps it as text)"),
])
def test_an_unknown_marker_suggests_the_closest_one(line: str, said: str) -> None:
    """A ``!word`` that is no marker names the nearest marker if one is near, and lists the kinds."""
    assert str(error(line)) == said


def test_a_weak_marker_gives_way_to_a_kind() -> None:
    """``lunch !met``: still a meal, no error."""
    assert p("@Emily lunch !met").kind == "meal"


def test_a_lone_backslash_is_text_and_a_backslash_keeps_one_character() -> None:
    r"""A lone ``\`` stays as typed; ``\#`` is the text ``#``."""
    assert p("@Emily a \\ b").text == "a \\ b"
    assert p("@Emily price \\# 1").text == "price # 1"


def test_a_latin_name_found_only_inside_another_is_someone_new() -> None:
    """``@Li`` is not Emily (the letters are only inside her name): unknown, and ``@+Li`` is new."""
    exc = error("@Li lunch")
    assert isinstance(exc, UnknownNameError) and exc.suggestions == []
    assert [(c.name, c in PEOPLE) for c in p("@+Li lunch").people] == [("Li", False)]


def test_a_plus_name_is_someone_new_even_if_the_name_is_known() -> None:
    """``@+Emily`` adds a second Emily in the network tier; it is never the Emily we know."""
    cap = p("@+Emily lunch")
    assert [(c.name, c.tier, c in PEOPLE) for c in cap.new_people] == [("Emily", "network", False)]


def test_a_name_that_fits_many_lists_six_and_counts_the_rest() -> None:
    """Eight Satos: the error lists six with their companies, says "and 2 more", and how to choose."""
    satos = [Contact(name=f"Sato {n}", company="Acme") for n in "Aki Bin Chie Dai Eri Fumi Go Hana".split()]
    exc = error("@Sato lunch", contacts=satos)
    assert isinstance(exc, AmbiguousNameError) and str(exc) == (
        "@Sato could be Sato Aki (Acme), Sato Bin (Acme), Sato Chie (Acme), Sato Dai (Acme), Sato Eri (Acme), "
        'Sato Fumi (Acme) and 2 more; write more of the name, or @"Name (Company)"')


def test_a_quoted_name_loses_its_honorific() -> None:
    """``@"Sato Kenさん"`` is Sato Ken (the whole name without さん, not a part that fits others)."""
    assert p('@"Sato Kenさん" lunch', contacts=[SATO, Contact(name="Sakura Ito")]).people == [SATO]


def test_empty_quotes_are_an_error() -> None:
    """``@""`` names nobody: one error on the quotes."""
    exc = error('@"" lunch')
    assert (span('@"" lunch', exc), str(exc)) == ('@""', '@"" needs a name between the quotes')


def test_a_possessive_inside_a_promise_stays_in_the_promise() -> None:
    """``promised a deck to @Emily's team``: the ``'s`` is part of the promise's text, not the note's."""
    cap = p("@Emily lunch: promised a deck to @Emily's team by fri")
    assert ([d.text for d in cap.promises], cap.text) == (["a deck to Emily's team"], "")


def test_kind_words_after_the_text_has_begun_are_text() -> None:
    """``talked to @Emily about lunch``: the first word starts the text, so ``lunch`` is not a kind."""
    cap = p("talked to @Emily about lunch")
    assert (cap.kind, cap.text) == ("note", "talked to Emily about lunch")


def test_an_at_that_is_no_name_before_will_is_text() -> None:
    """``@123 will send it by fri`` is nobody's promise: the words stay text."""
    cap = p("@Emily lunch: @123 will send it by fri")
    assert (cap.promises, cap.text) == ([], "@123 will send it by fri")


def test_a_joiner_token_holds_its_word() -> None:
    """``lunch with @Emily``: ``with`` is a joiner token whose value is the word."""
    line = "lunch with @Emily"
    assert [(t.role, t.value) for t in p(line).tokens][:2] == [("kind", "meal"), ("joiner", "with")]


@pytest.mark.parametrize(("count", "more"), [(6, ""), (7, " and 1 more")])
def test_six_namesakes_are_all_listed_and_a_seventh_is_counted(count: int, more: str) -> None:
    """The error lists up to six people; "and N more" only counts the ones past the sixth."""
    satos = [Contact(name=f"Sato {n}", company="Acme") for n in "Aki Bin Chie Dai Eri Fumi Go".split()][:count]
    exc = error("@Sato lunch", contacts=satos)
    assert str(exc) == (
        "@Sato could be Sato Aki (Acme), Sato Bin (Acme), Sato Chie (Acme), Sato Dai (Acme), Sato Eri (Acme), "
        f'Sato Fumi (Acme){more}; write more of the name, or @"Name (Company)"')


def test_two_namesakes_are_listed_with_nothing_more() -> None:
    """Two people fit: both listed, and no "more" after them."""
    two = [Contact(name="Sato Aki", company="Acme"), Contact(name="Sato Bin", company="Beta")]
    assert str(error("@Sato lunch", contacts=two)) == (
        '@Sato could be Sato Aki (Acme), Sato Bin (Beta); write more of the name, or @"Name (Company)"')


def test_a_name_typed_without_its_space_finds_the_person() -> None:
    """``@SatoKen`` and ``@satoken`` are Sato Ken: the name written without its space."""
    assert p("@SatoKen lunch").people == p("@satoken lunch").people == [SATO]


def test_a_japanese_fragment_of_a_name_finds_the_person() -> None:
    """``@藤`` is 佐藤 健: Japanese names run together, so a part inside the name still finds them
    (unlike ``@Li`` inside Emily)."""
    assert p("@藤 lunch").people == [SATO_JA]


def test_a_latin_name_glued_to_more_letters_is_not_split() -> None:
    """``@SatoKenx`` is an unknown name, not Sato Ken followed by ``x``: only Japanese is split there."""
    assert isinstance(error("@SatoKenx lunch"), UnknownNameError)


def test_latin_letters_inside_a_word_of_a_name_are_someone_unknown() -> None:
    """``@mily`` is not Emily (only inside her name): refused, with Emily offered as the closest."""
    exc = error("@mily lunch")
    assert isinstance(exc, UnknownNameError) and exc.suggestions == [EMILY]


def test_save_with_allow_new_stores_the_unknown_name_as_someone_new(store: Store) -> None:
    """``kizuna note --new``: save(..., allow_new=True) adds an unknown @Name; without it, refused."""
    with pytest.raises(UnknownNameError):
        save(store, "@Mori lunch", THU)
    cap = save(store, "@Mori lunch", THU, allow_new=True)
    assert [c.name for c in Store(store.path).contacts()] == ["Mori"] == [c.name for c in cap.new_people]


@pytest.mark.parametrize(("line", "name"), [("@佐藤健と ランチ", "佐藤 健"), ("@林と ランチ", "林")])
def test_a_stored_japanese_name_glued_to_one_more_character_is_split(line: str, name: str) -> None:
    """``@佐藤健と``: the stored name (even one of one character, 林), then ``と`` as text."""
    cap = p(line, contacts=PEOPLE + [Contact(name="林")])
    assert ([c.name for c in cap.people], cap.text) == ([name], "と")
