"""Colours, shapes and sizes of the map, in one place."""
from __future__ import annotations

from dataclasses import dataclass

from partnerships.vocabulary import Vocabulary

# Okabe & Ito (2008), "Color Universal Design": told apart with every common colour-vision
# deficiency. Types take them in the order of the types file; a ninth type starts over.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

# Colour is never the only sign of a type (WCAG 1.4.1): each also has its own marker shape,
# drawn on the map and in the legend by assets/partner_map.js, which knows every name here.
SHAPES = ("circle", "square", "triangle", "diamond", "pentagon", "star", "hexagon", "triangle-down")

OCEAN = "#d7e4ec"
LAND = "#f4f1ea"
BORDER = "#a9a397"
HOME = "#1b1b1b"


@dataclass(frozen=True)
class TypeStyle:
    """How one partnership type looks: its colour and its marker shape."""

    color: str
    shape: str


def type_styles(vocabulary: Vocabulary) -> dict[str, TypeStyle]:
    """Each type's colour and shape, given in the order of the types file.

    Both lists have eight entries. From the ninth type on, the shape moves one place further
    each time the colours start over, so no two of the first 64 types look alike.
    """
    return {name: TypeStyle(PALETTE[i % len(PALETTE)], SHAPES[(i + i // len(PALETTE)) % len(SHAPES)])
            for i, name in enumerate(vocabulary.names)}


def type_colors(vocabulary: Vocabulary) -> dict[str, str]:
    return {name: look.color for name, look in type_styles(vocabulary).items()}
