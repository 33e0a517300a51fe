#!/usr/bin/env bash
# Builds the bench module (and what it needs) with the Maven wrapper, then runs one benchmark's main class.
# Usage: bench/run-main.sh CLASS [ARGS...]   (the run-*.sh scripts call this with their class)
# MVN_FLAGS adds Maven flags (e.g. MVN_FLAGS=-o to build offline). BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
main_class="$1"
shift
JAVA_HOME="$("$root/bin/jdk")"
export JAVA_HOME
cd "$root"

# One reactor build: bench's classpath then points at this build of core, server and client, not at whatever an
# earlier `install` left in the local repository. Tests are not compiled or run here. Each benchmark writes its own
# classpath file, so that two of them can be started at once.
classpath_file="target/classpath-$main_class.txt"
./mvnw -q ${MVN_FLAGS:-} -pl bench -am -Dmaven.test.skip=true \
  package dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime

exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
  -cp "$root/bench/target/classes:$(cat "$root/bench/$classpath_file")" \
  "dev.modelregistry.bench.$main_class" "$@"
