#!/bin/sh
# Entrypoint of the reference stack's broker: renders its configuration from the environment,
# then runs the image's own entrypoint (`docker-entrypoint.sh rabbitmq-server`, which both
# chaoslab/rabbitmq and the official rabbitmq images have).
#
#   CHAOSLAB_AMQP_USER / CHAOSLAB_AMQP_PASSWORD   the one broker user (administrator on /)
#   CHAOSLAB_KNOBS   comma-separated fault knobs; non-durable-queue and no-dead-letter change
#                    the work queue's declaration, the others belong to the fixtures
#
# The topology comes from a definitions file imported at boot. A node that imports definitions
# on its first boot does not create its default user, so the user is declared here too; guest
# is therefore never created.
set -eu

config_dir=/etc/chaoslab/rabbitmq
out_dir=/tmp/chaoslab-rabbitmq
user="${CHAOSLAB_AMQP_USER:?CHAOSLAB_AMQP_USER must name the broker user}"
password="${CHAOSLAB_AMQP_PASSWORD:?CHAOSLAB_AMQP_PASSWORD must be set}"

# Prints $1 without the whitespace around it (word splitting does the work; globbing is off).
trim() {
    # shellcheck disable=SC2086 # splitting is the point
    set -- $1
    printf '%s' "$*"
}

work_durable=true
work_dead_letter=true
guest_remote=false
set -f
old_ifs=$IFS
IFS=,
for knob in ${CHAOSLAB_KNOBS:-}; do
    IFS=$old_ifs
    case "$(trim "$knob")" in
        '') ;;
        non-durable-queue) work_durable=false ;;
        no-dead-letter) work_dead_letter=false ;;
        guest-remote) guest_remote=true ;;
        auto-ack | prefetch-unlimited | requeue-poison | transient-messages | idle-worker2 | accept-empty-message | non-json-body | answer-before-publish | monitor-route-moved) ;;
        *)
            printf "chaoslab-entrypoint: unknown knob '%s' in CHAOSLAB_KNOBS (known: auto-ack, prefetch-unlimited, requeue-poison, transient-messages, non-durable-queue, no-dead-letter, idle-worker2, accept-empty-message, non-json-body, answer-before-publish, guest-remote, monitor-route-moved)\n" "$(trim "$knob")" >&2
            exit 64
            ;;
    esac
done
IFS=$old_ifs
set +f

# Prints $1 as a JSON string.
json_string() {
    rest=$1
    escaped=
    while [ -n "$rest" ]; do
        tail=${rest#?}
        char=${rest%"$tail"}
        rest=$tail
        # shellcheck disable=SC1003 # a lone backslash in single quotes
        case $char in
            '"' | '\') escaped="$escaped\\$char" ;;
            *) escaped="$escaped$char" ;;
        esac
    done
    printf '"%s"' "$escaped"
}

# The work queue is bounded; overflow drops the oldest message, which is dead-lettered (reason
# maxlen) like a rejected or expired one.
if [ "$work_dead_letter" = true ]; then
    work_arguments='{"x-dead-letter-exchange": "chaoslab.dlx", "x-dead-letter-routing-key": "chaoslab.dead", "x-max-length": 1000}'
else
    work_arguments='{"x-max-length": 1000}'
fi

# The guest-remote knob: the classic mistake of a guest/guest administrator reachable from
# anywhere (the official image's own conf.d does the same with loopback_users.guest = false).
extra_users=
extra_permissions=
if [ "$guest_remote" = true ]; then
    extra_users=',
    {"name": "guest", "password": "guest", "tags": "administrator"}'
    extra_permissions=',
    {"user": "guest", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}'
fi

umask 022
mkdir -p "$out_dir/conf.d"
cp "$config_dir/rabbitmq.conf" "$out_dir/conf.d/10-chaoslab.conf"
printf 'load_definitions = %s\n' "$out_dir/definitions.json" >"$out_dir/conf.d/20-definitions.conf"
if [ "$guest_remote" = true ]; then
    printf 'loopback_users = none\n' >"$out_dir/conf.d/30-guest-remote.conf"
fi

umask 077
cat >"$out_dir/definitions.json" <<JSON
{
  "users": [
    {"name": $(json_string "$user"), "password": $(json_string "$password"), "tags": "administrator"}$extra_users
  ],
  "vhosts": [{"name": "/"}],
  "permissions": [
    {"user": $(json_string "$user"), "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}$extra_permissions
  ],
  "exchanges": [
    {"name": "chaoslab.dlx", "vhost": "/", "type": "direct", "durable": true, "auto_delete": false, "internal": false, "arguments": {}}
  ],
  "queues": [
    {"name": "chaoslab.work", "vhost": "/", "durable": $work_durable, "auto_delete": false, "arguments": $work_arguments},
    {"name": "chaoslab.dead", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}}
  ],
  "bindings": [
    {"source": "chaoslab.dlx", "vhost": "/", "destination": "chaoslab.dead", "destination_type": "queue", "routing_key": "chaoslab.dead", "arguments": {}}
  ]
}
JSON
# The broker runs as rabbitmq and must read the password; nobody else needs to.
chown -R rabbitmq:rabbitmq "$out_dir" 2>/dev/null || true

export RABBITMQ_CONFIG_FILES="$out_dir/conf.d"
printf "chaoslab-entrypoint: user '%s', work queue durable=%s dead-letter=%s, guest from anywhere=%s, knobs '%s'\n" \
    "$user" "$work_durable" "$work_dead_letter" "$guest_remote" "${CHAOSLAB_KNOBS:-}"

if [ "$#" -gt 0 ]; then
    exec "$@"
fi
exec docker-entrypoint.sh rabbitmq-server
