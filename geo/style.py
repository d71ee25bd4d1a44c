"""Colours and sizes of the map, in one place."""
from __future__ import annotations

from partnerships.vocabulary import Vocabulary

# Okabe & Ito (2008), "Color Universal Design": told apart with every common colour-vision
# deficiency. Types take them in the order of the types file; a ninth type starts over.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

OCEAN = "#d7e4ec"
LAND = "#f4f1ea"
BORDER = "#a9a397"
HOME = "#1b1b1b"


def type_colors(vocabulary: Vocabulary) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(vocabulary.names)}
