#!/usr/bin/env bash
# Portico performance harness: builds what it needs, starts Portico as a user runs it (./portico up, in a
# state directory and on ports of its own), measures the machine's ceilings, each scenario over HTTP on
# 127.0.0.1 and then the projection lag (commit to read model and to Kafka at 200 commands/s), stops what it
# started, and prints their lines:
#
#   ours startup command_ready_ms=… command_jvm_ms=… query_ready_ms=… query_jvm_ms=… target_ms=8000
#   ours ceiling pg_insert_commits_per_s=… argon2id_per_s=… cores=2 …
#   ours <scenario> rps=… p50_ms=… p99_ms=… errors=… cpu_pct=… rss_mb=… [details]
#   ours projection_lag rate=… commands=… errors=… late=… kafka_p50_ms=… …_p95_ms … read_model_p99_ms=… …
#
# With --with-keycloak it then runs ../shared/tools/keycloak-bench/run.sh with the same connections,
# warm-up and duration, passes its `keycloak …` lines through and prints `compare …` lines.
# Result lines go to standard output (and to .portico/bench-results/); progress goes to standard error.
#
#   infra/bench/run.sh                    Portico only
#   infra/bench/run.sh --with-keycloak    Portico, then Keycloak, then the comparison (BENCH_KEYCLOAK=1)
#   infra/bench/run.sh --projection-lag   only the projection lag (no ceilings, no scenarios)
#   infra/bench/run.sh --use-running      measure a system that is already up (BENCH_USE_RUNNING=1)
#   infra/bench/run.sh --selftest         the load generator's own ceiling against a trivial server
#
# Settings (environment): BENCH_CONNS (2), BENCH_WARMUP_S (30), BENCH_DURATION_S (25),
# BENCH_SCENARIOS ("anon_login refresh_token profile"; also password_login api_key_login), BENCH_POOL (200),
# BENCH_CEILING_S (5), BENCH_LAG_RATE (200), BENCH_LAG_S (30; 0 skips), BENCH_LAG_WARMUP_S (30; 180 for
# --projection-lag on a system it starts),
# BENCH_CLIENT (raw|jdk), BENCH_SERVICE_JAVA_OPTS,
# BENCH_STATE_DIR (.portico/bench), BENCH_COMMAND_PORT (18080), BENCH_QUERY_PORT (18081), BENCH_PG_PORT
# (18432), BENCH_KAFKA_PORT (18092), BENCH_MAIL_PORT (18025), BENCH_BASE_URL, BENCH_QUERY_URL and BENCH_PIDS for --use-running,
# BENCH_KEYCLOAK_SCRIPT, BENCH_JFR=1 (JFR recordings of each measured window, with hot-method summaries,
# next to the results), BENCH_JAVA_HOME (a JDK to run the services and the generator on instead of the java
# on the PATH). PORTICO_DB_URL (+ _USER, _PASSWORD) and PORTICO_KAFKA_BOOTSTRAP_SERVERS use external servers
# instead of the embedded ones. See infra/bench/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
BENCH_JAR="$HERE/target/portico-bench-$VERSION-exec.jar"
STACK_JAR="$ROOT/infra/embedded-stack/target/portico-embedded-stack-$VERSION-exec.jar"
COMMAND_JAR="$ROOT/command-service/target/portico-command-service-$VERSION-exec.jar"
QUERY_JAR="$ROOT/query-service/target/portico-query-service-$VERSION-exec.jar"

WITH_KEYCLOAK="${BENCH_KEYCLOAK:-0}"
USE_RUNNING="${BENCH_USE_RUNNING:-0}"
SELFTEST=0
LAG_ONLY=0

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --with-keycloak) WITH_KEYCLOAK=1 ;;
    --use-running) USE_RUNNING=1 ;;
    --selftest) SELFTEST=1 ;;
    --projection-lag) LAG_ONLY=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done

