"""Diversity of a set of people (A5): spread, evenness, share outside, warnings."""

from __future__ import annotations

import pytest

from model.planning.diversity import (
    OWN_NOT_SET,
    DiversityReport,
    diversity,
    evenness,
    spread,
)
from model.records import Contact, Settings

MFG = Settings(own_industry="manufacturing")


def person(name: str, industry: str = "", function: str = "", level: str = "",
           generation: str = "") -> Contact:
    return Contact(name=name, industry=industry, function=function, level=level,
                   generation=generation)


def test_spread_counts_values_folded_and_keeps_unknown_apart():
    people = [person("A", "Manufacturing"), person("B", "manufacturing "),
              person("C", "ｍａｎｕｆａｃｔｕｒｉｎｇ"), person("D", "Retail"), person("E")]
    s = spread(people, "industry")
    assert s.counts == {"Manufacturing": 3, "Retail": 1}
    assert s.unknown == 1
    assert s.known == 4 and s.distinct == 2
    assert s.top() == ("Manufacturing", 3)


def test_evenness_is_one_when_everyone_differs_and_zero_when_all_same():
    assert evenness([1, 1, 1, 1]) == 1.0
    assert evenness([4]) == 0.0
    assert evenness([]) == 0.0
    assert evenness([1]) == 0.0
    # 2+2 of 4: pairs that differ 8 of 12 ordered pairs -> 2/3
    assert evenness([2, 2]) == pytest.approx(2 / 3)


def test_unknown_never_makes_a_set_look_more_diverse():
    known_two = evenness([1, 1])
    # Two different known values plus three unknowns scores as if the
    # unknowns shared the commonest value: lower, never higher.
    with_blanks = evenness([1, 1], unknown=3)
    assert with_blanks < known_two
    assert with_blanks == evenness([4, 1])
    # Five blanks are not five categories.
    assert evenness([], unknown=5) == 0.0
    report = diversity([person(n) for n in "ABCDE"], MFG)
    assert all(s.evenness == 0.0 for s in report.spread.values())
    assert report.outside == 0 and report.outside_share == 0.0
    assert report.industry_unknown == 5


def test_article_example_four_of_five_deep_in_manufacturing():
    people = [person("A", "manufacturing"), person("B", "manufacturing"),
              person("C", "manufacturing"), person("D", "manufacturing"), person("E", "finance")]
    report = diversity(people, Settings(own_industry="finance"), "deep relationships")
    assert "4 of 5 deep relationships are in manufacturing" in report.warnings


def test_everyone_in_the_same_generation_warns():
    people = [person("A", generation="40s"), person("B", generation="40s"),
              person("C", generation="40s"), person("D", generation="40s")]
    report = diversity(people, MFG, "people in this month's focus")
    assert "all 4 people in this month's focus are in their 40s" in report.warnings


def test_dominance_phrasing_per_dimension():
    people = [person("A", "x", "sales", "executive", "30s"),
              person("B", "y", "sales", "executive", "30s")]
    warnings = diversity(people, Settings(own_industry="z"), "people").warnings
    assert "both people work in sales" in warnings
    assert "both people are executives" in warnings
    assert "both people are in their 30s" in warnings
    assert not any("industry" in w and "are in" in w for w in warnings)


def test_dominance_threshold_seventy_percent_and_three_people():
    two_of_four = [person("A", "m"), person("B", "m"), person("C", "r"), person("D", "s")]
    assert not any(" are in m" in w for w in diversity(two_of_four, Settings(own_industry="q")).warnings)
    three_of_four = [person("A", "m"), person("B", "m"), person("C", "m"), person("D", "s")]
    assert "3 of 4 people are in m" in diversity(three_of_four, Settings(own_industry="q")).warnings
    three_of_five = [person("A", "m"), person("B", "m"), person("C", "m"), person("D", "s"),
                     person("E", "t")]
    assert not any(" are in m" in w for w in diversity(three_of_five, Settings(own_industry="q")).warnings)
    three_of_six = [person(str(i), "m" if i < 3 else f"o{i}") for i in range(6)]
    assert not any(" are in m" in w for w in diversity(three_of_six, Settings(own_industry="q")).warnings)


def test_one_person_gives_no_dominance_warning():
    report = diversity([person("A", "manufacturing", generation="40s")], MFG)
    assert report.warnings == []
    assert report.inside == 1 and report.outside_share == 0.0


def test_no_one_outside_own_industry():
    people = [person("A", "Manufacturing"), person("B", "manufacturing"), person("C")]
    report = diversity(people, MFG, "deep relationships")
    assert "no one of 3 deep relationships is outside your industry (manufacturing)" in report.warnings
    assert report.inside == 2 and report.outside == 0 and report.industry_unknown == 1


def test_share_outside_counts_unknown_in_the_denominator():
    people = [person("A", "manufacturing"), person("B", "retail"), person("C"), person("D"),
              person("E", "manufacturing")]
    report = diversity(people, MFG, "deep relationships")
    assert report.outside == 1
    assert report.outside_share == pytest.approx(0.2)
    assert "only 1 of 5 deep relationships is outside your industry (manufacturing)" in report.warnings


