#!/usr/bin/env bash
# Scores the bot on every question set in tests/eval (and tests/heldout with --heldout, totals only), two at a time,
# and prints the strict totals. Each set's report goes to OUTDIR/<set>.txt (a held-out
# set's to OUTDIR/heldout/<set>.txt); compare two runs with tests/tools/eval-diff.py A B.
#   bash tests/tools/eval-all.sh OUTDIR [--heldout]
# Builds the bot (Release) unless BOT_DLL names a built HarmReduction.Bot.dll. Knowledge is read from the repository.
# Settings can be tried without a rebuild through the environment, e.g. Semantic__SafetyNet__CrisisShareWhenAsked=0.6.
set -euo pipefail
out=${1:?usage: eval-all.sh OUTDIR [--heldout]}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd)
if [[ -z "${BOT_DLL:-}" ]]; then
  build=$(mktemp -d)
  dotnet build -c Release "$root/bot" -o "$build" -nologo -v q >/dev/null
  BOT_DLL="$build/HarmReduction.Bot.dll"
fi
sets=("$root"/tests/eval/*.yaml)
if [[ "${2:-}" == "--heldout" ]]; then
  sets+=("$root"/tests/heldout/*.yaml)
  mkdir -p "$out/heldout"
fi
cd "$root"
# A held-out set's report keeps only its totals: its items and failures are not to be read (tests/heldout/README.md).
printf '%s\n' "${sets[@]}" | xargs -P "${EVAL_PARALLEL:-2}" -I{} sh -c '
  name=$(basename "$1" .yaml)
  case "$1" in
    */tests/heldout/*) dotnet "$0" eval "$1" 2>&1 | grep -v "^FAIL" > "$2/heldout/$name.txt" || true ;;
    *) dotnet "$0" eval "$1" > "$2/$name.txt" 2>&1 || true ;;
  esac' "$BOT_DLL" {} "$out"
echo "tests/eval: $(python3 "$root/tests/tools/eval-totals.py" "$out")"
if [[ -d "$out/heldout" ]]; then
  echo "tests/heldout: $(python3 "$root/tests/tools/eval-totals.py" "$out/heldout")"
fi
