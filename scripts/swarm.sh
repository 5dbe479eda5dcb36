#!/usr/bin/env bash
# A Docker Swarm of N nodes on this one machine, for `chaoslab run --swarm`: each node is an
# extra dockerd in its own network namespace, joined to the others by a bridge.
#
#   scripts/swarm.sh up [N]     create N nodes (default 3: one manager, N-1 workers), form the
#                               swarm and load the images into each
#   scripts/swarm.sh down       remove every node: swarm, daemons, shims, mounts, namespaces,
#                               bridge and data
#   scripts/swarm.sh status     the nodes as the manager sees them
#   scripts/swarm.sh nodes      one line per node: name, address, Docker socket, daemon pid
#   scripts/swarm.sh lose N     node N fails as a machine does: its link goes down (peers get no
#                               FIN or RST, as from a machine that lost power), then every
#                               process in its namespace (daemon, containerd, shims,
#                               containers) is SIGKILLed
#   scripts/swarm.sh revive N   brings node N's link up and starts its daemon again; it rejoins
#                               the swarm
#   scripts/swarm.sh partition N
#                               node N keeps running but every packet between it and the other
#                               nodes is dropped (iptables in its namespace), as behind a failed
#                               switch: its containers' overlay traffic and Swarm's own go silent
#   scripts/swarm.sh heal N     removes that partition, and nothing else
#
# Docker refuses privileged containers here, so nodes cannot be containers (docker-in-docker);
# a daemon per network namespace works. Each daemon runs with `--iptables=false --bridge=none`;
# containers of a stack reach each other over Swarm's overlay (vxlan) network, and a port a
# service publishes in host mode listens on its node's address on the bridge, reachable from
# this host only. CHAOSLAB_SWARM_IMAGES names the images to load (default: the reference
# stack's); `chaoslab run --swarm` loads the images a stack builds itself.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BRIDGE=clswarm0
SUBNET_PREFIX=10.213.0
HOST_ADDRESS="${SUBNET_PREFIX}.1"
STATE=/run/chaoslab-swarm
DATA=/var/lib/chaoslab-swarm
LOGS=/var/log/chaoslab-swarm

node_name() { printf 'clnode%d' "$1"; }
node_address() { printf '%s.%d' "${SUBNET_PREFIX}" "$((10 + $1))"; }
node_socket() { printf 'unix://%s/%s/docker.sock' "${STATE}" "$(node_name "$1")"; }
node_docker() { local index="$1"; shift; docker -H "$(node_socket "${index}")" "$@"; }

# The node indices that exist now, from their namespaces.
existing_nodes() {
    ip netns list 2>/dev/null | awk '{print $1}' | sed -n 's/^clnode\([0-9]\+\)$/\1/p' | sort -n
}

# Creates the bridge on the host, once.
make_bridge() {
    if ! ip link show "${BRIDGE}" >/dev/null 2>&1; then
        ip link add "${BRIDGE}" type bridge
        ip addr add "${HOST_ADDRESS}/24" dev "${BRIDGE}"
    fi
    ip link set "${BRIDGE}" up
}

# Creates node $1's namespace and its veth pair to the bridge.
make_node() {
    local index="$1" name address
    name="$(node_name "${index}")"
    address="$(node_address "${index}")"
    ip netns add "${name}"
    ip link add "veth-${name}" type veth peer name eth0 netns "${name}"
    ip link set "veth-${name}" master "${BRIDGE}" up
    nsenter --net="/var/run/netns/${name}" ip addr add "${address}/24" dev eth0
    nsenter --net="/var/run/netns/${name}" ip link set eth0 up
    nsenter --net="/var/run/netns/${name}" ip link set lo up
    # No default route: the nodes reach each other and this host on the bridge, and nothing
    # else. Swarm's agent tries a registry before using an image a node has; unrouted, that
    # fails at once instead of after 20 s of DNS timeouts.
    mkdir -p "${STATE}/${name}" "${DATA}/${name}" "${LOGS}"
}

# Starts node $1's dockerd in its namespace (again, after `lose`: its swarm state is kept).
start_daemon() {
    local index="$1" name
    name="$(node_name "${index}")"
    # Not `ip netns exec`: it remounts /sys, and dockerd then stops with "Devices cgroup isn't
    # mounted". setsid: the daemon outlives this script and ignores its terminal's ^C.
    setsid nsenter --net="/var/run/netns/${name}" dockerd \
        --data-root "${DATA}/${name}" --exec-root "${STATE}/${name}/exec" \
        -H "$(node_socket "${index}")" --pidfile "${STATE}/${name}/docker.pid" \
        --iptables=false --bridge=none --storage-driver=overlay2 \
        </dev/null >>"${LOGS}/${name}.log" 2>&1 &
}

