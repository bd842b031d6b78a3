"""Prism's speed as ratios against its references, measured back to back in one sitting.

usage: bench_ratios.py REF_DIR PRISM_BENCH PYTHON [THREADS ...]

REF_DIR holds the reference programs (torch_bench.py, sgemm_bench.c, h5_bench.c); PRISM_BENCH is
the prism-bench executable; PYTHON runs torch_bench.py (a virtual environment with torch). For
each thread count it runs prism-bench and PyTorch, then the C OpenBLAS and C HDF5 programs, and
prints every workload's Prism/reference ratio next to its goal. Time ratios: lower is better.
The HDF5 workloads are compared twice: with the reference's own C program (a simpler layout) and
with Tests/Bench/h5_minari_layout.c, the C library writing exactly the layout Prism writes.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

TORCH = {  # prism-bench workload -> torch_bench.py key
    "ppo-minibatch": "ppo_minibatch_256",
    "ppo-update": "ppo_full_update_4x8x256",
    "lm-train-step": "lm_train_step_b32_t64",
    "dpo-step": "dpo_step_16pairs_t64",
}
GOALS = {  # (workload, threads) -> largest acceptable Prism/PyTorch time ratio
    ("ppo-minibatch", 1): 0.35, ("ppo-update", 1): 0.35,
    ("lm-train-step", 1): 0.77, ("dpo-step", 1): 0.77,
    ("lm-train-step", 2): 0.80, ("dpo-step", 2): 0.80,
}


def run(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"bench-ratios: {' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def prism_rows(bench, workloads, threads):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    text = run([bench, *workloads, "--threads", str(threads)], env)
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def torch_medians(python, ref, threads):
    text = run([python, os.path.join(ref, "torch_bench.py"), str(threads)])
    line = next(l for l in text.splitlines() if l.startswith("# json "))
    data = json.loads(line[len("# json "):])
    return data, {w: data[k]["median_ms"] for w, k in TORCH.items() if k in data}


def row(name, prism, reference, ratio, goal, better="lower"):
    met = "" if goal is None else ("met" if (ratio <= goal if better == "lower" else ratio >= goal) else "MISSED")
    goal_text = "" if goal is None else ("≤ " if better == "lower" else "≥ ") + f"{goal:g}"
    print(f"| {name} | {prism} | {reference} | {ratio:.3f} | {goal_text} | {met} |")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    ref, bench, python = sys.argv[1:4]
    thread_counts = [int(t) for t in sys.argv[4:]] or [1, 2]
    work = tempfile.mkdtemp(prefix="prism-bench-ratios-")
    print("| workload | Prism | reference | ratio | goal | |")
    print("|---|---|---|---|---|---|")
    for threads in thread_counts:
        rows = prism_rows(bench, list(TORCH), threads)
        data, medians = torch_medians(python, ref, threads)
        for r in rows:
            w = r["workload"]
            if w in medians:
                row(f"{w}, {threads} thread(s), {r['blas_core']}", f"{r['median_ms']:.3f} ms",
                    f"{medians[w]:.3f} ms (torch {data['torch']})", r["median_ms"] / medians[w], GOALS.get((w, threads)))
    # sgemm against the C program on the same OpenBLAS, 1 thread, n = 512
    sgemm = os.path.join(work, "sgemm_bench")
    run(["gcc", "-O2", "-o", sgemm, os.path.join(ref, "sgemm_bench.c"), "-lopenblas"])
    prism = {r["n"]: r for r in prism_rows(bench, ["sgemm"], 1) if r["threads"] == 1}
    # The C program loads OpenBLAS itself: give it the kernel Prism chose, so both run the same one.
    core = prism[512]["blas_core"]
    c_text = run([sgemm, "1", "5"], dict(os.environ, OPENBLAS_CORETYPE=core, OPENBLAS_NUM_THREADS="1"))
    c_gflops = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^\s+(\d+)\s+([\d.]+)", c_text, re.M)}
    row(f"sgemm n=512, 1 thread, {core}", f"{prism[512]['gflops']:.1f} GF/s", f"{c_gflops[512]:.1f} GF/s (C)",
        prism[512]["gflops"] / c_gflops[512], 0.85, better="higher")
    # HDF5 against the C library, Minari's group-per-episode layout
    h5 = os.path.join(work, "h5_bench")
    run(["gcc", "-O2", "-I/usr/include/hdf5/serial", "-o", h5, os.path.join(ref, "h5_bench.c"), "-lhdf5_serial"])
    h5_text = run([h5, work, "5"])
    c_seconds = {m.group(1): float(m.group(2)) for m in re.finditer(r"^groups\s+(\w+)\S*\s.*?median ([\d.]+) s", h5_text, re.M)}
    storage = {r["workload"]: r["median_ms"] / 1000 for r in prism_rows(bench, ["hdf5-write", "hdf5-write-bulk", "hdf5-read"], 1)}
    for workload, kind, goal in [("hdf5-write-bulk", "write", 1.3), ("hdf5-read", "read_all_episodes", 1.3), ("hdf5-write", "write", 2.0)]:
        if kind in c_seconds:
            row(f"{workload} (C: contiguous, 2 attributes)", f"{storage[workload]:.3f} s", f"{c_seconds[kind]:.3f} s (C {kind})",
                storage[workload] / c_seconds[kind], goal)
    # The same against C writing and reading exactly the layout Prism writes (Minari's: chunked
    # datasets with maxshape None, eight attributes, an infos group), from this repository.
    same = os.path.join(work, "h5_minari_layout")
    here = os.path.dirname(os.path.abspath(__file__))
    run(["gcc", "-O2", "-I/usr/include/hdf5/serial", "-o", same, os.path.join(here, "h5_minari_layout.c"), "-lhdf5_serial"])
    same_text = run([same, work, "5"])
    same_seconds = {m.group(1): float(m.group(2)) for m in re.finditer(r"^minari-layout\s+(\w+)\s+median ([\d.]+) s", same_text, re.M)}
    for workload, kind, goal in [("hdf5-write-bulk", "write", 1.3), ("hdf5-read", "read", 1.3), ("hdf5-write", "write_flushed", 2.0)]:
        if kind in same_seconds:
            row(f"{workload} (C: the same Minari layout)", f"{storage[workload]:.3f} s", f"{same_seconds[kind]:.3f} s (C {kind})",
                storage[workload] / same_seconds[kind], goal)
    # the vector environment against a single copy, per env step
    env_rows = prism_rows(bench, ["env-steps"], 1)
    for env in sorted({r["env"] for r in env_rows}):
        single = next(r for r in env_rows if r["env"] == env and r["envs"] == 1)["steps_per_s"]
        vector = next(r for r in env_rows if r["env"] == env and r["envs"] > 1)["steps_per_s"]
        row(f"env-steps {env}, 8 copies vs 1", f"{vector / 1e6:.2f}M steps/s", f"{single / 1e6:.2f}M steps/s",
            vector / single, 0.9, better="higher")


if __name__ == "__main__":
    main()
