"""Warnings beyond the schema: twice the same partner, one type spelled twice."""
from __future__ import annotations


from partnerships.checks import near_duplicate_types
from partnerships.loading import load_bytes
from partnerships.vocabulary import PartnershipType, Vocabulary
from tests.conftest import GOOD_ROWS, csv_text


def test_near_duplicate_names_are_warnings_and_stay_on_the_map(vocabulary):
    twin = GOOD_ROWS[0].replace("baoding,City of Baoding", "baoding-2,city of baoding")
    dataset = load_bytes(csv_text(GOOD_ROWS[0], twin).encode(), vocabulary)
    assert [str(p) for p in dataset.problems] == [
        "row 3, name: 'city of baoding' looks like 'City of Baoding' in row 2 (id 'baoding'); is it the same partner twice?"]
    assert dataset.problems[0].severity == "warning" and len(dataset.partners) == 2


def test_near_duplicate_types_in_the_types_file():
    vocabulary = Vocabulary((PartnershipType("Friendship city", ""), PartnershipType("Friendship City", "")))
    assert [p.message for p in near_duplicate_types(vocabulary)] == [
        "the types file lists 'Friendship City' beside 'Friendship city'; keep one spelling"]