wait_for_node() {
    local index="$1" tries=0
    until node_docker "${index}" info >/dev/null 2>&1; do
        tries=$((tries + 1))
        [ "${tries}" -lt 300 ] || die "node $(node_name "${index}") did not answer within 30 s; see ${LOGS}/$(node_name "${index}").log"
        sleep 0.1
    done
}

# Loads each image into every node that lacks it or has another version of it.
load_images() {
    local count="$1" image id index started
    local images=("${CHAOSLAB_RABBITMQ_IMAGE:-${CHAOSLAB_DEFAULT_RABBITMQ_IMAGE}}"
        "${CHAOSLAB_TRAEFIK_IMAGE:-${CHAOSLAB_DEFAULT_TRAEFIK_IMAGE}}"
        "${CHAOSLAB_FIXTURE_IMAGE:-${CHAOSLAB_DEFAULT_FIXTURE_IMAGE}}")
    # shellcheck disable=SC2206 # a space-separated list
    [ -z "${CHAOSLAB_SWARM_IMAGES:-}" ] || images=(${CHAOSLAB_SWARM_IMAGES})
    for image in "${images[@]}"; do
        id="$(docker image inspect --format '{{.Id}}' "${image}" 2>/dev/null)" \
            || die "image ${image} is not on this host; run 'make images' first."
        for index in $(seq 1 "${count}"); do
            [ "$(node_docker "${index}" image inspect --format '{{.Id}}' "${image}" 2>/dev/null)" != "${id}" ] || continue
            started="$(now)"
            docker save "${image}" | node_docker "${index}" load >/dev/null
            log "loaded ${image} into $(node_name "${index}") in $(since "${started}") s"
        done
    done
}

swarm_up() {
    local count="${1:-3}" index started token manager_address
    [[ "${count}" =~ ^[1-9]$ ]] || die "the node count must be 1 to 9, not '${count}'."
    [ "$(id -u)" -eq 0 ] || die "creating network namespaces and daemons needs root."
    if [ -n "$(existing_nodes)" ]; then
        log "a swarm lab exists already; removing it first"
        swarm_down
    fi
    started="$(now)"
    make_bridge
    for index in $(seq 1 "${count}"); do make_node "${index}"; start_daemon "${index}"; done
    for index in $(seq 1 "${count}"); do wait_for_node "${index}"; done
    log "${count} node daemons answer after $(since "${started}") s"
    manager_address="$(node_address 1)"
    node_docker 1 swarm init --advertise-addr "${manager_address}" --listen-addr "${manager_address}:2377" >/dev/null
    token="$(node_docker 1 swarm join-token -q worker)"
    for index in $(seq 2 "${count}"); do
        node_docker "${index}" swarm join --token "${token}" --advertise-addr "$(node_address "${index}")" \
            --listen-addr "$(node_address "${index}"):2377" "${manager_address}:2377" >/dev/null
    done
    # Every node answers to its own name in placement constraints (node.labels.chaoslab.node).
    for index in $(seq 1 "${count}"); do
        node_docker 1 node update --label-add "chaoslab.node=$(node_name "${index}")" \
            "$(node_docker "${index}" info --format '{{.Swarm.NodeID}}')" >/dev/null
    done
    log "swarm of ${count} formed after $(since "${started}") s (manager $(node_name 1) at ${manager_address})"
    load_images "${count}"
    log "swarm lab ready after $(since "${started}") s; CHAOSLAB_SWARM_HOST=$(node_socket 1)"
}

# Removes everything `up` made, whatever state it is in; safe to run twice.
swarm_down() {
    local index name pid
    for index in $(existing_nodes); do
        name="$(node_name "${index}")"
        node_docker "${index}" swarm leave --force >/dev/null 2>&1 || true
        if [ -f "${STATE}/${name}/docker.pid" ]; then
            pid="$(cat "${STATE}/${name}/docker.pid")"
            kill "${pid}" 2>/dev/null || true
            for _ in $(seq 1 100); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.1; done
            kill -9 "${pid}" 2>/dev/null || true
        fi
        # The containerd and shims of this node only: those whose command line names its folders.
        for pid in $(pgrep -f -- "${STATE}/${name}/" || true); do kill -9 "${pid}" 2>/dev/null || true; done
        awk -v state="${STATE}/${name}" -v data="${DATA}/${name}" '$2 ~ "^" state || $2 ~ "^" data {print $2}' /proc/mounts \
            | sort -r | while read -r mount; do umount -l "${mount}" 2>/dev/null || true; done
        ip link del "veth-${name}" 2>/dev/null || true
        ip netns del "${name}" 2>/dev/null || true
        rm -rf "${STATE:?}/${name}" "${DATA:?}/${name}"
        log "removed node ${name}"
    done
    ip link del "${BRIDGE}" 2>/dev/null || true
}

