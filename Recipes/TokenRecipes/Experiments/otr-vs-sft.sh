#!/usr/bin/env bash
# OTR against SFT on Arithmetic, with identical budgets and settings (README, "otr").
#
#   otr-vs-sft.sh validate      OUT   τ × β grid for experiment A on validation seeds 4–5 and the
#                                     validation draw of held-out problems (eval.seed=777)
#   otr-vs-sft.sh noisy-labels  OUT   A: a 2-epoch SFT start on Add2 with 30 % systematic errors,
#                                     continued 18 epochs by sft, otr (exact) and otr (monte_carlo); seeds 1–3
#   otr-vs-sft.sh forgetting    OUT   B: an SFT model of Add2 fine-tuned on Sub2 by sft and otr for the
#                                     same steps; Sub2 and Add2 accuracy; seeds 1–3
#
# Binaries come from BIN (default .build/release; build with `swift build -c release` first).
# Extra otr settings for the runs: OTR_SET="--set otr.temperature=2 ..." (default: the recipe's defaults);
# settings for both the sft and the otr continuation: BOTH_SET="--set train.learning_rate=1e-4";
# forgetting's fine-tuning epochs: EPOCHS (default 5).
set -euo pipefail
mode=${1:?usage: otr-vs-sft.sh validate|noisy-labels|forgetting OUT}
out=${2:?usage: otr-vs-sft.sh validate|noisy-labels|forgetting OUT}
bin=${BIN:-.build/release}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
read -r -a otr_set <<< "${OTR_SET:-}"
read -r -a both_set <<< "${BOTH_SET:-}"
mkdir -p "$out"

# Runs a recipe quietly unless its eval.json already exists.
run() {
  local recipe=$1 dir=$2; shift 2
  [ -f "$dir/eval.json" ] && return 0
  "$bin/$recipe" --run-dir "$dir" "$@" > "$dir.log" 2>&1 || { echo "failed: $recipe $* (see $dir.log)" >&2; exit 1; }
}

# Prints one row per run directory: its task accuracy by level.
table() {
  python3 - "$@" <<'PY'
import json, statistics, sys
groups = {}
for path in sys.argv[1:]:
    report = json.load(open(f"{path}/eval.json"))
    label = path.rsplit("/", 1)[-1].rsplit("-", 1)[0]
    groups.setdefault(label, []).append(report["task_accuracy_by_level_after"])
for label, rows in groups.items():
    cells = []
    for level in rows[0]:
        values = [row[level] for row in rows]
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        cells.append(f"{level} {statistics.mean(values):.3f} ± {spread:.3f} ({', '.join(f'{v:.3f}' for v in values)})")
    print(f"{label:<28} " + "   ".join(cells))
PY
}

# For each run directory: on the training lines whose label is wrong, the fraction of greedy answers
# that repeat the wrong label (memorised) and the fraction that are right.
memorisation() {
  local data=$1; shift
  python3 - "$bin/generate" "$data" "$@" <<'PY'
import json, statistics, subprocess, sys
generate, data, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = [json.loads(line) for line in open(data)]
noisy = [l for l in lines if l["completion"] != str(eval(l["prompt"].rstrip("=")))]
arguments = [generate, "--temperature", "0"]
for line in noisy: arguments += ["--prompt", line["prompt"]]
groups = {}
for run in runs:
    answers = subprocess.run(arguments + ["--checkpoint", run], check=True, capture_output=True, text=True).stdout.splitlines()
    memorised = sum(a == l["completion"] for a, l in zip(answers, noisy)) / len(noisy)
    right = sum(a == str(eval(l["prompt"].rstrip("="))) for a, l in zip(answers, noisy)) / len(noisy)
    groups.setdefault(run.rsplit("/", 1)[-1].rsplit("-", 1)[0], []).append((memorised, right))
print(f"on the {len(noisy)} training lines with a wrong label: greedy answer = the wrong label / = the right answer")
for label, rows in groups.items():
    cell = lambda values: f"{statistics.mean(values):.3f} ({', '.join(f'{v:.3f}' for v in values)})"
    print(f"{label:<28} memorised {cell([r[0] for r in rows])}   right {cell([r[1] for r in rows])}")
PY
}

case $mode in
validate|noisy-labels)
  [ -f "$out/add2-noisy.jsonl" ] || "$bin/prism-data" generate arithmetic --kind sft --count 2000 --error-rate 0.3 --seed 1 \
    --level Add2 --out "$out/add2-noisy.jsonl" > /dev/null
  data=(--data "$out/add2-noisy.jsonl")
  if [ "$mode" = validate ]; then seeds="4 5"; draw=(--set eval.seed=777); else seeds="1 2 3"; draw=(); fi
  dirs=()
  for seed in $seeds; do
    start="$out/start-$seed"
    run sft "$start" "${data[@]}" --seed "$seed" --set train.epochs=2
    common=(--init "$start" "${data[@]}" --seed "$seed" --set train.epochs=18 "${draw[@]}" "${both_set[@]}")
    if [ "$mode" = validate ]; then
      for temperature in ${TEMPERATURES:-1 1.5 2 3}; do
        for beta in ${BETAS:-0 -0.05 -0.2}; do
          run otr "$out/otr-t$temperature-b$beta-$seed" "${common[@]}" --set otr.temperature="$temperature" --set otr.beta="$beta"
          dirs+=("$out/otr-t$temperature-b$beta-$seed")
        done
      done
      run sft "$out/sft-$seed" "${common[@]}"; dirs+=("$out/sft-$seed")
    else
      run sft "$out/sft-$seed" "${common[@]}"
      run otr "$out/otr-exact-$seed" "${common[@]}" "${otr_set[@]}"
      run otr "$out/otr-mc256-$seed" "${common[@]}" "${otr_set[@]}" --set otr.mode=monte_carlo --set otr.samples=256
      dirs+=("$out/sft-$seed" "$out/otr-exact-$seed" "$out/otr-mc256-$seed")
    fi
  done
  table "${dirs[@]}"
  if [ "$mode" = noisy-labels ]; then memorisation "$out/add2-noisy.jsonl" "${dirs[@]}"; fi
  ;;
forgetting)
  [ -f "$out/add2.jsonl" ] || "$bin/prism-data" generate arithmetic --kind sft --count 2000 --seed 1 --level Add2 \
    --out "$out/add2.jsonl" > /dev/null
  [ -f "$out/sub2.jsonl" ] || "$bin/prism-data" generate arithmetic --kind sft --count 2000 --seed 2 --level Sub2 \
    --out "$out/sub2.jsonl" > /dev/null
  dirs=()
  for seed in 1 2 3; do
    start="$out/add2-$seed"
    run sft "$start" --data "$out/add2.jsonl" --seed "$seed" --set 'eval.levels=["Add2","Sub2"]'
    common=(--init "$start" --data "$out/sub2.jsonl" --seed "$seed" --set train.epochs=${EPOCHS:-5} --set 'eval.levels=["Add2","Sub2"]' "${both_set[@]}")
    run sft "$out/sft-$seed" "${common[@]}"
    run otr "$out/otr-exact-$seed" "${common[@]}" "${otr_set[@]}"
    run otr "$out/otr-mc256-$seed" "${common[@]}" "${otr_set[@]}" --set otr.mode=monte_carlo --set otr.samples=256
    dirs+=("$out/add2-$seed" "$out/sft-$seed" "$out/otr-exact-$seed" "$out/otr-mc256-$seed")
  done
  table "${dirs[@]}"
  ;;
*) echo "otr-vs-sft.sh: unknown mode '$mode' (validate, noisy-labels, forgetting)" >&2; exit 2 ;;
esac
