"""The development corpus (tests/corpus/): no rate falls below the one RESULTS.md records.

Each document is in the shape of a real one of the family and has its expected records
beside it, written by reading it; ``make corpus`` prints the rates and records them.
"""

from __future__ import annotations

import sys

import pytest

from conftest import CORPUS

sys.path.insert(0, str(CORPUS))
import measure


@pytest.fixture(scope="module")
def rates() -> dict[str, dict[str, float]]:
    shapes, total = measure.measure_all()
    found = {name: tally.rates() for name, tally in shapes.items()}
    found["all"] = total.rates()
    return found


def test_the_corpus_holds_documents_of_many_shapes() -> None:
    shapes = {shape for shape, _ in measure.documents()}
    assert len(measure.documents()) >= 20
    assert len(shapes) >= 8


@pytest.mark.parametrize("shape", sorted(measure.recorded()))
def test_no_rate_falls_below_the_recorded_one(
    rates: dict[str, dict[str, float]], shape: str
) -> None:
    recorded = measure.recorded()[shape]
    assert shape in rates, f"{shape}: no documents"
    fallen = {
        rate: (rates[shape][rate], value)
        for rate, value in recorded.items()
        if rates[shape][rate] < value
    }
    assert not fallen, f"{shape}: rates (now, recorded) fell: {fallen}"


def test_a_document_read_as_expected_scores_full_marks() -> None:
    path = CORPUS.parent / "notices" / "rubric.txt"
    # The rubric shape of tests/notices/, measured against records written by reading it.
    expected = {
        "units": [
            {
                "name": "村级",
                "items": [
                    {
                        "number": 1,
                        "text": "民主集中制坚持集体领导，重大事项集体研究决定",
                        "points": 1,
                    },
                    {"number": 2, "text": "组织生活", "points": 4},
                    {"number": 1, "text": "组织领导", "points": 5},
                    {"number": 2, "text": "阵地建设", "points": 5},
                    {"number": 3, "text": "议事规则；未按时完成的扣1分", "points": 6},
                    {
                        "number": 1,
                        "text": "完成年度任务的记3分",
                        "points": 3,
                        "responsible": ["市农业农村局"],
                    },
                    {
                        "number": 2,
                        "text": "达87%以上计7分，每低3个百分点扣0.5分",
                        "points": 7,
                        "responsible": ["市农业农村局"],
                    },
                    {
                        "number": 3,
                        "text": "新建村级文化广场1个",
                        "points": 64,
                        "responsible": ["区财政局", "区税务局"],
                    },
                    {"number": 4, "text": "网格化管理", "points": 5},
                ],
            }
        ]
    }
    tally = measure.compare(path, expected)
    assert tally.misses == []
    assert (tally.items, tally.delimited, tally.points_right) == (9, 9, 9)
    assert (tally.responsible, tally.responsible_right) == (3, 3)