# Node $1's link down, then every process in its namespace SIGKILLed at once: a machine that
# lost its power. Its peers learn it only by their own timeouts (AMQP heartbeats, Swarm's).
lose_node() {
    local index="$1" name pids
    name="$(node_name "${index}")"
    [ -e "/var/run/netns/${name}" ] || die "there is no node ${name}."
    ip link set "veth-${name}" down
    pids="$(ip netns pids "${name}")"
    # shellcheck disable=SC2086 # one argument per pid
    [ -z "${pids}" ] || kill -9 ${pids}
    for _ in $(seq 1 100); do [ -z "$(ip netns pids "${name}")" ] && break; sleep 0.1; done
    # The containers' mounts outlive their processes; the daemon cleans them up when it comes back.
    log "lost node ${name} ($(printf '%s\n' "${pids}" | grep -c . || true) processes killed)"
}

revive_node() {
    local index="$1" name
    name="$(node_name "${index}")"
    [ -e "/var/run/netns/${name}" ] || die "there is no node ${name}."
    ! node_docker "${index}" info >/dev/null 2>&1 || die "node ${name} runs already."
    # The dead daemon's and containerd's pid files would make the new ones wait for them.
    rm -f "${STATE}/${name}/docker.pid" "${STATE}/${name}/exec/containerd/containerd.pid"
    ip link set "veth-${name}" up
    start_daemon "${index}"
    wait_for_node "${index}"
    log "revived node ${name}"
}

# The lab's own chain in a node's namespace, reached from INPUT and OUTPUT: heal removes it and
# nothing else.
PARTITION_CHAIN=CHAOSLAB-NODE-PARTITION
in_node() { local name="$1"; shift; nsenter --net="/var/run/netns/${name}" "$@"; }

# Drops every packet between node $1 and each other node, both ways: Swarm's gossip and raft,
# and the overlay's vxlan (encapsulated in the node's namespace) with them. This host and the
# node still reach each other, so the lab keeps watching the node's side.
partition_node() {
    local index="$1" name peer
    name="$(node_name "${index}")"
    [ -e "/var/run/netns/${name}" ] || die "there is no node ${name}."
    in_node "${name}" iptables -w -N "${PARTITION_CHAIN}" 2>/dev/null || in_node "${name}" iptables -w -F "${PARTITION_CHAIN}"
    for peer in $(existing_nodes); do
        [ "${peer}" != "${index}" ] || continue
        in_node "${name}" iptables -w -A "${PARTITION_CHAIN}" -s "$(node_address "${peer}")" -j DROP
        in_node "${name}" iptables -w -A "${PARTITION_CHAIN}" -d "$(node_address "${peer}")" -j DROP
    done
    in_node "${name}" iptables -w -C INPUT -j "${PARTITION_CHAIN}" 2>/dev/null || in_node "${name}" iptables -w -I INPUT 1 -j "${PARTITION_CHAIN}"
    in_node "${name}" iptables -w -C OUTPUT -j "${PARTITION_CHAIN}" 2>/dev/null || in_node "${name}" iptables -w -I OUTPUT 1 -j "${PARTITION_CHAIN}"
    log "partitioned node ${name} from the other nodes"
}

heal_node() {
    local index="$1" name
    name="$(node_name "${index}")"
    [ -e "/var/run/netns/${name}" ] || die "there is no node ${name}."
    while in_node "${name}" iptables -w -D INPUT -j "${PARTITION_CHAIN}" 2>/dev/null; do :; done
    while in_node "${name}" iptables -w -D OUTPUT -j "${PARTITION_CHAIN}" 2>/dev/null; do :; done
    if in_node "${name}" iptables -w -F "${PARTITION_CHAIN}" 2>/dev/null; then
        in_node "${name}" iptables -w -X "${PARTITION_CHAIN}"
    fi
    log "healed node ${name}'s partition"
}

# One line per node: name, address on the bridge, Docker socket, daemon pid (0 when down).
list_nodes() {
    local index name pid
    for index in $(existing_nodes); do
        name="$(node_name "${index}")"
        pid="$(cat "${STATE}/${name}/docker.pid" 2>/dev/null || echo 0)"
        kill -0 "${pid}" 2>/dev/null || pid=0
        printf '%s %s %s %s\n' "${name}" "$(node_address "${index}")" "$(node_socket "${index}")" "${pid}"
    done
}

swarm_status() {
    [ -n "$(existing_nodes)" ] || { log "no swarm lab"; return 0; }
    node_docker 1 node ls
}

case "${1:-}" in
    up) swarm_up "${2:-3}" ;;
    down) swarm_down; log "swarm lab removed" ;;
    status) swarm_status ;;
    nodes) list_nodes ;;
    lose) lose_node "${2:?usage: scripts/swarm.sh lose N}" ;;
    revive) revive_node "${2:?usage: scripts/swarm.sh revive N}" ;;
    partition) partition_node "${2:?usage: scripts/swarm.sh partition N}" ;;
    heal) heal_node "${2:?usage: scripts/swarm.sh heal N}" ;;
    *) die "usage: scripts/swarm.sh up [N] | down | status | nodes | lose N | revive N | partition N | heal N" ;;
esac
