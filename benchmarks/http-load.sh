#!/usr/bin/env bash
# The service over HTTP as a user meets it: starts each adapter example the way its README does
# (plus --rate-limits off: the default budgets answer 429 long before any load), drives it with wrk
# on this machine, and prints req/s, p50 and p99 beside the in-process JMH figure of the same
# operation (one thread), so the HTTP overhead shows as a ratio.
#
#   benchmarks/http-load.sh                  # the JDK server, Jetty and Spring Boot
#   benchmarks/http-load.sh jdk              # one adapter: jdk, jetty or spring-boot
#   DURATION=20 SKIP_JMH=1 benchmarks/http-load.sh jetty
#   WARM_UP=5 WARM_START_ONLY=1 SKIP_JMH=1 benchmarks/http-load.sh jdk   # the first seconds, warmed
#
# Needs wrk (Debian: apt-get install wrk) and curl. Run by hand, never by `mvn verify` or CI.
# Environment: DURATION seconds per run (10), THREADS (2), CONNECTIONS (16), PORT (8080),
# SKIP_JMH=1 to skip the in-process runs, RESULTS directory for the raw outputs (a fresh temp dir),
# WARM_UP seconds of WarmUp the adapter runs in the background at start (0: none), WARM_START_ONLY=1
# to stop after the warm-start run.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8080}
BASE="http://localhost:$PORT"
RESULTS=${RESULTS:-$(mktemp -d /tmp/authmd-http-load.XXXXXX)}
mkdir -p "$RESULTS"
WRK_DIR=benchmarks/wrk
ID_JAG_TOKENS=${ID_JAG_TOKENS:-$((15000 * DURATION))}
WARM_UP=${WARM_UP:-0}
ADAPTERS=("$@")
[ ${#ADAPTERS[@]} -eq 0 ] && ADAPTERS=(jdk jetty spring-boot)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }
if curl -s -o /dev/null "$BASE/"; then
  echo "something already answers on $BASE; stop it or set PORT" >&2
  exit 2
fi

echo "== build (results in $RESULTS)"
mvn -B -q install -DskipTests -pl benchmarks,examples/demo,examples/jetty,examples/spring-boot -am

# --- in process -----------------------------------------------------------------------------
declare -A IN_PROCESS
if [ "${SKIP_JMH:-0}" != 1 ]; then
  echo "== in process (JMH, one thread)"
  java -jar benchmarks/target/benchmarks.jar 'AnonymousRegistrationBenchmark.register|CurrentProfileBenchmark' \
    -f 1 -wi 2 -w 2s -i 3 -r 2s -t 1 -rf csv -rff "$RESULTS/jmh.csv" >"$RESULTS/jmh.txt" 2>&1
  # unique tokens: timed batches of 500 (SingleShotTime, ms per batch), its own warm-up
  java -jar benchmarks/target/benchmarks.jar IdJagRegistrationBenchmark.register -p alg=ES256 -t 1 \
    -rf csv -rff "$RESULTS/jmh-idjag.csv" >"$RESULTS/jmh-idjag.txt" 2>&1
  while IFS=, read -r name mode _ _ score _ rest; do
    name=${name//\"/}
    if [ "$mode" = '"ss"' ]; then
      score=$(awk -v ms="$score" 'BEGIN {printf "%d", 500 * 1000 / ms}')
    fi
    IN_PROCESS[$name]=${score%.*}
  done < <(tail -q -n +2 "$RESULTS/jmh.csv" "$RESULTS/jmh-idjag.csv")
fi
in_process() { echo "${IN_PROCESS[$1]:-}"; }

# --- one adapter ------------------------------------------------------------------------------
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

start_server() {
  local adapter=$1 module execution
  case $adapter in
    jdk) module=examples/demo; execution=demo ;;
    jetty) module=examples/jetty; execution=jetty ;;
    spring-boot) module=examples/spring-boot; execution=spring-boot ;;
    *) echo "unknown adapter $adapter (jdk, jetty, spring-boot)" >&2; exit 2 ;;
  esac
  setsid mvn -B -q -pl "$module" compile "exec:java@$execution" \
    -Dexec.args="--rate-limits off --port $PORT --mail-dir $RESULTS/mail-$adapter --warm-up $WARM_UP" \
    >"$RESULTS/server-$adapter.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if curl -s -o /dev/null "$BASE/.well-known/oauth-protected-resource"; then
      READY_AT=$(date +%s.%N)
      return
    fi
    sleep 0.5
  done
  echo "$adapter did not start; see $RESULTS/server-$adapter.log" >&2
  exit 1
}

# Runs wrk; prints "req/s p50 p99 non2xx".
run_wrk() {
  local out=$1; shift
  THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$out" 2>&1 \
    || echo "wrk exited with $? (see $out)" >&2
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$out")
  echo "$rps ${p50:-?} ${p99:-?} ${bad:-0}"
}

mint_tokens() {
  local file=$1 count=$2 chunk
  : >"$file"
  while [ "$count" -gt 0 ]; do
    chunk=$((count > 20000 ? 20000 : count))
    curl -sf -X POST -H 'Content-Type: application/json' \
      -d "{\"count\":$chunk,\"prefix\":\"load\"}" "$BASE/demo/provider/id-jags" >>"$file"
    count=$((count - chunk))
  done
}

