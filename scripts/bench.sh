#!/usr/bin/env bash
# Times the reference stack's lifecycle on this machine: `up` until every service is healthy,
# the broker's recovery after `docker kill` + `docker start` (AMQP answering, then healthy),
# a request through Traefik, and `down`. Needs the stack to be down when it starts, and always
# takes it down again. `make bench` runs the verdict-engine benchmark (`chaoslab-bench verdicts`,
# no Docker) before this; docs/benchmarks.md says how to read both.
#
# Then, with CHAOSLAB_BIN (a chaoslab binary; `make bench` passes its release build), it runs
# every check once on a fresh stack and times each from the report. Every figure is compared
# with its last recorded value in bench/history.csv on a machine with as many cores; with
# CHAOSLAB_BENCH_RECORD=1 this run is appended there (do it when landing, so a slowdown shows in
# review).
#
# With CHAOSLAB_BENCH_COLD=1 it first times `make chaos` from nothing, phase by phase: a fresh
# clone of the committed HEAD (no .build, no image cache) with this project's images removed:
# packages and Docker (scripts/deps.sh), each image and the Swift build (scripts/images.sh's
# phases), the rest of the build, then `chaoslab run` (debug, as `make chaos` runs it); then the
# same again warm, images and build present. It removes chaoslab/* images, which it rebuilds.
#
# Environment: CHAOSLAB_BENCH_KILLS (broker kill rounds, default 3), CHAOSLAB_BIN,
# CHAOSLAB_BENCH_RECORD, CHAOSLAB_BENCH_COLD, CHAOSLAB_AMQP_PORT, CHAOSLAB_HTTP_PORT, and
# everything scripts/stack.sh reads.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KILLS="${CHAOSLAB_BENCH_KILLS:-3}"
AMQP_PORT="${CHAOSLAB_AMQP_PORT:-5672}"
HTTP_PORT="${CHAOSLAB_HTTP_PORT:-80}"
STACK="${CHAOSLAB_ROOT}/scripts/stack.sh"
RESULTS=()
FIGURES="$(mktemp)"
HISTORY="${CHAOSLAB_ROOT}/bench/history.csv"

# Prints and keeps a measurement; METRIC, when given, is its name in bench/history.csv (the
# value must then be seconds).
record() {
    RESULTS+=("$(printf '%-44s %s' "$1" "$2")")
    log "$1: $2"
    if [ -n "${3:-}" ]; then printf '%s\t%s\n' "$3" "$2" >>"${FIGURES}"; fi
}

# Succeeds when the broker on the published AMQP port answers the protocol header with
# connection.start (a bare TCP connect is not enough: Docker's proxy accepts before the broker).
amqp_answers() {
    python3 - "${AMQP_PORT}" <<'PY' 2>/dev/null
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as s:
    s.settimeout(1)
    s.sendall(b"AMQP\x00\x00\x09\x01")
    sys.exit(0 if s.recv(1) == b"\x01" else 1)
PY
}

service_container() {
    docker ps -aq --filter "label=com.docker.compose.project=${CHAOSLAB_PROJECT}" \
        --filter "label=com.docker.compose.service=$1" | head -n 1
}

# Waits (at most 120 s) until CONDITION (a command) succeeds; prints the seconds since START.
time_until() {
    local start="$1" deadline=$((SECONDS + 120))
    shift
    until "$@"; do
        [ "${SECONDS}" -lt "${deadline}" ] || die "gave up after 120 s waiting for: $*"
        sleep 0.1
    done
    since "${start}"
}

healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ]; }

main() {
    docker_answers || die "the Docker daemon does not answer; run 'make deps' first."
    [ -z "$(docker ps -q --filter "label=com.docker.compose.project=${CHAOSLAB_PROJECT}")" ] \
        || die "the stack ${CHAOSLAB_PROJECT} is running; the benchmark starts from nothing: run 'make down' first."
    trap '"${STACK}" down >/dev/null 2>&1 || true' EXIT

    if [ "${CHAOSLAB_BENCH_COLD:-0}" = 1 ]; then
        time_cold_start
    fi

    local started broker round
    started="$(now)"
    "${STACK}" up
    record "up -> every service healthy, routes up (s)" "$(since "${started}")" "up"

    local code seconds
    read -r code seconds < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
        "http://127.0.0.1:${HTTP_PORT}/api/health" || true)
    record "GET /api/health through Traefik" "HTTP ${code:-none} in ${seconds:-?} s"

    broker="$(service_container rabbitmq)"
    for round in $(seq 1 "${KILLS}"); do
        started="$(now)"
        docker kill "${broker}" >/dev/null
        docker start "${broker}" >/dev/null
        record "broker kill #${round} -> AMQP answers (s)" "$(time_until "${started}" amqp_answers)" "broker kill ${round} to AMQP"
        record "broker kill #${round} -> healthy (s)" "$(time_until "${started}" healthy "${broker}")" "broker kill ${round} to healthy"
    done

    started="$(now)"
    "${STACK}" down
    trap - EXIT
    record "down, volumes included (s)" "$(since "${started}")" "down"

    if [ -n "${CHAOSLAB_BIN:-}" ]; then
        time_checks
    fi

    echo
    echo "ChaosLab stack benchmark ($(nproc) cores, compose: ${COMPOSE[*]:-?})"
    printf '%s\n' "${RESULTS[@]}"

    local commit
    commit="$(git -C "${CHAOSLAB_ROOT}" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [ "${CHAOSLAB_BENCH_RECORD:-0}" = 1 ]; then
        python3 "${CHAOSLAB_ROOT}/scripts/bench_history.py" "${HISTORY}" "${FIGURES}" --record "${commit}"
    else
        python3 "${CHAOSLAB_ROOT}/scripts/bench_history.py" "${HISTORY}" "${FIGURES}"
    fi
    rm -f "${FIGURES}"
}

