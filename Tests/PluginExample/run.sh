#!/usr/bin/env bash
# Builds the example plug-in package (Environments/Examples/TreasureHunt) against a tagged clone of
# this repository, resolved by version as any user's package resolves Prism; then checks the
# plug-in's environment with `treasure-ppo check-env` and trains it with the stock `ppo` recipe.
# Usage: Tests/PluginExample/run.sh [WORK_DIR]  (default: a new temporary directory)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${1:-$(mktemp -d)}
version=0.1.0
env_id=TreasureHunt/OpenField-v0

if [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "plugin-example: note: uncommitted changes are not in the clone; the example builds against HEAD" >&2
fi
rm -rf "$work/prism" "$work/TreasureHunt" "$work/run"
git clone --quiet "$root" "$work/prism"
git -C "$work/prism" tag -l | xargs -r git -C "$work/prism" tag -d >/dev/null
git -C "$work/prism" tag "$version"
cp -R "$root/Environments/Examples/TreasureHunt" "$work/TreasureHunt"
cd "$work/TreasureHunt"
export PRISM_URL="file://$work/prism" PRISM_VERSION="$version"

swift build -c release
grep -q "\"version\" : \"$version\"" Package.resolved || {
  echo "plugin-example: Package.resolved does not pin Prism at version $version" >&2; cat Package.resolved >&2; exit 1; }
echo "plugin-example: resolved Prism $version from $PRISM_URL"

.build/release/treasure-ppo check-env "$env_id"
OPENBLAS_NUM_THREADS=1 .build/release/treasure-ppo --env "$env_id" --total-steps 65536 --seed 4 \
  --set eval.seeds=20 --set eval.samples=4 --run-dir "$work/run"
python3 - "$work/run/eval.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
success = result["success_rate"]
assert "diversity" not in result, "diversity reported for an environment without room_id"
print(f"plugin-example: greedy success {success:.2f} on 20 held-out seeds after 65536 steps")
assert success >= 0.9, f"the example did not learn: greedy success {success}"
PY
