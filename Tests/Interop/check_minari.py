"""Loads Prism-written Minari datasets with Minari and compares every episode array.

Usage: python3 check_minari.py ARTIFACT_DIR

Reads `ARTIFACT_DIR/minari/expected.json` (written by the Swift suite
`StorageInteropArtifactTests` with PRISM_INTEROP_DIR set), opens each dataset with
`minari.MinariDataset("<dir>/data")` and compares observations (Dict keys, Box arrays, Discrete
ints, Text strings), actions, rewards, terminations, truncations and infos of every episode
exactly, and infos (nested groups, float64/int64/bool/string columns) with their dtypes. Checks
that `terminations`/`truncations` come back as numpy bool. Then loads every dataset that the Swift
crash test's SIGKILLed writers left (`ARTIFACT_DIR/minari-crash/expected.json`) and checks that
each holds, loadable, at least the episodes reported finished before the kill. Exits non-zero on
any mismatch or when no dataset is found.
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np
from minari import MinariDataset


def compare(name: str, stored, expected, failures: list[str]) -> None:
    """Compares a stored column (dict, array or list of str) with its expected JSON form."""
    if isinstance(expected, dict):
        if not isinstance(stored, dict) or set(stored) != set(expected):
            failures.append(f"{name}: keys {sorted(stored) if isinstance(stored, dict) else type(stored)} != {sorted(expected)}")
            return
        for key in expected:
            compare(f"{name}/{key}", stored[key], expected[key], failures)
        return
    if expected and isinstance(expected[0], str):
        values = [s.decode("utf-8") if isinstance(s, bytes) else s for s in stored]
        if list(values) != expected:
            failures.append(f"{name}: text differs ({len(values)} vs {len(expected)} entries)")
        return
    array = np.asarray(stored)
    want = np.asarray(expected, dtype=np.float64).reshape(len(expected), -1) if expected else np.zeros((0, 1))
    got = array.astype(np.float64).reshape(len(array), -1) if len(array) else np.zeros((0, 1))
    if got.shape != want.shape or not np.array_equal(got, want):
        failures.append(f"{name}: arrays differ (shape {got.shape} vs {want.shape})")


NUMPY_KINDS = {"float64": np.float64, "int64": np.int64, "bool": np.bool_}


def compare_infos(name: str, stored, expected: dict, failures: list[str]) -> None:
    """Compares Minari's (nested) infos dict with Swift's typed form, dtypes included."""
    if not isinstance(stored, dict) or set(stored) != set(expected):
        failures.append(f"{name}: keys {sorted(stored) if isinstance(stored, dict) else type(stored)} != {sorted(expected)}")
        return
    for key, want in expected.items():
        path = f"{name}/{key}"
        if "group" in want:
            compare_infos(path, stored[key], want["group"], failures)
        elif want["dtype"] == "string":
            values = [s.decode("utf-8") if isinstance(s, bytes) else str(s) for s in stored[key]]
            if values != want["values"]:
                failures.append(f"{path}: {values[:3]}... != {want['values'][:3]}...")
        else:
            array = np.asarray(stored[key])
            expected_array = np.asarray(want["values"], dtype=NUMPY_KINDS[want["dtype"]])
            if array.dtype != expected_array.dtype:
                failures.append(f"{path}: dtype {array.dtype}, expected {expected_array.dtype}")
            elif array.shape != expected_array.shape or not np.array_equal(array, expected_array):
                failures.append(f"{path}: values differ (shape {array.shape} vs {expected_array.shape})")


def check_killed_datasets(root: str) -> tuple[int, list[str]]:
    """Loads every dataset a SIGKILLed writer left (`minari-crash/expected.json`): each must open
    with Minari and hold at least the episodes reported finished before the kill, all loadable."""
    path = os.path.join(root, "minari-crash", "expected.json")
    if not os.path.exists(path):
        return 0, [f"no {path} (the Swift crash test writes it when PRISM_INTEROP_DIR is set)"]
    with open(path) as handle:
        rounds = json.load(handle)["rounds"]
    failures: list[str] = []
    for entry in rounds:
        label = f"killed writer {entry['path']}"
        try:
            dataset = MinariDataset(os.path.join(root, "minari-crash", entry["path"], "data"))
            if dataset.total_episodes < entry["reported"]:
                failures.append(f"{label}: {dataset.total_episodes} episodes, {entry['reported']} were reported finished")
            steps = 0
            for episode in dataset.iterate_episodes():
                steps += len(episode.actions)
                if len(episode.rewards) != len(episode.actions) or episode.terminations.dtype != np.bool_:
                    failures.append(f"{label}/episode_{episode.id}: inconsistent arrays")
            if steps != dataset.total_steps:
                failures.append(f"{label}: episodes hold {steps} steps, metadata says {dataset.total_steps}")
        except Exception as error:  # any failure to load is the finding
            failures.append(f"{label}: {type(error).__name__}: {error}")
    print(f"killed writers: {len(rounds)} datasets loaded with Minari")
    return len(rounds), failures


def check_dataset(root: str, entry: dict) -> list[str]:
    """Every mismatch between one Minari-loaded dataset and its expected episodes."""
    failures: list[str] = []
    dataset = MinariDataset(os.path.join(root, entry["path"]))
    episodes = entry["episodes"]
    label = entry["dataset_id"]
    if dataset.total_episodes != len(episodes):
        failures.append(f"{label}: {dataset.total_episodes} episodes, expected {len(episodes)}")
    if dataset.total_steps != entry["total_steps"]:
        failures.append(f"{label}: {dataset.total_steps} steps, expected {entry['total_steps']}")
    for index, (episode, want) in enumerate(zip(dataset.iterate_episodes(), episodes)):
        name = f"{label}/episode_{index}"
        if episode.id != index:
            failures.append(f"{name}: id {episode.id}")
        for key in ("observations", "actions"):
            compare(f"{name}/{key}", getattr(episode, key), want[key], failures)
        if episode.rewards.dtype != np.float64 or not np.array_equal(episode.rewards, np.asarray(want["rewards"])):
            failures.append(f"{name}/rewards: {episode.rewards.dtype} {episode.rewards} != {want['rewards']}")
        for key in ("terminations", "truncations"):
            flags = getattr(episode, key)
            if flags.dtype != np.bool_:
                failures.append(f"{name}/{key}: dtype {flags.dtype}, expected numpy bool")
            if flags.tolist() != want[key]:
                failures.append(f"{name}/{key}: {flags.tolist()} != {want[key]}")
        compare_infos(f"{name}/infos", episode.infos, want["infos"], failures)
    sampled = dataset.sample_episodes(1)
    if len(sampled) != 1:
        failures.append(f"{label}: sample_episodes(1) returned {len(sampled)}")
    print(f"{label}: {dataset.total_episodes} episodes, {dataset.total_steps} steps, "
          f"observation space {dataset.observation_space}, action space {dataset.action_space}")
    return failures


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = os.path.join(sys.argv[1], "minari")
    expected_path = os.path.join(root, "expected.json")
    if not os.path.exists(expected_path):
        print(f"check_minari: no {expected_path} (run the Swift interop tests with PRISM_INTEROP_DIR)", file=sys.stderr)
        return 1
    with open(expected_path) as handle:
        datasets = json.load(handle)["datasets"]
    if not datasets:
        print("check_minari: expected.json lists no datasets", file=sys.stderr)
        return 1
    failures: list[str] = []
    for entry in datasets:
        failures += check_dataset(root, entry)
    killed, crash_failures = check_killed_datasets(sys.argv[1])
    failures += crash_failures
    for failure in failures:
        print("MISMATCH", failure, file=sys.stderr)
    print(f"check_minari: {len(datasets)} datasets and {killed} killed-writer datasets, {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
