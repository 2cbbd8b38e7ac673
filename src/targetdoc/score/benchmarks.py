"""The values behind relative targets, from a YAML file the office writes:

```yaml
全省平均水平:
  生产总值、人均地区生产总值、全员劳动生产率增速: 6.5
```

Benchmark (the words of the notice: 全省平均水平, 全市平均水平, 上年同期) → subject (as
the records name it) → value.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pydantic import RootModel

from targetdoc.datafile import load_data_file
from targetdoc.score.judge import Benchmarks


class BenchmarkFile(RootModel[dict[str, dict[str, int | float]]]):
    """What a benchmarks file holds."""


def load_benchmarks(path: Path) -> Benchmarks:
    """A benchmarks file, its values exact as written (6.5 is Decimal('6.5'))."""
    loaded = load_data_file(path, BenchmarkFile).value.root
    return {
        benchmark: {subject: Decimal(str(value)) for subject, value in values.items()}
        for benchmark, values in loaded.items()
    }
