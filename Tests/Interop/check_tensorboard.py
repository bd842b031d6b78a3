"""Prism's TensorBoard event files load in TensorBoard with exactly the scalars Prism logged.

Usage: check_tensorboard.py ARTIFACTS_DIR

The Swift suite `TensorBoardInteropTests` writes `ARTIFACTS_DIR/tensorboard/<run>/events.out.tfevents.*`
and `ARTIFACTS_DIR/tensorboard/expected.json`:
    {"runs": {"<run>": {"<tag>": [[step, value], ...]}}}
For every run this loads the directory with TensorBoard's own reader,
`EventAccumulator(dir).Reload()`, and proves that the scalar tags are exactly the expected ones
and that each tag's (step, value) sequence is exactly as expected (values compared as float32,
the precision TensorBoard stores). The "resumed" run was killed and resumed, so it also proves that
TensorBoard drops the steps the killed run logged past its checkpoint. It fails on any
difference, and when it found nothing to check.
"""

import json
import sys
from pathlib import Path

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def compare(run_dir: Path, expected: dict) -> list[str]:
    """Every difference between what TensorBoard reads in `run_dir` and `expected`, as messages."""
    accumulator = EventAccumulator(str(run_dir), size_guidance={"scalars": 0})
    accumulator.Reload()
    errors = []
    tags = set(accumulator.Tags()["scalars"])
    for tag in sorted(expected.keys() - tags):
        errors.append(f"tag {tag!r} is expected but missing")
    for tag in sorted(tags - expected.keys()):
        errors.append(f"tag {tag!r} is present but not expected")
    for tag in sorted(tags & expected.keys()):
        events = accumulator.Scalars(tag)
        steps = [event.step for event in events]
        values = np.float32([event.value for event in events])
        want_steps = [int(step) for step, _ in expected[tag]]
        want_values = np.float32([value for _, value in expected[tag]])
        if steps != want_steps:
            errors.append(f"tag {tag!r}: steps {steps}, expected {want_steps}")
        elif not np.array_equal(values, want_values):
            i = int(np.flatnonzero(values != want_values)[0])
            errors.append(f"tag {tag!r}: value at step {steps[i]} is {values[i]!r}, expected {want_values[i]!r}")
    return errors


def main(directory: Path) -> int:
    root = directory / "tensorboard"
    expected_path = root / "expected.json"
    if not expected_path.is_file():
        print(f"FAIL {expected_path}: missing (did the Swift interop tests run?)")
        return 1
    runs = json.loads(expected_path.read_text())["runs"]
    if not runs:
        print(f"FAIL {expected_path}: no runs to check")
        return 1
    failed = False
    for name, expected in sorted(runs.items()):
        run_dir = root / name
        errors = compare(run_dir, expected) if run_dir.is_dir() else [f"{run_dir} is not a directory"]
        points = sum(len(pairs) for pairs in expected.values())
        if errors:
            failed = True
            for error in errors:
                print(f"FAIL {run_dir}: {error}")
        else:
            print(f"ok   {run_dir}: {len(expected)} tags, {points} scalars as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
