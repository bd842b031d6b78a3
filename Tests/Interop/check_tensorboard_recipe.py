"""A ppo-gridworld run's TensorBoard event file holds the scalars of its metrics.jsonl.

Usage: check_tensorboard_recipe.py ARTIFACTS_DIR

The Swift suite `PPOGridworldInteropTests` trains a short run into `ARTIFACTS_DIR/ppo-gridworld/run/`.
This loads that directory with TensorBoard's own reader, `EventAccumulator(dir).Reload()`, and
proves that `charts/episodic_return` (and every other metric of `metrics.jsonl`) is present with
exactly the logged (step, value) sequence (values compared as float32, the precision TensorBoard
stores), and that the wall-clock `charts/SPS` of `timing.jsonl` is present at the same steps.
"""

import json
import math
import sys
from pathlib import Path

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def logged(path: Path) -> dict:
    """tag -> [(step, value)] of a JSON-lines metrics file (null values are skipped)."""
    series: dict = {}
    for line in path.read_text().splitlines():
        record = json.loads(line)
        step = record.pop("step")
        for tag, value in record.items():
            if value is not None:
                series.setdefault(tag, []).append((step, value))
    return series


def main(directory: Path) -> int:
    run = directory / "ppo-gridworld" / "run"
    if not (run / "metrics.jsonl").is_file():
        print(f"FAIL {run}: metrics.jsonl missing (did the Swift interop tests run?)")
        return 1
    expected = logged(run / "metrics.jsonl")
    expected.update(logged(run / "timing.jsonl"))
    accumulator = EventAccumulator(str(run), size_guidance={"scalars": 0})
    accumulator.Reload()
    tags = set(accumulator.Tags()["scalars"])
    errors = []
    for tag in ("charts/episodic_return", "charts/SPS", "losses/policy_loss", "charts/learning_rate"):
        if tag not in tags:
            errors.append(f"tag {tag!r} is missing")
    for tag, pairs in sorted(expected.items()):
        if tag not in tags:
            errors.append(f"tag {tag!r} of the JSON lines is missing")
            continue
        events = [event for event in accumulator.Scalars(tag) if not math.isnan(event.value)]
        steps = [event.step for event in events]
        if steps != [step for step, _ in pairs]:
            errors.append(f"tag {tag!r}: steps {steps[:5]}..., expected {[s for s, _ in pairs][:5]}...")
        elif not np.array_equal(np.float32([e.value for e in events]), np.float32([v for _, v in pairs])):
            errors.append(f"tag {tag!r}: values differ from the JSON lines")
    for error in errors:
        print(f"FAIL {run}: {error}")
    if not errors:
        print(f"ok   {run}: {len(expected)} tags as logged, charts/episodic_return at {len(expected['charts/episodic_return'])} steps")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
