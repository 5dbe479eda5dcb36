#!/usr/bin/env bash
# Brings the reference stack up (and waits until every service is running and healthy) or
# down (containers, network and volumes), with compose directly.
#
#   scripts/stack.sh up | down | ps | logs [SERVICE…]
#
# Environment: CHAOSLAB_PROJECT (default chaoslab), CHAOSLAB_UP_TIMEOUT (seconds, default 180),
# and everything compose/docker-compose.yml reads (CHAOSLAB_KNOBS, ports, images, credentials).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

UP_TIMEOUT="${CHAOSLAB_UP_TIMEOUT:-180}"

# Prints "service status health" for each container of the project (health "-" when the
# service has no healthcheck).
container_states() {
    local ids
    ids="$(docker ps -aq --filter "label=com.docker.compose.project=${CHAOSLAB_PROJECT}")"
    [ -n "${ids}" ] || return 0
    # shellcheck disable=SC2086 # one argument per id
    docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}}' ${ids}
}

# The locally built images must exist: compose would try to pull them and fail. A user's own
# image (outside chaoslab/) may come from a registry, so it is left to compose.
require_images() {
    local name missing=()
    for name in "${CHAOSLAB_RABBITMQ_IMAGE:-${CHAOSLAB_DEFAULT_RABBITMQ_IMAGE}}" \
        "${CHAOSLAB_TRAEFIK_IMAGE:-${CHAOSLAB_DEFAULT_TRAEFIK_IMAGE}}" \
        "${CHAOSLAB_FIXTURE_IMAGE:-${CHAOSLAB_DEFAULT_FIXTURE_IMAGE}}"; do
        [[ "${name}" == chaoslab/* ]] || continue
        image_exists "${name}" || missing+=("${name}")
    done
    [ "${#missing[@]}" -eq 0 ] || die "missing images: ${missing[*]}; run 'make images' (they are built locally, not pulled)."
}

# Prints the last log lines of every service whose container stopped, to say why.
explain_stopped() {
    local service status rest
    while read -r service status rest; do
        case "${status}" in
            exited | dead)
                printf 'error: %s stopped (%s); its last log lines:\n' "${service}" "$(docker ps -a \
                    --filter "label=com.docker.compose.project=${CHAOSLAB_PROJECT}" \
                    --filter "label=com.docker.compose.service=${service}" --format '{{.Status}}')" >&2
                compose logs --no-color --tail=20 "${service}" >&2 || true
                ;;
        esac
    done < <(container_states)
}

# Prints the reference routes through Traefik that do not answer yet as their backend would
# (/api/health: 200, or 503 while the broker is away; /monitor/: 200).
routes_pending() {
    local base="http://127.0.0.1:${CHAOSLAB_HTTP_PORT:-80}" code
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "${base}/api/health" || true)"
    [[ "${code}" =~ ^(200|503)$ ]] || echo "route:/api/health=${code}"
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "${base}/monitor/" || true)"
    [ "${code}" = 200 ] || echo "route:/monitor/=${code}"
}

# Waits until every service has a running container that is healthy (or has no healthcheck).
wait_ready() {
    local started="$1" services deadline=$((SECONDS + UP_TIMEOUT)) states service line pending
    services="$(compose config --services)"
    while :; do
        states="$(container_states)"
        pending=()
        for service in ${services}; do
            line="$(grep "^${service} " <<<"${states}" || true)"
            case "${line}" in
                "${service} running healthy" | "${service} running -") ;;
                "${service} exited"* | "${service} dead"*)
                    explain_stopped
                    exit 1
                    ;;
                *) pending+=("${service}:${line#"${service}" }") ;;
            esac
        done
        # Traefik routes to a backend only once it has seen it healthy (its provider reacts
        # within about 2 s), so the routes are part of "ready".
        [ "${#pending[@]}" -gt 0 ] || mapfile -t pending < <(routes_pending)
        [ "${#pending[@]}" -gt 0 ] || break
        if [ "${SECONDS}" -ge "${deadline}" ]; then
            printf 'error: not ready after %s s: %s\n' "${UP_TIMEOUT}" "${pending[*]}" >&2
            compose ps >&2 || true
            exit 1
        fi
        sleep 0.5
    done
    log "stack ${CHAOSLAB_PROJECT} healthy and routed $(since "${started}") s after 'up' ($(wc -w <<<"${services}") services)"
}

up() {
    require_images
    local started
    started="$(now)"
    log "${COMPOSE[*]} -p ${CHAOSLAB_PROJECT} up -d (knobs: '${CHAOSLAB_KNOBS:-}')"
    if ! compose up -d --remove-orphans; then
        explain_stopped
        die "compose up failed for stack ${CHAOSLAB_PROJECT}; 'make down' removes what was started."
    fi
    wait_ready "${started}"
}

down() {
    local started
    started="$(now)"
    log "${COMPOSE[*]} -p ${CHAOSLAB_PROJECT} down --volumes"
    # The volumes go too, so nothing is lost by not waiting for a graceful broker shutdown.
    compose down --volumes --remove-orphans --timeout 2
    log "stack ${CHAOSLAB_PROJECT} down in $(since "${started}") s"
}

main() {
    docker_answers || die "the Docker daemon does not answer; run 'make deps' first."
    find_compose || die "no compose command (docker compose or docker-compose); run 'make deps' first."
    case "${1:-}" in
        up) up ;;
        down) down ;;
        ps) compose ps ;;
        logs) shift; compose logs --timestamps "$@" ;;
        *) die "usage: $(basename "$0") up | down | ps | logs [SERVICE…]" ;;
    esac
}

main "$@"
