"""The scripted tour: an ordered list of stops kept beside the partners (`tour.csv`).

Columns: `partner` (an id), `year` (optional: the year the map shows at that stop),
`caption_en`, `caption_da`. Without the file the tour is every partnership in the order
it began; a stop naming an unknown partner is left out with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partnerships.characters import shown
from partnerships.i18n import LANGUAGES
from partnerships.messages import said
from partnerships.opening import read_limited
from partnerships.problems import WARNING, DataFileError, Problem
from partnerships.reading import read_table
from partnerships.schema import parse_year
from partnerships.vocabulary import companion_problems

PARTNER, YEAR, CAPTION = "partner", "year", "caption"  # caption_en, caption_da, …: one per language


@dataclass(frozen=True)
class Stop:
    partner: str
    year: int | None
    captions: dict[str, str]

    def as_json(self) -> dict:
        return {"id": self.partner, "year": self.year, "caption": self.captions}


def load_tour(path: Path, partner_ids: set[str]) -> tuple[list[Stop], list[Problem]]:
    """The stops of the tour file in order, and what was wrong with it; none if it is absent."""
    try:
        frame, read_problems = read_table(read_limited(path), known=(PARTNER, YEAR, *(f"{CAPTION}_{lang}" for lang in LANGUAGES)))
    except FileNotFoundError:
        return [], []
    except OSError as err:
        reason = err.strerror or type(err).__name__  # not str(err): it holds the server's path
        return [], [Problem(None, None, said("tour_unusable", file=path.name, reason=reason), WARNING)]
    except DataFileError as err:
        return [], [Problem(None, None, said("tour_unusable", file=path.name, reason=err.said), WARNING)]
    if PARTNER not in frame:
        return [], [Problem(None, None, said("tour_needs_column", file=path.name, column=PARTNER), WARNING)]
    years = parse_year(frame[YEAR]) if YEAR in frame else None
    stops, problems = [], list(companion_problems(read_problems, path))
    for row in frame.index:
        partner = frame.at[row, PARTNER]
        if partner not in partner_ids:
            problems.append(Problem(int(row), PARTNER, said("tour_unknown_partner", partner=partner), WARNING))
            continue
        year = None if years is None or years.isna()[row] else int(years[row])
        captions = {lang: shown(frame.at[row, f"{CAPTION}_{lang}"]) for lang in LANGUAGES
                    if f"{CAPTION}_{lang}" in frame and frame.at[row, f"{CAPTION}_{lang}"]}
        stops.append(Stop(partner, year, captions))
    return stops, problems
