"""Reads a Prism preference file with h5py and compares it with what Swift wrote.

Usage: python3 check_preferences.py ARTIFACT_DIR

Expects `preferences.h5` and `preferences.pairs.json` (written by the Swift test
`PreferenceInteropArtifactTests` with PRISM_INTEROP_DIR set). Checks the file attributes
`format` and `version`, that every column has one row per pair, and every value. Exits non-zero
on any mismatch or when the artifact is missing.
"""
import json
import math
import os
import sys

import h5py

STRINGS = ("prompt", "chosen", "rejected", "source")
NUMBERS = ("chosen_score", "rejected_score", "seed")


def main() -> int:
    directory = sys.argv[1] if len(sys.argv) > 1 else ""
    path = os.path.join(directory, "preferences.h5")
    expected_path = os.path.join(directory, "preferences.pairs.json")
    if not (os.path.isfile(path) and os.path.isfile(expected_path)):
        print(f"FAIL: {path} or its expected JSON is missing")
        return 1
    expected = json.load(open(expected_path))["pairs"]
    problems = []
    with h5py.File(path, "r") as f:
        if f.attrs.get("format") not in ("prism-preferences", b"prism-preferences"):
            problems.append(f"attribute format is {f.attrs.get('format')!r}")
        if int(f.attrs.get("version", -1)) != 1:
            problems.append(f"attribute version is {f.attrs.get('version')!r}")
        for column in STRINGS + NUMBERS:
            if column not in f:
                problems.append(f"dataset {column} is missing")
                continue
            values = f[column].asstr()[()] if column in STRINGS else f[column][()]
            if len(values) != len(expected):
                problems.append(f"{column}: {len(values)} rows, expected {len(expected)}")
                continue
            for row, (got, pair) in enumerate(zip(values, expected)):
                want = pair[column]
                same = got == want if column in STRINGS else math.isclose(float(got), float(want), abs_tol=0)
                if not same:
                    problems.append(f"{column}[{row}]: {got!r} != {want!r}")
    for problem in problems:
        print(f"FAIL preferences.h5: {problem}")
    if not problems:
        print(f"ok preferences.h5: {len(expected)} pairs, columns {', '.join(STRINGS + NUMBERS)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
