"""Years in which nothing happens, drawn short on the timeline."""
from __future__ import annotations

import pytest

from partnerships.yearscale import MIN_QUIET, QUIET_LABEL, YearScale

SHIPPED = YearScale.around(2007, 2027, [2007, 2010, 2011, 2012, 2013, 2014, 2026])


@pytest.mark.parametrize(("first", "last", "matter", "quiet"), [
    (2007, 2027, [2007, 2010, 2011, 2012, 2013, 2014, 2026], ((2015, 2026),)),  # 2008–2009: too short
    (2000, 2010, [2000, 2009], ((2001, 2009),)),
    (2000, 2010, [2000, 2004, 2009], ((2005, 2009),)),  # 2001–2003: three years, drawn as they are
    (2000, 2010, [2000, 2005, 2009], ((2001, 2005),)),
    (2000, 2012, [2000], ((2001, 2012),)),  # quiet up to the end
    (2000, 2001, [2000], ()),
])
def test_quiet_stretches_are_runs_of_at_least_four_years_with_nothing_in_them(first, last, matter, quiet):
    assert MIN_QUIET == 4
    assert YearScale.around(first, last, matter).quiet == quiet


def test_years_before_a_quiet_stretch_stay_where_they_are_and_those_after_move_up():
    assert list(SHIPPED.at([2007, 2014, 2014.5, 2015, 2026, 2026.75, 2027])) == [
        2007, 2014, 2014.5, 2015, 2016, 2016.75, 2017]
    assert SHIPPED.span == (2007, 2017)
    assert SHIPPED.at(2020.5) == pytest.approx(2015 + 5.5 / 11)  # straight through, shortened


def test_ticks_and_their_labels():
    assert SHIPPED.ticks(1) == list(range(2007, 2017))
    assert SHIPPED.ticks(5) == [2010, 2015]  # 2010, and where the quiet stretch begins
    labels = SHIPPED.labels()
    assert labels["2014"] == "2014" and labels["2015"] == QUIET_LABEL and labels["2016"] == "2026"
    assert set(labels) == {str(p) for p in SHIPPED.ticks(1)}


def test_nothing_quiet_is_the_identity():
    scale = YearScale.around(2010, 2014, [2010, 2013])
    assert scale.quiet == () and list(scale.at([2010, 2012.5, 2014])) == [2010, 2012.5, 2014]
    assert scale.labels() == {str(y): str(y) for y in range(2010, 2014)}
