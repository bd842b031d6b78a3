#!/usr/bin/env bash
# SCoRe and its two ablations on two-turn Arithmetic, seeds 1–3 (README, "score").
#
#   score-ablations.sh OUT
#
# Writes OUT/two.jsonl (4,000 two-turn Add2 conversations), an SFT base per seed (10 epochs,
# context 80), then from each base: SCoRe (Stage I then Stage II), Stage II only (no Stage I, the
# same 400 steps) and SCoRe without shaping (alpha = 0); prints each row's greedy Acc@t1, Acc@t2,
# Δ, Δ i→c and Δ c→i over the seeds. Binaries come from BIN (default .build/release). Runs whose
# eval.json exists are kept. JOBS (default 2) runs that many score runs at once. SCORE_SET adds
# settings to every score run (SCORE_SET="--set train.learning_rate=3e-4").
set -euo pipefail
out=${1:?usage: score-ablations.sh OUT}
bin=${BIN:-.build/release}
jobs=${JOBS:-2}
read -r -a score_set <<< "${SCORE_SET:-}"
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
mkdir -p "$out"

# Starts a run in the background, waiting first while JOBS runs are going.
running=0
launch() {
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
  run "$@" &
  running=$((running + 1))
}

run() {
  local recipe=$1 dir=$2; shift 2
  [ -f "$dir/eval.json" ] && return 0
  rm -rf "$dir"
  "$bin/$recipe" --run-dir "$dir" "$@" > "$dir.log" 2>&1 || { echo "failed: $recipe $* (see $dir.log)" >&2; return 1; }
}

[ -f "$out/two.jsonl" ] || "$bin/prism-data" generate arithmetic --kind two-turn --count 4000 --seed 1 --level Add2 \
  --out "$out/two.jsonl" > /dev/null
for seed in 1 2 3; do
  launch sft "$out/base-$seed" --data "$out/two.jsonl" --seed "$seed" --set model.context_length=80 --set train.epochs=10
done
wait
running=0
for seed in 1 2 3; do
  for variant in score stage2-only no-shaping; do
    case $variant in
      score) extra=() ;;
      stage2-only) extra=(--set stage1_steps=0 --set stage2_steps=400) ;;
      no-shaping) extra=(--set alpha=0) ;;
    esac
    launch score "$out/$variant-$seed" --init "$out/base-$seed" --seed "$seed" "${score_set[@]}" "${extra[@]}"
  done
done
wait

python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
keys = [("accuracy_t1", "Acc@t1"), ("accuracy_t2", "Acc@t2"), ("delta", "Δ"), ("delta_i_to_c", "Δ i→c"), ("delta_c_to_i", "Δ c→i")]
rows = {"SFT base": [json.load(open(f"{out}/score-{s}/eval.json"))["before"] for s in (1, 2, 3)]}
for variant, label in [("score", "SCoRe"), ("stage2-only", "Stage II only"), ("no-shaping", "SCoRe, α = 0")]:
    rows[label] = [json.load(open(f"{out}/{variant}-{s}/eval.json")) for s in (1, 2, 3)]
print("| row | " + " | ".join(name for _, name in keys) + " |")
print("| --- |" + " --- |" * len(keys))
for label, reports in rows.items():
    cells = []
    for key, _ in keys:
        values = [r[key] for r in reports]
        cells.append(f"{statistics.mean(values):+.3f} ± {statistics.stdev(values):.3f} ({', '.join(f'{v:.3f}' for v in values)})"
                     if key.startswith("delta") else
                     f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f} ({', '.join(f'{v:.3f}' for v in values)})")
    print(f"| {label} | " + " | ".join(cells) + " |")
PY
