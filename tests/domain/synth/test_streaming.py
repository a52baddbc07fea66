"""Persons are written chunk by chunk, with memory that does not grow with the size."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

# Runs ``generate`` in a fresh interpreter, logs every append to a CSV file (file,
# rows so far, bytes on disk) and reports the peak resident set size.
SCRIPT = r"""
import json, resource, sys
from pathlib import Path
from doorstroom.domain.synth import generate, writer

log = []
append = writer.CsvSink.write

def logged(self, **values):
    append(self, **values)
    self._handle.flush()
    log.append([self.path.name, self.rows, self.path.stat().st_size])

writer.CsvSink.write = logged
summary = generate(Path(sys.argv[1]), persons=int(sys.argv[2]), seed=1)
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"peak_mib": peak_kib / 1024, "log": log, "spells": summary.employment}))
"""


def _run(folder: Path, persons: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder), str(persons)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_chunks_are_written_incrementally_in_bounded_memory(tmp_path: Path) -> None:
    small = _run(tmp_path / "small", 50_000)
    large = _run(tmp_path / "large", 200_000)

    persons = [entry for entry in large["log"] if entry[0] == "persons.csv"]
    assert [rows for _, rows, _ in persons] == [50_000, 100_000, 150_000, 200_000]
    employment = [entry for entry in large["log"] if entry[0] == "employment.csv"]
    assert len(employment) == 4
    sizes = [size for _, _, size in employment]
    assert sizes == sorted(sizes) and sizes[0] > 0
    # each chunk adds about a quarter of the spells
    assert 0.2 * large["spells"] < employment[0][1] < 0.3 * large["spells"]

    # four times the persons, about the same peak memory: nothing accumulates
    assert large["peak_mib"] < small["peak_mib"] * 1.25 + 64
    assert large["peak_mib"] < 1024
