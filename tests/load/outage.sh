#!/usr/bin/env bash
# Outage and start-up figures for docs/security.md: 64 texts right after a start on Redis (and again warm), then an
# emergency by SMS and by web with Redis stopped, and with Redis paused for 30 s. Needs redis-server, redis-cli, curl.
# Usage: bash tests/load/outage.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
dotnet build bot -c Release -v q --nologo >/dev/null
out=$(mktemp -d)
rport=6391; port=3991
redis-server --port $rport --save '' --appendonly no --daemonize no >$out/redis.log 2>&1 &
redis=$!
sleep 0.5
start_bot() {
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning State__Provider=Redis State__Redis__Configuration=127.0.0.1:$rport \
    DirectLine__Secret=measure-secret-0123456789abcdef0123 dotnet bot/bin/Release/net10.0/HarmReduction.Bot.dll --urls "http://127.0.0.1:$port" >$out/bot.log 2>&1 &
  bot=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
}
sms() { curl -s -o $out/sms.out -w '%{http_code} %{time_total}s' "http://127.0.0.1:$port/api/sms" -d MessageSid=SM$RANDOM$RANDOM --data-urlencode From=+1555$RANDOM$RANDOM --data-urlencode "Body=$1"; }
web_start() {
  token=$(curl -s -X POST -H "Origin: http://127.0.0.1:$port" "http://127.0.0.1:$port/api/directline/token" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  conv=$(curl -s -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v3/directline/conversations" | sed 's/.*"conversationId":"\([^"]*\)".*/\1/')
}
web_post() { curl -s -o /dev/null -w '%{http_code} %{time_total}s' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "http://127.0.0.1:$port/v3/directline/conversations/$conv/activities" -d "{\"type\":\"message\",\"text\":\"$1\"}"; }
web_has_steps() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v3/directline/conversations/$conv/activities?watermark=" | grep -c 'Call 911'; }

rm -f $out/cold.*
start_bot
echo "cold start: 64 concurrent SMS right after ready"
pids=(); for i in $(seq 1 64); do (sms "where can i get naloxone" > $out/cold.$i) & pids+=($!); done; wait "${pids[@]}"
for f in $out/cold.*; do cat $f; echo; done | awk '{print $2}' | sort -n | sed -n '1p;$p' | tr '\n' ' '; echo "(min, max)"; grep -L "^200" $out/cold.* | wc -l | sed 's/^/non-200: /'
rm -f $out/cold.*; pids=(); for i in $(seq 1 64); do (sms "where can i get naloxone" > $out/cold.$i) & pids+=($!); done; wait "${pids[@]}"
echo -n "warm burst: "; for f in $out/cold.*; do cat $f; echo; done | awk '{print $2}' | sort -n | sed -n '1p;$p' | tr '\n' ' '; echo "(min, max)"
web_start
echo "redis stopped:"; kill $redis; wait $redis 2>/dev/null
echo -n "  sms emergency: "; sms "my friend is not breathing"; echo " steps=$(grep -c 'Call 911' $out/sms.out)"
echo -n "  web emergency post: "; web_post "my friend is not breathing"; echo " steps=$(web_has_steps)"
redis-server --port $rport --save '' --appendonly no >$out/redis.log 2>&1 &
redis=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
web_start
echo "redis paused 30 s:"; redis-cli -p $rport client pause 30000 all >/dev/null
echo -n "  sms emergency: "; sms "my friend is not breathing"; echo " steps=$(grep -c 'Call 911' $out/sms.out)"
echo -n "  web emergency post: "; web_post "my friend is not breathing"; echo " steps=$(web_has_steps)"
kill $bot; wait $bot 2>/dev/null
kill $redis; wait $redis 2>/dev/null
