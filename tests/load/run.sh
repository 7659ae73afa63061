#!/usr/bin/env bash
# Load run: the built server in Development (SMS accepts unsigned requests) on a spare port, wrk for 30 s, the texts drawn
# from the 846 distinct messages of the eval sets (tests/load/messages.txt).
# Usage: bash tests/load/run.sh [connections=32] [seconds=30]   (needs wrk: apt-get install wrk)
#   MESSAGE_CACHE=off  the in-memory cache of message vectors off (Semantic__MessageCacheSize=0): every message is encoded
#   SEMANTIC=off       the semantic layer off (Semantic__Enabled=false): safety rules and lexical ranking only
#   QUANTIZED=off      the float sentence model (Semantic__Quantized=false); on (the default) is the int8 one
#   WARMUP=20          seconds of unmeasured load first (JIT tiers; with the cache on, every text seen once)
#   LOAD_MESSAGES=FILE other url-encoded messages, one a line
# A first start encodes the knowledge's vectors (a minute or two) into .cache/; later starts read them.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bot -c Release -v q --nologo >/dev/null
port=3999
settings=()
[[ "${MESSAGE_CACHE:-on}" == off ]] && settings+=(Semantic__MessageCacheSize=0)
[[ "${SEMANTIC:-on}" == off ]] && settings+=(Semantic__Enabled=false)
[[ "${QUANTIZED:-on}" == off ]] && settings+=(Semantic__Quantized=false)
echo "server settings: ${settings[*]:-(defaults: semantic layer on, message cache on)}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
env ${settings[@]+"${settings[@]}"} ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  dotnet bot/bin/Release/net10.0/HarmReduction.Bot.dll --urls "http://127.0.0.1:$port" >/tmp/hrb-load-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 1500); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; kill -0 $server 2>/dev/null || break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "server not ready; see /tmp/hrb-load-server.log"; exit 1; }
# Warm-up (not measured): the JIT's optimised tiers, and with the message cache on, every text seen once.
wrk -t2 -c"${1:-32}" -d"${WARMUP:-20}"s -s tests/load/sms.lua "http://127.0.0.1:$port" >/dev/null
cpu() { awk '{print $14 + $15}' /proc/$server/stat; }
ticks=$(getconf CLK_TCK)
before=$(cpu)
start=$(date +%s.%N)
wrk -t2 -c"${1:-32}" -d"${2:-30}"s --latency -s tests/load/sms.lua "http://127.0.0.1:$port" | tee /tmp/hrb-load-wrk.txt
after=$(cpu)
# The machine is shared: CPU time per request says what the server costs whatever else runs beside it.
requests=$(awk '/requests in/ {print $1}' /tmp/hrb-load-wrk.txt)
awk -v b="$before" -v a="$after" -v t="$ticks" -v r="$requests" -v s="$start" -v e="$(date +%s.%N)" -v n="$(nproc)" 'BEGIN {
  cpu = (a - b) / t; printf "server CPU: %.1f s in %.1f s (%.0f%% of %d cores), %.2f ms per request\n", cpu, e - s, 100 * cpu / (e - s) / n, n, 1000 * cpu / r }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
