"""Lineage hashing and RFC 8785 canonical JSON: the shared vectors (the Java suite reads the same file), the number
formatting and key ordering JCS prescribes, and what cannot be canonicalised."""

from __future__ import annotations

import json
import math

import pytest

from _vectors import load
from modelreg.jcs import canonicalize, format_number
from modelreg.lineage import canonical_lineage, lineage_hash

VECTORS = load("lineage-vectors.json")


def _args(vector):
    body = json.loads(vector["input_json"])
    return (body["code_commit"], body["feature_graph_hash"], body["data_window"], body.get("hyperparams"),
            vector["parents"])


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda v: v["name"])
def test_every_vector_canonicalises_and_hashes_as_written_by_hand(vector):
    assert canonical_lineage(*_args(vector)) == vector["canonical"]
    assert lineage_hash(*_args(vector)) == vector["lineage_hash"]


@pytest.mark.parametrize("vector", VECTORS["invalid"], ids=lambda v: v["name"])
def test_every_invalid_vector_is_refused_naming_its_field(vector):
    with pytest.raises(ValueError) as refused:
        lineage_hash(*_args(vector))
    assert str(refused.value).startswith(vector["field"] + ":")


def test_the_shared_file_has_the_edge_cases_the_issue_asks_for():
    canonical = "".join(v["canonical"] for v in VECTORS["vectors"])
    for written in ('"lr":1,', "1e+21", '"neg":0', "5e-324", "\U0001D11E", "\u00e9"):
        assert written in canonical
    assert any(v["input_json"].count("[") >= 30 for v in VECTORS["vectors"])


def test_parent_order_does_not_change_the_hash():
    a, b = "a" * 64, "b" * 64
    window = ("2020-01-01", "2020-12-31")
    assert lineage_hash("abcdef1", "1234567", window, None, [a, b]) == lineage_hash("abcdef1", "1234567", window,
                                                                                     None, [b, a])


def test_a_different_feature_graph_is_a_different_identity():
    window = ("2020-01-01", "2020-12-31")
    assert lineage_hash("abcdef1", "1234567", window) != lineage_hash("abcdef1", "1234568", window)


@pytest.mark.parametrize("number, written", [
    (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
    (5e-324, "5e-324"), (-5e-324, "-5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    (1e-6, "0.000001"), (1e-7, "1e-7"), (123456789012345680000, "123456789012345680000"),
    (2 ** 53 + 1, "9007199254740992"), (0.1 + 0.2, "0.30000000000000004"), (4.5e15, "4500000000000000"),
    (1.25e-5, "0.0000125"), (9.999999999999997e22, "9.999999999999997e+22"),
])
def test_numbers_are_written_as_ecmascript_writes_them(number, written):
    assert format_number(number) == written


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 10 ** 400])
def test_numbers_json_cannot_hold_are_refused(value):
    with pytest.raises(ValueError):
        canonicalize({"x": value})


def test_keys_sort_by_utf16_code_units_not_code_points():
    # U+1D11E is D834 DD1E in UTF-16, so it sorts before U+E000 although its code point is larger.
    assert canonicalize({"\ue000": 1, "\U0001D11E": 2, "z": 3}) == '{"z":3,"\U0001D11E":2,"\ue000":1}'


def test_only_controls_quote_and_backslash_are_escaped():
    assert canonicalize(["\u0000\u001f\"\\/\u007f\u2028é😀\b\t\n\f\r"]) == \
        '["\\u0000\\u001f\\"\\\\/\u007f\u2028é😀\\b\\t\\n\\f\\r"]'


@pytest.mark.parametrize("value", [{1: "int key"}, {"x": object()}, {"x": b"bytes"}, {"x": {1, 2}}])
def test_what_is_not_json_is_refused(value):
    with pytest.raises(TypeError):
        canonicalize(value)


@pytest.mark.parametrize("value", ["\ud800", {"\udfff": 1}])
def test_lone_surrogates_are_refused(value):
    with pytest.raises(ValueError):
        canonicalize(value)


def test_booleans_are_not_numbers_and_tuples_are_arrays():
    assert canonicalize({"t": True, "f": False, "n": None, "tuple": (1, 2.5)}) == \
        '{"f":false,"n":null,"t":true,"tuple":[1,2.5]}'


def test_hyperparams_must_be_an_object():
    with pytest.raises(ValueError):
        lineage_hash("abcdef1", "1234567", ("2020-01-01", "2020-12-31"), ["not", "an", "object"])  # type: ignore
