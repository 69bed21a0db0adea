"""Suggestions for an empty slot: ranked, each with its reasons."""

from __future__ import annotations

from datetime import date

from model.planning.book import Book
from model.planning.focus import (
    DEEP_GAP_MAX,
    DEEP_NEVER,
    DIVERSITY_PER_DIMENSION,
    PURPOSE_FIT,
    ROLE_FIT,
    ROLE_MISMATCH,
    role_fit,
    suggest,
)
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot

TODAY = date(2026, 12, 10)
SETTINGS = Settings(own_industry="manufacturing")


def deep(who: Contact, day: str) -> Interaction:
    return Interaction(date=day, contacts=(who.id,), kind="meeting", depth="deep", text="talk")


def book(people, interactions=(), promises=(), plans=()) -> Book:
    return Book(people, interactions, promises, plans, SETTINGS)


def by_name(found):
    return {s.contact.name: s for s in found}


def test_role_fit_rules():
    own = "Manufacturing"
    peer = Contact(name="p", industry="manufacturing")
    other = Contact(name="o", industry="retail")
    blank = Contact(name="b")
    marked = Contact(name="m", relation="cross-industry")
    assert role_fit(peer, "same-industry", own)[0] == 1
    assert role_fit(peer, "cross-industry", own)[0] == -1
    assert role_fit(other, "cross-industry", own) == (1, "outside your industry (retail)")
    assert role_fit(other, "same-industry", own)[0] == -1
    assert role_fit(blank, "cross-industry", own) == (0, "industry not recorded")
    assert role_fit(marked, "cross-industry", own) == (2, "marked cross-industry")
    assert role_fit(marked, "same-industry", own)[0] == -1
    assert role_fit(other, "cross-industry", "") == (0, "your own industry is not set")
    assert role_fit(Contact(name="c", relation="customer"), "customer", own)[0] == 2
    assert role_fit(other, "customer", own) == (0, "")


def test_purpose_and_role_fit_rank_first_with_reasons():
    fits = Contact(name="Fits", industry="logistics", purposes=("sales channel",))
    role_only = Contact(name="RoleOnly", industry="retail")
    wrong = Contact(name="Wrong", industry="manufacturing", purposes=("sales channel",))
    found = suggest(book([wrong, role_only, fits]), "2026-12", "cross-industry", "sales channel", TODAY)
    assert [s.contact.name for s in found] == ["Fits", "RoleOnly", "Wrong"]
    s = by_name(found)
    assert s["Fits"].parts["purpose"] == PURPOSE_FIT and s["Fits"].parts["role"] == ROLE_FIT
    assert "serves the purpose: sales channel" in s["Fits"].reasons
    assert "outside your industry (logistics)" in s["Fits"].reasons
    assert s["Wrong"].parts["role"] == ROLE_MISMATCH
    assert any(r.startswith("does not fit the cross-industry slot") for r in s["Wrong"].reasons)
    assert s["Fits"].score == sum(s["Fits"].parts.values())


def test_longer_since_deep_conversation_ranks_higher_and_never_is_new():
    lapsed = Contact(name="Lapsed")
    recent = Contact(name="Recent")
    never = Contact(name="Never")
    long_ago = Contact(name="LongAgo")
    notes = [deep(lapsed, "2026-09-11"), deep(recent, "2026-12-05"), deep(long_ago, "2025-01-01"),
             deep(recent, "2027-01-05")]  # written ahead: not yet held as of TODAY
    found = suggest(book([recent, never, lapsed, long_ago], notes), "2026-12", None, None, TODAY)
    s = by_name(found)
    assert s["LongAgo"].parts["deep_gap"] == DEEP_GAP_MAX
    assert s["Never"].parts["deep_gap"] == DEEP_NEVER
    assert s["Lapsed"].parts["deep_gap"] == round(90 / 180 * DEEP_GAP_MAX)
    assert s["Recent"].parts["deep_gap"] == round(5 / 180 * DEEP_GAP_MAX)
    assert "last deep conversation 90 days ago" in s["Lapsed"].reasons
    assert "no deep conversation yet (new)" in s["Never"].reasons
    assert s["Recent"].last_deep == date(2026, 12, 5)
    assert [x.contact.name for x in found] == ["LongAgo", "Lapsed", "Never", "Recent"]


def test_diversity_gained_is_relative_to_the_plan():
    inplan = Contact(name="InPlan", industry="manufacturing", function="sales", generation="40s")
    same = Contact(name="Same", industry="manufacturing", function="sales", generation="40s")
    fresh = Contact(name="Fresh", industry="biotech", function="engineering", generation="30s",
                    level="executive")
    blank = Contact(name="Blank")
    plan = FocusPlan(month="2026-12", slots=(Slot("same-industry", inplan.id), Slot("cross-industry")))
    found = suggest(book([inplan, same, fresh, blank], plans=[plan]), "2026-12", None, None, TODAY)
    s = by_name(found)
    assert "InPlan" not in s  # already in the plan
    assert s["Fresh"].parts["diversity"] == 4 * DIVERSITY_PER_DIMENSION
    assert "diversity" not in s["Same"].parts
    assert "diversity" not in s["Blank"].parts  # unknown adds nothing
    assert ("new to the plan: industry biotech, function engineering, level executive, "
            "generation 30s") in s["Fresh"].reasons


