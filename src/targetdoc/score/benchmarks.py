"""The values behind relative targets, from a YAML file the office writes:

```yaml
全省平均水平:
  生产总值、人均地区生产总值、全员劳动生产率增速: 6.5
```

Benchmark (the words of the notice: 全省平均水平, 全市平均水平, 上年同期) → subject (as
the records name it) → value; ``targetdoc score NOTICE --template DIR`` writes every key.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, RootModel
from pydantic_core import PydanticCustomError

from targetdoc.datafile import load_data_file
from targetdoc.score.judge import Benchmarks


def _finite(value: float) -> float:
    """YAML's .nan and .inf are floats, and no benchmark a target can be judged against."""
    if not math.isfinite(value):
        raise PydanticCustomError("finite", "a number, not {value}", {"value": str(value)})
    return value


class BenchmarkFile(
    RootModel[dict[str, dict[str, Annotated[int | float, AfterValidator(_finite)] | None]]]
):
    """What a benchmarks file holds: a subject left empty (``score --template`` writes
    them so) has no value yet."""


def load_benchmarks(path: Path) -> Benchmarks:
    """A benchmarks file, its values exact as written (6.5 is Decimal('6.5'))."""
    loaded = load_data_file(path, BenchmarkFile).value.root
    return {
        benchmark: {
            subject: Decimal(str(value)) for subject, value in values.items() if value is not None
        }
        for benchmark, values in loaded.items()
    }
