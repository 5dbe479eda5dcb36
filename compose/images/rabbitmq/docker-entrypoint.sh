#!/bin/sh
# Entrypoint of the chaoslab/rabbitmq image (Debian's RabbitMQ). Mirrors the official image's
# contract: `docker-entrypoint.sh rabbitmq-server` runs the broker in the foreground as the
# rabbitmq user, logging to stdout; any other command runs as given.
set -eu

if [ "${1:-}" = rabbitmq-server ] && [ "$(id -u)" = 0 ]; then
    # A fresh named volume, or one another image wrote, may belong to someone else.
    find /var/lib/rabbitmq /var/log/rabbitmq \! -user rabbitmq -exec chown rabbitmq:rabbitmq '{}' +
    # setpriv execs in place (no extra parent process), so signals reach the broker directly.
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
        env HOME=/var/lib/rabbitmq "$0" "$@"
fi

if [ "${1:-}" = rabbitmq-server ]; then
    shift
    cd /var/lib/rabbitmq
    # Written before the broker starts so the CLI tools (healthcheck) never race it to the file.
    if [ ! -s .erlang.cookie ]; then
        umask 077
        tr -dc 'A-Z' </dev/urandom | head -c 20 >.erlang.cookie || true
        chmod 400 .erlang.cookie
    fi
    # Debian's /usr/sbin/rabbitmq-server wrapper sends output to a file when run as rabbitmq;
    # the real script keeps it on stdout.
    exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi

exec "$@"
