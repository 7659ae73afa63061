#!/usr/bin/env bash
# The one test command (README). Installs what the tests need when it is missing, then runs every test
# and ends with a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages: a Redis-compatible server for the state-store tests, Chromium for the browser tests.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

# 2. The official npm clients the conformance tests drive (Direct Line, Web Chat, Twilio).
if [ -f tests/conformance/package.json ]; then
  ( cd tests/conformance && if [ -d node_modules ] && [ node_modules -nt package-lock.json ]; then :; else npm ci --no-audit --no-fund --loglevel=error; fi ) \
    || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# 3. Build once in Release, then run every test.
results="$root/tests/TestResults"
rm -rf "$results"
dotnet build HarmReduction.Bot.sln -c Release --nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
# On a fresh checkout the knowledge's sentence vectors are not cached yet (.cache/, ignored by git): encode them once
# here, so the tests that start the CLI do not all pay for it at the same time.
dotnet bot/bin/Release/net10.0/HarmReduction.Bot.dll ask "warm up" >/dev/null 2>&1 || true
dotnet test HarmReduction.Bot.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" --logger "console;verbosity=normal" 2>&1 | tee "$results.log" | grep -E '^\s+Failed |^\s*(Passed|Failed)! |: error ' || true
status=${PIPESTATUS[0]}

# Count from the TRX files: every executed test, passed or not.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  t=$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p'); e=$(echo "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
