#!/usr/bin/env bash
# Runs the whole test suite the way CI does: makes sure the real servers the tests start
# are installed (Redis, PostgreSQL 15, Prometheus), then builds every module and runs unit
# tests, Quarkus tests and packaged-jar ITs, failing on unformatted code instead of
# rewriting it.
#
#   ./scripts/test.sh                          everything
#   ./scripts/test.sh -pl cache-service -am    extra arguments go to Maven
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOG_TAG=test
# shellcheck source=lib/log.sh
source "$ROOT/scripts/lib/log.sh"

java_major() {
  java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

command -v java >/dev/null || die "java not found: install a JDK 17+ (apt-get install -y openjdk-17-jdk-headless)"
(($(java_major) >= 17)) || die "JDK 17+ required, found $(java_major)"

# the test resources (test-support) start these servers themselves, on free ports
"$ROOT/scripts/infra.sh" install

cd "$ROOT"
log "building and testing all modules (format is validated, not applied)"
./mvnw -B -ntp verify -Dformat.goal=validate -Dimpsort.goal=check "$@"