# Runs every check once with `chaoslab run` (its own stack: up, checks, down) and records the
# run and each check's duration from its report.
time_checks() {
    local report="${CHAOSLAB_ROOT}/build/bench/report" started status=0
    rm -rf "${report}"
    started="$(now)"
    "${CHAOSLAB_BIN}" run --quiet --report "${report}" >/dev/null || status=$?
    record "chaoslab run: up, every check, down (s)" "$(since "${started}")" "chaoslab run"
    [ -f "${report}/report.json" ] || die "chaoslab run wrote no report (exit ${status})"
    while IFS=$'\t' read -r check verdict seconds; do
        record "check ${check} (${verdict}) (s)" "${seconds}" "check ${check}"
    done < <(python3 -c '
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print("%s\t%s\t%.1f" % (result["check"], result["verdict"], result["duration"]))
' "${report}/report.json")
    [ "${status}" = 0 ] || warn "chaoslab run exited ${status}: a check did not pass (${report}/index.html); its time is still recorded"
}

# Runs every check once with the clone's chaoslab (its own stack: up, checks, down), the report
# in build/report-KIND of the clone, and records the time as "KIND chaoslab run".
run_in_clone() {
    local clone="$1" bin="$2" kind="$3" started status=0
    started="$(now)"
    (cd "${clone}" && "${bin}" run --quiet --report "${clone}/build/report-${kind}" >/dev/null) || status=$?
    record "${kind}: chaoslab run, debug (s)" "$(since "${started}")" "${kind} chaoslab run"
    [ "${status}" = 0 ] || warn "the ${kind} chaoslab run exited ${status} (${clone}/build/report-${kind}/index.html)"
}

# Times `make chaos` from a fresh clone with no images and no build, phase by phase, then warm.
time_cold_start() {
    local clone="${CHAOSLAB_ROOT}/build/bench/cold" phases image started total bin
    phases="$(mktemp)"
    rm -rf "${clone}"
    mkdir -p "$(dirname "${clone}")"
    git clone --quiet --no-hardlinks "${CHAOSLAB_ROOT}" "${clone}"
    log "cold start: a fresh clone of $(git -C "${clone}" rev-parse --short HEAD) in ${clone#"${CHAOSLAB_ROOT}"/}, this project's images removed"
    for image in "${CHAOSLAB_DEFAULT_RABBITMQ_IMAGE}" "${CHAOSLAB_DEFAULT_TRAEFIK_IMAGE}" \
        "${CHAOSLAB_DEFAULT_FIXTURE_IMAGE}" "${CHAOSLAB_DEFAULT_PYTHON_IMAGE}"; do
        docker image rm --force "${image}" >/dev/null 2>&1 || true
    done

    total="$(now)"
    started="$(now)"
    "${clone}/scripts/deps.sh" >/dev/null
    record "cold: packages and Docker (s)" "$(since "${started}")" "cold packages"
    started="$(now)"
    CHAOSLAB_CACHE="${clone}/build/cache" CHAOSLAB_IMAGES_PHASES="${phases}" "${clone}/scripts/images.sh"
    record "cold: images, fixture build included (s)" "$(since "${started}")" "cold images"
    while IFS=$'\t' read -r name seconds; do
        record "cold:   ${name} (s)" "${seconds}" "cold ${name%% (*}"
    done <"${phases}"
    rm -f "${phases}"
    started="$(now)"
    (cd "${clone}" && swift build --product chaoslab </dev/null >/dev/null)
    record "cold: the rest of the build, chaoslab (s)" "$(since "${started}")" "cold build chaoslab"
    bin="$(cd "${clone}" && swift build --show-bin-path)/chaoslab"
    run_in_clone "${clone}" "${bin}" cold
    record "cold: fresh clone to a written report (s)" "$(since "${total}")" "cold make chaos"

    # Warm: what `make chaos` does again with images and build present.
    started="$(now)"
    CHAOSLAB_CACHE="${clone}/build/cache" "${clone}/scripts/images.sh" >/dev/null
    (cd "${clone}" && swift build --product chaoslab </dev/null >/dev/null)
    record "warm: images and build checked (s)" "$(since "${started}")" "warm images and build"
    run_in_clone "${clone}" "${bin}" warm
    record "warm: make chaos (s)" "$(since "${started}")" "warm make chaos"
    local checks_seconds
    checks_seconds="$(python3 -c '
import json, sys
print("%.1f" % sum(result["duration"] for result in json.load(open(sys.argv[1]))["results"]))
' "${clone}/build/report-warm/report.json")"
    record "warm: the checks alone, debug (s)" "${checks_seconds}" "warm checks"
    # The clone's build is large and of no further use; its reports stay for a look.
    rm -rf "${clone}/.build"
}

find_compose || die "no compose command; run 'make deps' first."
main "$@"