def test_an_empty_plan_gains_no_diversity_points():
    fresh = Contact(name="Fresh", industry="biotech", function="engineering")
    found = suggest(book([fresh]), "2026-12", None, None, TODAY)
    assert "diversity" not in found[0].parts
    assert not any(r.startswith("new to") for r in found[0].reasons)


def test_archived_and_planned_people_are_not_candidates_and_limit_holds():
    people = [Contact(name=f"P{i:02d}") for i in range(30)]
    people.append(Contact(name="Gone", tier="archived"))
    plan = FocusPlan(month="2026-12", slots=(Slot("other", people[0].id),))
    found = suggest(book(people, plans=[plan]), "2026-12", "other", None, TODAY, limit=7)
    names = [s.contact.name for s in found]
    assert len(names) == 7
    assert "Gone" not in names and "P00" not in names
    assert names == sorted(names)  # equal scores: name order


def test_purpose_defaults_to_the_plans():
    hiring = Contact(name="Hiring", purposes=("hiring",))
    other = Contact(name="Other", purposes=("learning",))
    plan = FocusPlan(month="2026-12", purpose="hiring", slots=(Slot("other"),))
    found = suggest(book([other, hiring], plans=[plan]), "2026-12", "other", None, TODAY)
    assert found[0].contact.name == "Hiring"
    found = suggest(book([other, hiring], plans=[plan]), "2026-12", "other", "learning", TODAY)
    assert found[0].contact.name == "Other"


def test_trust_balance_counts_and_is_explained():
    kept = Contact(name="Kept")
    broken = Contact(name="Broken")
    promises = [
        Promise(contact=kept.id, owner="me", text="intro", due="2026-11-01", status="kept",
                resolved="2026-10-30"),
        Promise(contact=broken.id, owner="me", text="deck", due="2026-11-01", status="broken",
                resolved="2026-11-05"),
    ]
    found = suggest(book([broken, kept], promises=promises), "2026-12", None, None, TODAY)
    s = by_name(found)
    assert s["Kept"].trust > 0 and s["Kept"].parts["trust"] > 0
    assert s["Broken"].trust < 0 and s["Broken"].parts["trust"] < 0
    assert any(r.startswith("trust balance +") for r in s["Kept"].reasons)
    assert any("keep your promises to them first" in r for r in s["Broken"].reasons)
    assert [x.contact.name for x in found] == ["Kept", "Broken"]
    assert found[0].to_dict()["parts"]["trust"] == s["Kept"].parts["trust"]


def test_suggestions_at_scale_are_complete():
    people = [Contact(name=f"人{i:04d}", industry=("manufacturing", "retail", "")[i % 3],
                      purposes=("hiring",) if i % 7 == 0 else ()) for i in range(5000)]
    notes = [deep(people[i], f"2026-{1 + i % 11:02d}-15") for i in range(0, 5000, 2)]
    found = suggest(book(people, notes), "2026-12", "cross-industry", "hiring", TODAY, limit=10)
    assert len(found) == 10
    top = found[0]
    assert "hiring" in top.contact.purposes and top.contact.industry == "retail"
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_one_pass_balances_equal_the_trust_report(tmp_path):
    """suggest's one-pass balances must agree with trust() for everyone."""
    from model.demo import build_demo
    from model.planning.focus import trust_balances
    from model.planning.trust import trust
    from model.store import Store

    store = Store(tmp_path / "demo.json")
    build_demo(store, TODAY)
    a, b = Contact(name="A"), Contact(name="B")
    extra_notes = [
        Interaction(date="2026-12-01", contacts=(a.id, b.id), kind="intro made", text="a to b"),
        Interaction(date="2026-12-20", contacts=(a.id,), kind="help given", text="future: not yet"),
        Interaction(date="2026-11-01", contacts=(b.id,), kind="help received", text="thanks"),
    ]
    extra_promises = [
        Promise(contact=a.id, owner="me", text="kept after today", due="2026-12-01", status="kept",
                resolved="2026-12-15"),
        Promise(contact=b.id, owner="me", text="dropped late", due="2026-11-01", status="dropped",
                resolved="2026-11-20"),
        Promise(contact=b.id, owner="them", text="theirs", due="2026-11-01", status="broken",
                resolved="2026-11-02"),
    ]
    full = Book([*store.contacts(), a, b], [*store.interactions(), *extra_notes],
                [*store.promises(), *extra_promises], store.focus_plans(), store.settings())
    for day in (TODAY, date(2026, 1, 31), date(2027, 3, 1)):
        balances = trust_balances(full, day)
        for c in full.contacts():
            assert balances.get(c.id, 0) == trust(full, c.id, day).balance, (c.name, day)
    assert any(balances.values())


