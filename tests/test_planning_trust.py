"""Trust balance (A8): every entry explained, weights documented, reliability apart."""

from __future__ import annotations

from datetime import date

from model.planning import Book
from model.planning.trust import WEIGHTS, promise_outcome, trust
from model.records import Contact, Interaction, Promise

A = Contact(name="佐藤 健", reading="さとう けん")


def mine(due: str, status: str = "open", resolved: str | None = None, text: str = "deck", **kw) -> Promise:
    return Promise(owner="me", contact=A.id, text=text, due=due, status=status, resolved=resolved, **kw)


def theirs(due: str, status: str = "open", resolved: str | None = None, text: str = "intro") -> Promise:
    return Promise(owner="them", contact=A.id, text=text, due=due, status=status, resolved=resolved)


def did(kind: str, day: str, text: str = "", scope: str = "open") -> Interaction:
    return Interaction(date=day, contacts=(A.id,), kind=kind, text=text or kind, scope=scope)


def report(promises=(), interactions=(), today=date(2026, 12, 31)):
    return trust(Book([A], interactions, promises), A.id, today)


def test_weights_are_documented_and_asymmetric() -> None:
    assert WEIGHTS["kept on time"] > 0 > WEIGHTS["kept late"] > WEIGHTS["broken"]
    assert -WEIGHTS["broken"] > WEIGHTS["kept on time"]  # a broken promise costs more than a kept one earns
    assert WEIGHTS["help received"] == 0
    import model.planning.trust as mod
    for key in WEIGHTS:
        assert key in mod.__doc__


def test_each_kind_of_entry_and_the_sum() -> None:
    r = report(
        [mine("2026-03-01", "kept", "2026-03-01", text="on time"),
         mine("2026-03-01", "kept", "2026-03-04", text="late"),
         mine("2026-04-01", "broken", "2026-04-05", text="broke"),
         mine("2026-05-01", "dropped", "2026-04-20", text="released early"),
         mine("2026-05-01", "dropped", "2026-05-09", text="let lapse"),
         mine("2026-12-01", text="still open")],
        [did("intro made", "2026-06-01"), did("help given", "2026-06-02"),
         did("value shared", "2026-06-03"), did("help received", "2026-06-04"),
         did("meal", "2026-06-05", "a long dinner")])
    got = {e.text: (e.what, e.weight) for e in r.entries}
    assert got == {
        "on time": ("kept on time", 3), "late": ("kept late", -1), "broke": ("broken", -5),
        "let lapse": ("dropped late", -2), "still open": ("overdue", -2),
        "intro made": ("intro made", 3), "help given": ("help given", 2),
        "value shared": ("value shared", 1), "help received": ("help received", 0),
    }  # dropped before it was due, and a dinner, carry no weight
    assert r.balance == 3 - 1 - 5 - 2 - 2 + 3 + 2 + 1 + 0 == -1
    assert (r.given, r.received) == (3, 1)
    assert [e.date for e in r.entries] == sorted((e.date for e in r.entries), reverse=True)


def test_kept_after_the_original_due_date_is_late_even_when_rescheduled() -> None:
    p = mine("2026-03-20", "kept", "2026-03-15", original_due="2026-03-10",
             history=({"on": "2026-03-09", "from": "2026-03-10", "to": "2026-03-20", "reason": "busy"},))
    assert promise_outcome(p, date(2026, 4, 1)) == "kept late"
    assert report([p]).balance == -1


def test_kept_on_the_due_date_including_a_leap_day_is_on_time() -> None:
    p = mine("2028-02-29", "kept", "2028-02-29")
    assert promise_outcome(p, date(2028, 3, 1)) == "kept on time"


def test_a_promise_open_past_its_due_date_costs_until_it_is_kept() -> None:
    p = mine("2026-10-31")
    assert report([p], today=date(2026, 10, 31)).balance == 0
    r = report([p], today=date(2026, 11, 1))
    assert r.balance == -2 and r.entries[0].date == date(2026, 10, 31)


def test_as_of_a_past_date_later_events_do_not_count() -> None:
    p = mine("2026-03-01", "kept", "2026-03-01")
    shared = did("value shared", "2026-05-01")
    assert report([p], [shared], today=date(2026, 2, 1)).balance == 0
    assert report([p], [shared], today=date(2026, 3, 1)).balance == 3
    assert report([p], [shared], today=date(2026, 5, 1)).balance == 4


def test_their_promises_are_reliability_not_my_balance() -> None:
    r = report([theirs("2026-01-10", "kept", "2026-01-09"), theirs("2026-02-10", "kept", "2026-02-12"),
                theirs("2026-03-10", "broken", "2026-03-20"), theirs("2026-12-01"),
                theirs("2027-01-05"), theirs("2026-06-01", "dropped", "2026-05-01")])
    assert r.balance == 0 and r.entries == ()
    rel = r.reliability
    assert (rel.kept_on_time, rel.kept_late, rel.broken, rel.overdue, rel.dropped, rel.open) == (1, 1, 1, 1, 1, 1)
    assert rel.rate == 0.25
    assert rel.summary() == "1 of 4 kept on time, 1 late, 1 broken, 1 overdue, 1 open"


def test_no_promises_of_theirs_to_judge() -> None:
    rel = report().reliability
    assert rel.rate is None and rel.summary() == "no promises of theirs to judge yet"


def test_confidential_entries_keep_their_weight_but_hide_their_text() -> None:
    r = report([], [did("help given", "2026-06-02", "their cash position", scope="confidential")])
    assert r.balance == 2 and r.entries[0].text == "[confidential]"


def test_log_entries_never_count() -> None:
    r = report([], [did("log", "2026-06-02", "kept my promise: deck")])
    assert r.balance == 0 and r.entries == ()


def test_json_shape() -> None:
    d = report([mine("2026-03-01", "kept", "2026-03-01")]).to_dict()
    assert d["balance"] == 3 and d["entries"][0]["date"] == "2026-03-01"
    assert d["weights"]["broken"] == -5 and d["reliability"]["rate"] is None


def test_reveal_shows_confidential_text_and_a_promise_made_there() -> None:
    """``kizuna trust --include-confidential``: the notes' text and the text of a promise made
    in a confidential note are shown; without it both are masked, the weights the same."""
    secret = did("help given", "2026-06-02", "their cash position", scope="confidential")
    made = mine("2026-06-10", "kept", "2026-06-09", text="the NDA", interaction=secret.id)
    book = Book([A], [secret], [made])
    shown, hidden = (trust(book, A.id, date(2026, 12, 31), reveal=r) for r in (True, False))
    assert shown.balance == hidden.balance
    assert sorted(e.text for e in hidden.entries) == ["[confidential]", "[confidential]"]
    assert sorted(e.text for e in shown.entries) == ["the NDA", "their cash position"]


def test_no_promises_to_judge_yet_says_how_many_are_open() -> None:
    """Nothing of theirs judged yet, but some open: the summary counts them."""
    rel = report([theirs("2027-01-20")]).reliability
    assert rel.summary() == "no promises of theirs to judge yet (1 open)"


def test_json_names_what_was_given_and_received() -> None:
    """The trust JSON counts the help given and received under those names."""
    d = report([], [did("help given", "2026-06-02"), did("help given", "2026-06-05"),
                    did("help received", "2026-06-03")]).to_dict()
    assert {k: d[k] for k in ("given", "received")} == {"given": 2, "received": 1}