CONNS="${BENCH_CONNS:-2}"
WARMUP_S="${BENCH_WARMUP_S:-30}"
DURATION_S="${BENCH_DURATION_S:-25}"
SCENARIOS="${BENCH_SCENARIOS:-anon_login refresh_token profile}"
POOL="${BENCH_POOL:-200}"
CEILING_S="${BENCH_CEILING_S:-5}"
LAG_RATE="${BENCH_LAG_RATE:-200}"
LAG_S="${BENCH_LAG_S:-30}"
# The lag alone on a system the harness has just started: its JIT needs about three minutes of this load on two
# cores before most commands start on time (decision 0030); a whole run measures the lag after its scenarios.
if [ "$LAG_ONLY" = 1 ] && [ "$USE_RUNNING" = 0 ]; then LAG_WARMUP_DEFAULT=180; else LAG_WARMUP_DEFAULT=30; fi
LAG_WARMUP_S="${BENCH_LAG_WARMUP_S:-$LAG_WARMUP_DEFAULT}"
CLIENT="${BENCH_CLIENT:-raw}"
STATE="${BENCH_STATE_DIR:-$ROOT/.portico/bench}"
case "$STATE" in /*) ;; *) STATE="$ROOT/$STATE" ;; esac
COMMAND_PORT="${BENCH_COMMAND_PORT:-18080}"
QUERY_PORT="${BENCH_QUERY_PORT:-18081}"
PG_PORT="${BENCH_PG_PORT:-18432}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-18092}"
MAIL_PORT="${BENCH_MAIL_PORT:-18025}"
# Full JIT (no -XX:TieredStopAtLevel=1, which `./portico up` uses for a quick start): peak throughput is what
# is measured here. Serial GC, the same heap bounds as the dev script; see README.md for the measurements.
SERVICE_JAVA_OPTS="${BENCH_SERVICE_JAVA_OPTS:--Xms64m -Xmx80m -Xmn16m -Xss512k -XX:ReservedCodeCacheSize=128m -XX:TrimNativeHeapInterval=2000 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
APP_ID="${PORTICO_APP_ID:-portico-dev}"
KEYCLOAK_SCRIPT="${BENCH_KEYCLOAK_SCRIPT:-$ROOT/../shared/tools/keycloak-bench/run.sh}"
RESULTS_DIR="$ROOT/.portico/bench-results"

for n in "$CONNS" "$POOL"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNS and BENCH_POOL must be positive integers"; done
for n in "$WARMUP_S" "$DURATION_S" "$CEILING_S" "$LAG_S" "$LAG_WARMUP_S" "$LAG_RATE"; do [[ "$n" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "durations and the lag rate must be numbers"; done
# By default the services run on the JDK that ../shared/tools/keycloak-bench/run.sh gives Keycloak (Temurin 25
# where it is installed), so that the comparison is between the services and not between their JVMs. Its
# P-256 arithmetic and JIT are faster than JDK 17's; BENCH_JAVA_HOME picks another JDK.
if [ -z "${BENCH_JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${BENCH_JAVA_HOME:-}" ]; then
  [ -x "$BENCH_JAVA_HOME/bin/java" ] || die "BENCH_JAVA_HOME has no bin/java: $BENCH_JAVA_HOME"
  export PATH="$BENCH_JAVA_HOME/bin:$PATH" JAVA_HOME="$BENCH_JAVA_HOME"
fi
command -v java >/dev/null 2>&1 || die "java not found; install a JDK 17 or newer"

# --- build: only the jars that are missing or older than their sources --------------------------------------

stale() { # jar module... : the jar is missing or a source of the modules is newer
  local jar="$1"; shift
  [ -f "$jar" ] || return 0
  local inputs=("$ROOT/pom.xml") module
  for module in "$@"; do
    inputs+=("$ROOT/$module/pom.xml")
    [ -d "$ROOT/$module/src/main" ] && inputs+=("$ROOT/$module/src/main")
  done
  [ -n "$(find "${inputs[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

jar_users() { # jar -> pids of processes whose command line names it
  local dir
  [ -f "$1" ] || return 0
  for dir in /proc/[0-9]*; do
    tr '\0' ' ' <"$dir/cmdline" 2>/dev/null | grep -qF -- "$1" && echo "${dir#/proc/}"
  done
  return 0
}

build() {
  local modules=()
  stale "$BENCH_JAR" infra/bench && modules+=(infra/bench)
  if [ "$USE_RUNNING" != 1 ] && [ "$SELFTEST" != 1 ]; then
    stale "$STACK_JAR" infra/embedded-stack && modules+=(infra/embedded-stack)
    stale "$COMMAND_JAR" shared-events command-service && modules+=(command-service)
    stale "$QUERY_JAR" shared-events query-service && modules+=(query-service)
  fi
  if [ "${#modules[@]}" -eq 0 ]; then
    log "jars are up to date"
    return 0
  fi
  # Never replace the jars under a running JVM (a development system started from this tree, say).
  local module jar pid
  for module in "${modules[@]}"; do
    case "$module" in
      infra/embedded-stack) jar="$STACK_JAR" ;;
      command-service) jar="$COMMAND_JAR" ;;
      query-service) jar="$QUERY_JAR" ;;
      *) continue ;;
    esac
    for pid in $(jar_users "$jar"); do
      die "$module must be rebuilt, but pid $pid runs from $(basename "$jar"); stop that system first (./portico down), or measure it as it is with --use-running"
    done
  done
  local list; list="$(IFS=,; echo "${modules[*]}")"
  mkdir -p "$RESULTS_DIR"
  log "building $list (./mvnw -q -B -DskipTests -pl $list -am package; log: .portico/bench-results/build.log)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl "$list" -am package) >"$RESULTS_DIR/build.log" 2>&1 \
    || { grep -E '^\[ERROR\]' "$RESULTS_DIR/build.log" | head -n 30 >&2; die "build failed; log: $RESULTS_DIR/build.log"; }
}

# --- the system ---------------------------------------------------------------------------------------------

STARTED=0
portico() { # runs the dev script on the bench's state dir and ports; its chatter goes to stderr
  # The load comes from one address: the per-address limit on anonymous logins would be all it measured.
  PORTICO_STATE_DIR="$STATE" PORTICO_COMMAND_PORT="$COMMAND_PORT" PORTICO_QUERY_PORT="$QUERY_PORT" \
    PORTICO_DEV_PG_PORT="$PG_PORT" PORTICO_DEV_KAFKA_PORT="$KAFKA_PORT" PORTICO_DEV_MAIL_PORT="$MAIL_PORT" \
    PORTICO_RATE_LIMIT_PER_ADDRESS="${PORTICO_RATE_LIMIT_PER_ADDRESS:-0}" \
    PORTICO_SERVICE_JAVA_OPTS="$SERVICE_JAVA_OPTS" "$ROOT/portico" "$@" >&2
}

stop_system() {
  if [ "$STARTED" = 1 ]; then
    STARTED=0
    log "stopping the bench system"
    portico down || log "warning: ./portico down failed; stop it with PORTICO_STATE_DIR=$STATE ./portico down"
  fi
}

SELFTEST_PID=""
cleanup() {
  local rc=$?
  set +e
  stop_system
  if [ -n "$SELFTEST_PID" ] && kill -0 "$SELFTEST_PID" 2>/dev/null; then kill "$SELFTEST_PID"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

live_pid() { # pid file -> the pid when that process is alive
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

env_value() { # file key
  [ -f "$1" ] && sed -n "s/^$2=//p" "$1" | tail -n 1
}

start_system() {
  if [ -n "$(live_pid "$STATE/run/command.pid" || true)$(live_pid "$STATE/run/stack.pid" || true)" ]; then
    die "a bench system is already running in $STATE; measure it with --use-running (BENCH_BASE_URL=http://127.0.0.1:$COMMAND_PORT BENCH_STATE_DIR=$STATE) or stop it with PORTICO_STATE_DIR=$STATE ./portico down"
  fi
  # A fresh database for every run, so that runs compare: the state dir is the bench's own.
  rm -rf "$STATE"
  log "starting Portico (state $STATE, command-service :$COMMAND_PORT, query-service :$QUERY_PORT, service JVM: $SERVICE_JAVA_OPTS)"
  STARTED=1
  portico up || die "./portico up failed; logs in $STATE/logs"
}

# --- the bench ---------------------------------------------------------------------------------------------

RESULTS=""
FAILED=0
emit() { # a result line: standard output and the results file
  printf '%s\n' "$1"
  [ -n "$RESULTS" ] && printf '%s\n' "$1" >>"$RESULTS"
  return 0
}

run_bench() { # extra args for the generator (later ones win); its stdout lines are the result lines
  local rc
  set +e
  java -Xms64m -Xmx256m -XX:+UseSerialGC -jar "$BENCH_JAR" \
    --conns "$CONNS" --warmup-s "$WARMUP_S" --duration-s "$DURATION_S" --pool "$POOL" \
    --ceiling-s "$CEILING_S" --client "$CLIENT" "$@" | tee -a "$RESULTS"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then
    log "the load generator exited with status $rc (see the lines above)"
    FAILED=1
  fi
}

selftest() {
  log "load generator self-test: a trivial HTTP server as its own process, then our client (raw and jdk) and wrk"
  local out; out="$(mktemp)"
  java -Xmx64m -cp "$BENCH_JAR" -Dloader.main=dev.portico.bench.TrivialServer \
    org.springframework.boot.loader.launch.PropertiesLauncher 0 600 >"$out" 2>&1 &
  SELFTEST_PID=$!
  local port="" i
  for i in $(seq 1 100); do port="$(head -n 1 "$out" 2>/dev/null || true)"; [[ "$port" =~ ^[0-9]+$ ]] && break; sleep 0.1; done
  [[ "$port" =~ ^[0-9]+$ ]] || die "the trivial server did not start: $(cat "$out")"
  local client
  for client in raw jdk; do
    run_bench --base-url "http://127.0.0.1:$port" --scenarios noop --path / \
      --pid "server=$SELFTEST_PID" --label "loadgen-$client" --ceiling-s 0 --client "$client"
  done
  if command -v wrk >/dev/null 2>&1; then
    local TIMEFORMAT='%U %S' t rps
    wrk -t"$CONNS" -c"$CONNS" -d"${WARMUP_S}s" "http://127.0.0.1:$port/" >/dev/null 2>&1 || true
    { time wrk -t"$CONNS" -c"$CONNS" -d"${DURATION_S}s" "http://127.0.0.1:$port/" >"$out.wrk" 2>&1; } 2>"$out.time"
    rps="$(awk '/^Requests\/sec/ { print $2 }' "$out.wrk")"
    t="$(awk '{ print $1 + $2 }' "$out.time")"
    emit "$(awk -v r="$rps" -v t="$t" -v d="$DURATION_S" 'BEGIN { printf "loadgen-wrk noop rps=%.1f wrk_cpu_pct=%.0f cpu_us_per_req=%.1f", r, 100 * t / d, (r > 0) ? 1e6 * t / (r * d) : 0 }')"
  else
    log "wrk not installed: no wrk comparison (apt-get install -y wrk)"
  fi
  kill "$SELFTEST_PID" 2>/dev/null || true
  SELFTEST_PID=""
  rm -f "$out" "$out.wrk" "$out.time"
}

field() { # line key -> value
  printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "na" }'; }

compare() { # ours-scenario keycloak-scenario target
  local ours kc
  ours="$(grep -E "^ours $1 rps=" "$RESULTS" | tail -n 1 || true)"
  kc="$(grep -E "^keycloak $2 " "$RESULTS" | tail -n 1 || true)"
  [ -n "$ours" ] && [ -n "$kc" ] || return 0
  local o_rps k_rps o_cpu k_cpu
  o_rps="$(field "$ours" rps)"; k_rps="$(field "$kc" rps)"
  o_cpu="$(field "$ours" req_per_cpu_s)"; k_cpu="$(field "$kc" req_per_kc_cpu_s)"
  emit "compare $1 ours_rps=$o_rps keycloak_rps=$k_rps ratio=$(ratio "$o_rps" "$k_rps") target_ratio=$3 vs=$2 ours_p99_ms=$(field "$ours" p99_ms) keycloak_p99_ms=$(field "$kc" p99_ms) ours_errors=$(field "$ours" errors) keycloak_errors=$(field "$kc" errors) ours_req_per_cpu_s=${o_cpu:-na} keycloak_req_per_cpu_s=${k_cpu:-na} per_cpu_ratio=$(ratio "${o_cpu:-na}" "${k_cpu:-na}")"
}

main() {
  build
  mkdir -p "$RESULTS_DIR"
  RESULTS="$RESULTS_DIR/$(date -u +%Y%m%dT%H%M%SZ).txt"
  : >"$RESULTS"
  if [ "$SELFTEST" = 1 ]; then
    selftest
    log "results: $RESULTS"
    return 0
  fi

  local base query pids=() startup=() db_url db_user db_password pg_pid="" state_for_pids
  if [ "$USE_RUNNING" = 1 ]; then
    base="${BENCH_BASE_URL:-http://127.0.0.1:${PORTICO_COMMAND_PORT:-8080}}"
    query="${BENCH_QUERY_URL:-http://127.0.0.1:${PORTICO_QUERY_PORT:-8081}}"
    state_for_pids="${BENCH_STATE_DIR:-${PORTICO_STATE_DIR:-$ROOT/.portico}}"
    case "$state_for_pids" in /*) ;; *) state_for_pids="$ROOT/$state_for_pids" ;; esac
    log "measuring the running system at $base"
  else
    start_system
    base="http://127.0.0.1:$COMMAND_PORT"
    query="http://127.0.0.1:$QUERY_PORT"
    state_for_pids="$STATE"
    # Start-up times: ./portico up measured each service's from its process start to the first UP answer of
    # its health endpoint; the generator adds the JVM's own figure from the log and prints the startup line.
    local name ms
    for name in command query; do
      ms="$(cat "$STATE/run/$name.ready_ms" 2>/dev/null || true)"
      [[ "$ms" =~ ^[0-9]+$ ]] && startup+=(--ready-ms "$name=$ms")
      startup+=(--startup-log "$name=$STATE/logs/$name.log")
    done
  fi
  if [ -n "${BENCH_PIDS:-}" ]; then
    local p; for p in $BENCH_PIDS; do pids+=(--pid "$p"); done
  else
    local name pid
    for name in command query; do
      if pid="$(live_pid "$state_for_pids/run/$name.pid")"; then pids+=(--pid "$name=$pid"); fi
    done
  fi
  # The dev stack's JVM (the embedded Kafka broker): reported as stack_cpu_pct, not part of cpu_pct.
  local stack_pid
  if stack_pid="$(live_pid "$state_for_pids/run/stack.pid")"; then pids+=(--aux-pid "stack=$stack_pid"); fi
  [ "${#pids[@]}" -gt 0 ] || log "warning: no service pids (BENCH_PIDS or $state_for_pids/run/*.pid): cpu_pct and rss_mb will read na"
  db_url="${PORTICO_DB_URL:-$(env_value "$state_for_pids/stack.env" PORTICO_DB_URL)}"
  db_user="${PORTICO_DB_USER:-$(env_value "$state_for_pids/stack.env" PORTICO_DB_USER)}"
  db_password="${PORTICO_DB_PASSWORD:-$(env_value "$state_for_pids/stack.env" PORTICO_DB_PASSWORD)}"
  [ -n "$db_url" ] || log "warning: no database URL (PORTICO_DB_URL or $state_for_pids/stack.env): no insert ceiling"
  if [ -z "${PORTICO_DB_URL:-}" ] && [ -f "$state_for_pids/postgres/postmaster.pid" ]; then
    pg_pid="$(head -n 1 "$state_for_pids/postgres/postmaster.pid")"
    kill -0 "$pg_pid" 2>/dev/null || pg_pid=""
  fi

  local jfr=()
  if [ "${BENCH_JFR:-0}" = 1 ]; then
    jfr=(--jfr-dir "${RESULTS%.txt}-jfr")
    log "recording each measured window with JFR into ${RESULTS%.txt}-jfr/"
  fi
  local only=()
  if [ "$LAG_ONLY" = 1 ]; then
    [ "$LAG_S" != 0 ] || die "--projection-lag with BENCH_LAG_S=0 measures nothing"
    only=(--ceiling-s 0 --scenarios none)
  fi
  # shellcheck disable=SC2086 # SCENARIOS is a list
  run_bench "${jfr[@]}" --base-url "$base" --app-id "$APP_ID" --scenarios "$SCENARIOS" "${pids[@]}" \
    --query-url "$query" --lag-rate "$LAG_RATE" --lag-s "$LAG_S" --lag-warmup-s "$LAG_WARMUP_S" \
    "${startup[@]}" ${pg_pid:+--pg-pid "$pg_pid"} --db-url "$db_url" --db-user "${db_user:-postgres}" --db-password "${db_password:-postgres}" \
    "${only[@]}"
  stop_system

  local anon password pg
  anon="$(grep -E '^ours anon_login rps=' "$RESULTS" | tail -n 1 || true)"
  password="$(grep -E '^ours password_login rps=' "$RESULTS" | tail -n 1 || true)"
  pg="$(grep -E '^ours ceiling ' "$RESULTS" | tail -n 1 || true)"
  if [ -n "$anon" ] && [ -n "$pg" ]; then
    emit "compare anon_login_vs_pg_insert ours_rps=$(field "$anon" rps) pg_insert_commits_per_s=$(field "$pg" pg_insert_commits_per_s) ratio=$(ratio "$(field "$anon" rps)" "$(field "$pg" pg_insert_commits_per_s)") target_ratio=0.30"
  fi
  if [ -n "$password" ] && [ -n "$pg" ]; then
    emit "compare password_login_vs_argon2id ours_rps=$(field "$password" rps) argon2id_per_s=$(field "$pg" argon2id_per_s) ratio=$(ratio "$(field "$password" rps)" "$(field "$pg" argon2id_per_s)") target_ratio=0.90"
  fi

  if [ "$WITH_KEYCLOAK" = 1 ]; then
    [ -f "$KEYCLOAK_SCRIPT" ] || die "Keycloak script not found: $KEYCLOAK_SCRIPT (BENCH_KEYCLOAK_SCRIPT)"
    log "running Keycloak with the same settings: $KEYCLOAK_SCRIPT (KCB_CONNS=$CONNS KCB_WARMUP_S=$WARMUP_S KCB_DURATION_S=$DURATION_S)"
    local rc
    set +e
    KCB_CONNS="$CONNS" KCB_WARMUP_S="$WARMUP_S" KCB_DURATION_S="$DURATION_S" bash "$KEYCLOAK_SCRIPT" | tee -a "$RESULTS"
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" -ne 0 ]; then
      log "the Keycloak script exited with status $rc (its log lines above say why)"
      FAILED=1
    fi
    compare refresh_token refresh_token 15
    compare anon_login client_credentials 2
    compare profile userinfo 1.2
    compare password_login password_grant 1.5
  fi
  log "results: $RESULTS"
  return "$FAILED"
}

main
