#!/usr/bin/env bash
# The wrk measurement of issue 16: starts `luoshi serve --demo` on a fresh data folder (and, given a PostgreSQL connection
# string, on that database, which must be empty), signs in as the district user q02, reads the six endpoints and pages in
# turn for two warm-up rounds (2 s each), then runs `wrk -t1 -c64 -d${SECS:-10}s --latency` on each and prints throughput,
# p50 and p99. Only the session cookie is sent, as in the issue. Needs wrk and curl.
# usage: bench/wrk-pages.sh [PORT] [POSTGRES-CONNECTION]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=${1:-18500}; db=${2:-}
"$root/luoshi" --version >/dev/null # builds once
data=$(mktemp -d /tmp/luoshi-wrk-XXXXXX)
args=(serve --demo --urls "http://127.0.0.1:$port" --data "$data")
[ -n "$db" ] && args+=(--database "$db")
Luoshi__Scheduler=false Logging__LogLevel__Default=Warning "$root/luoshi" "${args[@]}" > "$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done
password=$(grep -o "密码：.*" "$data/serve.log" | head -1 | sed "s/密码：//")
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"q02\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/session" | grep -i '^set-cookie: .luoshi.session' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
tasks=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/tasks?pageSize=1")
plan=$(echo "$tasks" | grep -o '"planId":[0-9]*' | head -1 | cut -d: -f2)
task=$(echo "$tasks" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
paths="/api/v1/me /api/v1/tasks?planId=$plan / /Plans/$plan /Tasks/$task /MyTasks"
for _ in $(seq 1 "${ROUNDS:-2}"); do for p in $paths; do wrk -t1 -c64 -d2s -H "Cookie: $cookie" "http://127.0.0.1:$port$p" >/dev/null; done; done
echo "| 接口或页面 | 吞吐（次/秒） | p50 | p99 | load |"
echo "| --- | --- | --- | --- | --- |"
for p in $paths; do
  out=$(wrk -t1 -c64 -d"${SECS:-10}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$p")
  echo "| \`$p\` | $(echo "$out" | awk '/Requests\/sec/ {print $2}') | $(echo "$out" | awk '$1 == "50%" {print $2}') | $(echo "$out" | awk '$1 == "99%" {print $2}') | $(cut -d' ' -f1 /proc/loadavg) |"
  if echo "$out" | grep -q "Non-2xx"; then echo "错误：$(echo "$out" | grep Non-2xx)"; fi
done