def test_forty_percent_outside_is_enough():
    people = [person("A", "manufacturing"), person("B", "retail"), person("C", "finance"),
              person("D", "manufacturing"), person("E", "manufacturing")]
    report = diversity(people, MFG)
    assert report.outside_share == pytest.approx(0.4)
    assert not any("outside your industry" in w for w in report.warnings)


def test_own_industry_not_set_is_said_once_and_share_is_none():
    report = diversity([person("A", "x"), person("B", "y")], Settings())
    assert report.outside_share is None
    assert report.warnings.count(OWN_NOT_SET) == 1


def test_unknown_fields_are_reported_together():
    people = [person("A", "x", generation="30s"), person("B", "y"), person("C", "z")]
    warnings = diversity(people, Settings(own_industry="q"), "people").warnings
    assert "function and level not recorded for 3 of 3 people" in warnings
    assert "generation not recorded for 2 of 3 people" in warnings


def test_japanese_values_and_empty_set():
    people = [person("佐藤", "製造業"), person("田中", "製造業"), person("鈴木", "製造業")]
    report = diversity(people, Settings(own_industry="小売"), "人")
    assert "all 3 人 are in 製造業" in report.warnings
    empty = diversity([], MFG)
    assert isinstance(empty, DiversityReport)
    assert empty.size == 0 and empty.warnings == [] and empty.outside_share is None


def test_report_to_dict_is_plain_data():
    report = diversity([person("A", "m", level="staff"), person("B", "r")], MFG)
    data = report.to_dict()
    assert data["size"] == 2
    assert data["spread"]["industry"]["counts"] == {"m": 1, "r": 1}
    assert data["spread"]["level"]["unknown"] == 1
    assert data["outside_share"] == 1.0  # neither is in manufacturing
    assert data["warnings"] == report.warnings


def test_seventy_percent_exactly_is_dominant():
    people = [person(str(i), "m" if i < 7 else f"o{i}") for i in range(10)]
    assert "7 of 10 people are in m" in diversity(people, Settings(own_industry="q")).warnings


def test_own_industry_is_read_with_its_spaces_folded():
    people = [person("A", "food service"), person("B", "Food Service")]
    report = diversity(people, Settings(own_industry="  food   service "))
    assert (report.inside, report.outside, report.own_industry) == (2, 0, "food service")


def test_several_outside_are_said_in_the_plural():
    people = [person(str(i), "manufacturing" if i > 1 else f"o{i}") for i in range(6)]
    assert "only 2 of 6 people are outside your industry (manufacturing)" in diversity(people, MFG).warnings


def test_blank_fields_warn_from_half_of_two_people_and_most_blank_first():
    two = [person("A", "x", "sales", "staff", "30s"), person("B", "y", "hr", "manager")]
    assert diversity(two, Settings(own_industry="x")).warnings == ["generation not recorded for 1 of 2 people"]
    three = [person("A", "x", "sales", "staff", "30s"), person("B", "y", "hr", "manager", "40s"),
             person("C", "z", level="staff", generation="50s")]
    assert diversity(three, Settings(own_industry="x")).warnings == []  # 1 of 3: under half
    people = [person("A", "x", generation="30s"), person("B", "y"), person("C", "z")]
    warnings = diversity(people, Settings(own_industry="q"), "people").warnings
    assert warnings[-2:] == ["function and level not recorded for 3 of 3 people",
                             "generation not recorded for 2 of 3 people"]


def test_nobody_gives_no_warning_even_without_own_industry():
    assert diversity([], Settings()).warnings == []


def test_report_json_names_every_number():
    """``kizuna diversity --json``: the spread per dimension and the share outside, rounded to 3 places."""
    people = [person("A", "m", "sales"), person("B", "r", "sales"), person("C", "m")]
    data = diversity(people, MFG).to_dict()
    assert data["spread"]["industry"] == {"dimension": "industry", "counts": {"m": 2, "r": 1}, "unknown": 0,
                                          "distinct": 2, "evenness": 0.667}
    del data["spread"], data["warnings"]
    assert data == {"size": 3, "own_industry": "manufacturing", "outside_share": 1.0, "outside": 3,
                    "inside": 0, "industry_unknown": 0}
    data = diversity([person("A", "manufacturing"), person("B", "r"), person("C", "s")], MFG).to_dict()
    assert (data["outside_share"], data["inside"], data["outside"]) == (0.667, 1, 2)


def test_unknowns_join_the_commonest_value_and_ties_go_by_name():
    assert evenness([1, 3], unknown=2) == evenness([5, 1])
    people = [person("A", "retail"), person("B", "bank"), person("C")]
    s = spread(people, "industry")
    assert list(s.counts) == ["bank", "retail"]
    assert s.evenness == evenness([1, 1], unknown=1) < evenness([1, 1])
