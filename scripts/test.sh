#!/usr/bin/env bash
# What `make test` runs after the images: the package's tests (fast and live), then the example
# team package's (examples/team-checks, ChaosLabTesting used from outside).
#
# The team package is a package of its own, with a build folder of its own: building it
# compiles ChaosLab and every dependency again (about 240 s on 2 cores). That build runs in the
# background at the lowest CPU priority beside this package's `swift test`. It starts beside
# this package's own build too, and there both are bound by the CPU: on a fresh clone the two
# builds ended together after 461 s, against 212 s + 240 s one after the other, so today it
# saves nothing; started after this package's build, it would overlap only the live suites,
# which mostly wait on the stacks. (A build folder shared with this package is not an option:
# SwiftPM then keeps one package's build plan and runs that package's tests for the other.)
#
# Arguments are passed to this package's `swift test`.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEAM="${CHAOSLAB_ROOT}/examples/team-checks"
TEAM_LOG="${TEAM}/.build/team-checks-build.log"
mkdir -p "${TEAM}/.build"

log "swift build of examples/team-checks in the background, at the lowest CPU priority (log: ${TEAM_LOG#"${CHAOSLAB_ROOT}"/})"
nice -n 19 swift build --package-path "${TEAM}" --build-tests </dev/null >"${TEAM_LOG}" 2>&1 &
team_build=$!
# Whatever ends this script ends that build too.
trap 'kill "${team_build}" 2>/dev/null || true' EXIT

status=0
(cd "${CHAOSLAB_ROOT}" && swift test "$@") || status=$?

log "waiting for the build of examples/team-checks"
if ! wait "${team_build}"; then
    tail -n 20 "${TEAM_LOG}" >&2
    die "the build of examples/team-checks failed (the whole log: ${TEAM_LOG#"${CHAOSLAB_ROOT}"/})."
fi
trap - EXIT
[ "${status}" -eq 0 ] || die "swift test failed (exit ${status}); examples/team-checks was built but not run."
log "swift test in examples/team-checks"
swift test --package-path "${TEAM}" --skip-build
