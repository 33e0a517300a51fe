#!/usr/bin/env bash
# Builds the bench module (and what it needs) with the Maven wrapper, then runs the rollback propagation benchmark.
# Arguments are passed on to the benchmark, e.g.:
#   bench/run-rollback.sh --guards 100 --rollbacks 30 --sqlite
# MVN_FLAGS adds Maven flags (e.g. MVN_FLAGS=-o to build offline). BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_major() {
  # "openjdk version "25.0.1" ..." or "java version "1.8.0_392"" -> 25 / 8
  local v
  v="$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)"
  case "$v" in
    1.*) v="${v#1.}" ;;
  esac
  echo "${v%%[.+-]*}"
}

pick_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    echo "$JAVA_HOME"
    return
  fi
  local candidate
  for candidate in /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/java" ]] && (( $(java_major "$candidate/bin/java") >= 21 )); then
      echo "$candidate"
      return
    fi
  done
  echo "no JDK 21 or newer found (set JAVA_HOME)" >&2
  exit 1
}

JAVA_HOME="$(pick_java_home)"
export JAVA_HOME
cd "$root"

# One reactor build: bench's classpath then points at this build of core, server and client, not at
# whatever an earlier `install` left in the local repository. Tests are not compiled or run here.
classpath_file="$root/bench/target/classpath-rollback.txt"
./mvnw -q ${MVN_FLAGS:-} -pl bench -am -Dmaven.test.skip=true \
  package dependency:build-classpath -Dmdep.outputFile=target/classpath-rollback.txt -Dmdep.includeScope=runtime

exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
  -cp "$root/bench/target/classes:$(cat "$classpath_file")" \
  dev.modelregistry.bench.RollbackBenchmark "$@"