def test_the_plans_purpose_counts_whatever_the_names():
    """With no purpose given, the month's plan's purpose scores (not the name order)."""
    hiring = Contact(name="Yui", purposes=("hiring",))
    other = Contact(name="Aki")
    plan = FocusPlan(month="2026-12", purpose="hiring", slots=(Slot("other"),))
    found = suggest(book([other, hiring], plans=[plan]), "2026-12", None, None, TODAY)
    assert [s.contact.name for s in found] == ["Yui", "Aki"]
    assert found[0].parts["purpose"] == PURPOSE_FIT and "purpose" not in found[1].parts


def test_equal_scores_go_by_trust_then_by_time_since_deep_then_by_name():
    """Trust beyond the cap scores no more, but ranks; then the longer since the last deep
    conversation (never counts as 90 days); the name comes last."""
    def kept(who: Contact, n: int) -> list[Promise]:
        return [Promise(contact=who.id, owner="me", text="x", due="2026-11-01", status="kept",
                        resolved="2026-10-30") for _ in range(n)]

    more, less = Contact(name="Ann"), Contact(name="Zoe")  # balances 12 and 15: both +10
    found = suggest(book([more, less], promises=kept(more, 4) + kept(less, 5)), "2026-12", None, None, TODAY)
    assert [(s.contact.name, s.score, s.trust) for s in found] == [("Zoe", 20, 15), ("Ann", 20, 12)]

    d86, never, d94 = Contact(name="Amy"), Contact(name="Bob"), Contact(name="Cy")  # all 10 points
    notes = [deep(d86, "2026-09-15"), deep(d94, "2026-09-07")]
    found = suggest(book([d86, never, d94], notes), "2026-12", None, None, TODAY)
    assert [(s.contact.name, s.score) for s in found] == [("Cy", 10), ("Bob", 10), ("Amy", 10)]


def test_ten_suggestions_unless_asked():
    people = [Contact(name=f"P{i:02d}") for i in range(12)]
    assert len(suggest(book(people), "2026-12", None, None, TODAY)) == 10


def test_no_trust_part_without_trust_entries():
    found = suggest(book([Contact(name="New")]), "2026-12", None, None, TODAY)
    assert found[0].trust == 0 and "trust" not in found[0].parts and found[0].score == DEEP_NEVER


def test_a_role_that_cannot_be_told_is_said_plainly():
    """Fit unknown (no industry recorded): no role points, and the reason is not a misfit."""
    found = suggest(book([Contact(name="Blank")]), "2026-12", "cross-industry", None, TODAY)
    assert "role" not in found[0].parts
    assert "industry not recorded" in found[0].reasons
    assert not any(r.startswith("does not fit") for r in found[0].reasons)


def test_days_since_the_deep_conversation_in_words():
    people = {n: Contact(name=f"D{n}") for n in (0, 1, 2)}
    notes = [deep(c, date.fromordinal(TODAY.toordinal() - n).isoformat()) for n, c in people.items()]
    s = by_name(suggest(book(list(people.values()), notes), "2026-12", None, None, TODAY))
    assert "deep conversation today" in s["D0"].reasons and s["D0"].parts["deep_gap"] == 0
    assert "last deep conversation 1 day ago" in s["D1"].reasons
    assert "last deep conversation 2 days ago" in s["D2"].reasons


def test_role_fit_says_why_in_words():
    own = " Food   Service "  # spaces as typed: one industry with "food service"
    peer, other = Contact(name="p", industry="food service"), Contact(name="o", industry="retail")
    assert role_fit(peer, "same-industry", own) == (1, "in your industry (food service)")
    assert role_fit(peer, "cross-industry", own) == (-1, "in your own industry (food service), not cross-industry")
    assert role_fit(other, "same-industry", own) == (-1, "in retail, not your industry")


def test_balances_add_up_per_person_and_count_todays_entries():
    """Every kept promise adds to the same person's balance; an intro made today counts."""
    from model.planning.focus import trust_balances

    a, b = Contact(name="A"), Contact(name="B")
    promises = [Promise(contact=a.id, owner="me", text="x", due="2026-11-01", status="kept",
                        resolved="2026-10-30") for _ in range(2)]
    notes = [Interaction(date=TODAY.isoformat(), contacts=(b.id,), kind="intro made", text="intro")]
    assert trust_balances(book([a, b], notes, promises), TODAY) == {a.id: 6, b.id: 3}


def test_the_suggestion_json():
    """``kizuna focus suggest --json``: the person, the score, its parts and reasons."""
    lapsed = Contact(name="Lapsed", purposes=("hiring",), industry="retail")
    found = suggest(book([lapsed], [deep(lapsed, "2026-09-11")]), "2026-12", "cross-industry", "hiring", TODAY)
    assert found[0].to_dict() == {
        "contact_id": lapsed.id, "name": "Lapsed", "score": 70,
        "parts": {"purpose": 30, "role": 30, "deep_gap": 10},
        "reasons": ["serves the purpose: hiring", "outside your industry (retail)",
                    "last deep conversation 90 days ago"],
        "last_deep": "2026-09-11", "trust": 0}
    assert suggest(book([Contact(name="New")]), "2026-12", None, None, TODAY)[0].to_dict()["last_deep"] is None
