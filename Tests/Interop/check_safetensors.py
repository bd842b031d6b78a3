"""Prism's safetensors checkpoints load in Python's `safetensors` exactly as Prism wrote them.

Usage: check_safetensors.py ARTIFACTS_DIR

The Swift suite `InteropArtifactTests` writes, for each checkpoint, `<name>.safetensors` and a
sibling `<name>.expected.json`:
    {"tensors": {"<tensor>": {"shape": [..], "values": [..]}}, "metadata": {"<key>": "<value>"}}
For every such pair this proves that `safetensors.numpy.load_file` returns the same set of tensor
names, each with the same shape, dtype float32 and the same values (the JSON decimals round-trip
Float32 exactly, so the comparison is exact, NaN equal to NaN), and that
`safe_open(path, "np").metadata()` returns the same metadata. It fails on any difference, when an
expected JSON has no checkpoint beside it, and when it found nothing to check at all.
"""

import json
import sys
from pathlib import Path

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file


def compare(path: Path, expected: dict) -> list[str]:
    """Every difference between the checkpoint at `path` and `expected`, as messages."""
    errors = []
    tensors = load_file(str(path))
    wanted = expected["tensors"]
    for name in sorted(wanted.keys() - tensors.keys()):
        errors.append(f"tensor {name!r} is expected but missing")
    for name in sorted(tensors.keys() - wanted.keys()):
        errors.append(f"tensor {name!r} is present but not expected")
    for name in sorted(wanted.keys() & tensors.keys()):
        actual, shape = tensors[name], tuple(wanted[name]["shape"])
        values = np.float32(wanted[name]["values"])  # float64 parse, then Float32: exact
        if actual.dtype != np.float32:
            errors.append(f"tensor {name!r}: dtype {actual.dtype}, expected float32")
        elif actual.shape != shape:
            errors.append(f"tensor {name!r}: shape {list(actual.shape)}, expected {list(shape)}")
        elif values.size != actual.size:
            errors.append(f"tensor {name!r}: expected JSON has {values.size} values for shape {list(shape)}")
        elif not np.array_equal(actual.reshape(-1), values, equal_nan=True):
            flat = actual.reshape(-1)
            differ = np.flatnonzero(~((flat == values) | (np.isnan(flat) & np.isnan(values))))
            i = int(differ[0])
            errors.append(f"tensor {name!r}: {differ.size} of {values.size} values differ, "
                          f"first at flat index {i}: read {flat[i]!s}, expected {values[i]!s}")
    with safe_open(str(path), "np") as file:
        metadata = file.metadata() or {}  # None when the file has no __metadata__
    if metadata != (expected.get("metadata") or {}):
        errors.append(f"metadata {metadata}, expected {expected.get('metadata')}")
    return errors


def main(directory: Path) -> int:
    if not directory.is_dir():
        print(f"FAIL {directory}: not a directory")
        return 1
    checked, failed = 0, False
    for json_path in sorted(directory.glob("*.expected.json")):
        path = directory / (json_path.name.removesuffix(".expected.json") + ".safetensors")
        if not path.exists():
            print(f"FAIL {path.name}: missing, though {json_path.name} expects it")
            failed = True
            continue
        try:
            expected = json.loads(json_path.read_text())
            errors = compare(path, expected)
        except Exception as error:  # a file that does not load is a failure of this check
            errors = [f"cannot be read: {type(error).__name__}: {error}"]
        for message in errors:
            print(f"FAIL {path.name}: {message}")
        if errors:
            failed = True
        else:
            print(f"ok {path.name}: {len(expected['tensors'])} tensors")
        checked += 1
    for path in sorted(directory.glob("*.safetensors")):
        if not path.with_name(path.name.removesuffix(".safetensors") + ".expected.json").exists():
            print(f"skip {path.name}: no expected JSON beside it")
    if checked == 0:
        print(f"FAIL {directory}: no <name>.safetensors + <name>.expected.json pair to check")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    sys.exit(main(Path(sys.argv[1])))
