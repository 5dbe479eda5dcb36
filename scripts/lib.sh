# shellcheck shell=bash
# shellcheck disable=SC2034 # the names defined here are used by the scripts that source it
# Shared helpers for the scripts in this folder; sourced, never run.
# Every script prints what it does on stdout and its errors on stderr.

# Failures inside $(…) stop the script too.
shopt -s inherit_errexit

CHAOSLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHAOSLAB_COMPOSE_FILE="${CHAOSLAB_ROOT}/compose/docker-compose.yml"
CHAOSLAB_PROJECT="${CHAOSLAB_PROJECT:-chaoslab}"
CHAOSLAB_CACHE="${CHAOSLAB_CACHE:-${CHAOSLAB_ROOT}/build/cache}"

# The locally built images; a user may point any of them at another image instead.
CHAOSLAB_DEFAULT_RABBITMQ_IMAGE="chaoslab/rabbitmq:3.10"
CHAOSLAB_DEFAULT_TRAEFIK_IMAGE="chaoslab/traefik:3.7"
CHAOSLAB_DEFAULT_FIXTURE_IMAGE="chaoslab/fixture:latest"
# The base of the example student stacks (examples/): Debian's Python with Flask and pika.
CHAOSLAB_DEFAULT_PYTHON_IMAGE="chaoslab/python:3.11"

# Swift lives outside the default PATH on the machines this project targets.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    PATH="/opt/swift/usr/bin:${PATH}"
fi
export PATH

log() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Seconds since the epoch with milliseconds, for timing steps.
now() { date +%s.%N; }
# Elapsed seconds since a `now` value, one decimal.
since() { awk -v start="$1" -v end="$(date +%s.%N)" 'BEGIN { printf "%.1f", end - start }'; }

# Sets the COMPOSE array to the compose command: `docker compose` (v2) when the docker CLI has
# it, else the standalone `docker-compose`.
find_compose() {
    if docker compose version >/dev/null 2>&1; then
        COMPOSE=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1 && docker-compose version >/dev/null 2>&1; then
        COMPOSE=(docker-compose)
    else
        return 1
    fi
}

# Runs compose on the reference stack's file and project.
compose() {
    "${COMPOSE[@]}" -p "${CHAOSLAB_PROJECT}" -f "${CHAOSLAB_COMPOSE_FILE}" "$@"
}

# True when the Docker daemon answers.
docker_answers() { docker info >/dev/null 2>&1; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