json_member() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

ROWS=()
row() {
  local adapter=$1 scenario=$2 result=$3 reference=$4 ratio="—"
  read -r rps p50 p99 bad <<<"$result"
  if [ -n "$reference" ] && [ "$reference" -gt 0 ]; then
    ratio=$(awk -v a="$rps" -v b="$reference" 'BEGIN {printf "%.2f", a / b}')
  fi
  ROWS+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s |' \
    "$adapter" "$scenario" "$rps" "$p50" "$p99" "$bad" "${reference:-—}" "$ratio")")
  printf '   %-52s %8s req/s  p50 %-9s p99 %-9s non-2xx %s\n' "$scenario" "$rps" "$p50" "$p99" "$bad"
}

for adapter in "${ADAPTERS[@]}"; do
  echo "== $adapter"
  start_server "$adapter"
  tokens="$RESULTS/tokens-$adapter.txt"

  # warm start: ID-JAG registrations right after start (the tokens are minted first)
  mint_tokens "$tokens" "$ID_JAG_TOKENS"
  since=$(awk -v a="$(date +%s.%N)" -v b="$READY_AT" 'BEGIN {printf "%.1f", a - b}')
  row "$adapter" "ID-JAG registration, current, first ${DURATION} s (from ${since} s after start, warm-up ${WARM_UP} s)" \
    "$(TOKENS=$tokens run_wrk "$RESULTS/$adapter-warm.txt" -s $WRK_DIR/id-jag-unique.lua "$BASE/agent/identity")" ""
  if [ "${WARM_START_ONLY:-0}" = 1 ]; then
    stop_server
    rm -f "$tokens"
    continue
  fi

  # steady state: each scenario twice, the second reported
  for pass in 1 2; do
    r=$(run_wrk "$RESULTS/$adapter-discovery-$pass.txt" "$BASE/.well-known/oauth-protected-resource")
    [ $pass = 2 ] && row "$adapter" "GET /.well-known/oauth-protected-resource" "$r" ""
    r=$(run_wrk "$RESULTS/$adapter-anon-v01-$pass.txt" -s $WRK_DIR/register-anonymous.lua "$BASE/agent/auth")
    [ $pass = 2 ] && row "$adapter" "anonymous registration, v0.1" "$r" "$(in_process dev.authmd.benchmarks.AnonymousRegistrationBenchmark.register)"
    r=$(run_wrk "$RESULTS/$adapter-anon-cur-$pass.txt" -s $WRK_DIR/identity-anonymous.lua "$BASE/agent/identity")
    [ $pass = 2 ] && row "$adapter" "anonymous registration, current (ES256 assertion)" "$r" "$(in_process dev.authmd.benchmarks.CurrentProfileBenchmark.anonymousIdentity)"
    mint_tokens "$tokens" "$ID_JAG_TOKENS"
    r=$(TOKENS=$tokens run_wrk "$RESULTS/$adapter-idjag-v01-$pass.txt" -s $WRK_DIR/id-jag-unique.lua "$BASE/agent/auth")
    [ $pass = 2 ] && row "$adapter" "ID-JAG ES256 registration, v0.1, unique tokens" "$r" "$(in_process dev.authmd.benchmarks.IdJagRegistrationBenchmark.register)"
    mint_tokens "$tokens" "$ID_JAG_TOKENS"
    r=$(TOKENS=$tokens run_wrk "$RESULTS/$adapter-idjag-cur-$pass.txt" -s $WRK_DIR/id-jag-unique.lua "$BASE/agent/identity")
    [ $pass = 2 ] && row "$adapter" "ID-JAG ES256 registration, current, unique tokens" "$r" ""
  done
  assertion=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"type":"anonymous"}' \
    "$BASE/agent/identity" | json_member assertion)
  token=$(curl -sf -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-urlencode "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer" \
    --data-urlencode "assertion=$assertion" "$BASE/oauth2/token" | json_member access_token)
  for pass in 1 2; do
    r=$(ASSERTION=$assertion run_wrk "$RESULTS/$adapter-exchange-$pass.txt" -s $WRK_DIR/token-exchange.lua "$BASE/oauth2/token")
    [ $pass = 2 ] && row "$adapter" "token exchange (RFC 7523), current" "$r" "$(in_process dev.authmd.benchmarks.CurrentProfileBenchmark.exchange)"
    r=$(TOKEN=$token run_wrk "$RESULTS/$adapter-api-$pass.txt" -s $WRK_DIR/api-bearer.lua "$BASE/api/me")
    [ $pass = 2 ] && row "$adapter" "GET /api/me with the access token (authenticate)" "$r" "$(in_process dev.authmd.benchmarks.CurrentProfileBenchmark.authenticate)"
  done
  stop_server
  rm -f "$tokens"
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "| adapter | operation | req/s | p50 | p99 | non-2xx | in process, 1 thread (ops/s) | HTTP / in process |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo "raw outputs: $RESULTS"
