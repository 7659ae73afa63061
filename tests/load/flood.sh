#!/usr/bin/env bash
# One anonymous token posts 50 activities of 64 KB, then 40 small ones: the statuses and the server's RSS before and after.
# Usage: bash tests/load/flood.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
dotnet build bot -c Release -v q --nologo >/dev/null
out=$(mktemp -d)
port=3992
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning AllowedHosts='*' DirectLine__Secret=measure-secret-0123456789abcdef0123 WebChat__TokensPerMinute=1000 \
  dotnet bot/bin/Release/net10.0/HarmReduction.Bot.dll --urls "http://127.0.0.1:$port" >$out/flood-bot.log 2>&1 &
bot=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
rss() { ps -o rss= -p $bot | awk '{printf "%.1f MB", $1/1024}'; }
python3 - "$port" "$out" <<'PY'
import json, sys, urllib.request
port = sys.argv[1]
def call(method, path, token=None, body=None, origin=False):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    if origin: req.add_header("Origin", f"http://127.0.0.1:{port}")
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
tok = json.loads(call("POST", "/api/directline/token", origin=True)[1])["token"]
conv = json.loads(call("POST", "/v3/directline/conversations", tok)[1])["conversationId"]
open(sys.argv[2] + "/flood-conv", "w").write(conv + " " + tok)
PY
read conv tok < $out/flood-conv
echo "RSS before: $(rss)"
pad=$(python3 -c "print('<' * (64*1024 - 100))")
body="{\"type\":\"zzz\",\"channelData\":{\"pad\":\"$pad\"}}"
printf '%s' "$body" > $out/big.json
codes=""
for i in $(seq 1 50); do codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' --data-binary @$out/big.json "http://127.0.0.1:$port/v3/directline/conversations/$conv/activities")"; done
echo "50 x 64 KB posts: $(echo $codes | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')"
echo "RSS after: $(rss)"
codes=""
for i in $(seq 1 40); do codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d '{"type":"message","text":"hi"}' "http://127.0.0.1:$port/v3/directline/conversations/$conv/activities")"; done
echo "40 small posts in a row: $(echo $codes | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')"
echo "RSS end: $(rss)"
kill $bot; wait $bot 2>/dev/null
