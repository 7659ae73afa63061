#!/usr/bin/env bash
# Load run: the built server in Development (SMS accepts unsigned requests) on a spare port, wrk for 30 s.
# Usage: bash tests/load/run.sh [connections=32] [seconds=30]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bot -c Release -v q --nologo >/dev/null
port=3999
ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning dotnet bot/bin/Release/net10.0/HarmReduction.Bot.dll --urls "http://127.0.0.1:$port" >/tmp/hrb-load-server.log 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
wrk -t2 -c"${1:-32}" -d"${2:-30}"s --latency -s tests/load/sms.lua "http://127.0.0.1:$port"
