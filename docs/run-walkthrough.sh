#!/usr/bin/env bash
# Runs the README's walk-through exactly as written, against a fresh server, failing on the first error:
# the shell blocks between <!-- walkthrough:begin --> and <!-- walkthrough:end --> in README.md, in order, as one
# script under `set -euo pipefail`. The server is what the README's "Before you start" starts by hand: the
# embedded defaults, in a data directory of its own, on a free port. Needs the jar (cli/target/modelreg.jar).
# The walkthrough Maven module runs this in `./mvnw verify`; alone: docs/run-walkthrough.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$root/cli/target/modelreg.jar" ]; then
  echo "walkthrough: cli/target/modelreg.jar is missing; build it first (./mvnw -pl cli -am package -DskipTests)" >&2
  exit 2
fi

# The README's blocks, in order.
awk '/<!-- walkthrough:begin -->/ {on = 1; next}
     /<!-- walkthrough:end -->/ {on = 0}
     on && /^```sh$/ {block = 1; next}
     on && block && /^```$/ {block = 0; print ""; next}
     on && block {print}' "$root/README.md" > "$work/walkthrough.sh"
if [ ! -s "$work/walkthrough.sh" ]; then
  echo "walkthrough: README.md has no shell blocks between the walkthrough markers" >&2
  exit 2
fi

# A free port: the first one from 18080 on that nothing answers on.
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

admin_token="walkthrough-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
MODELREG_BOOTSTRAP_ADMIN_TOKEN="$admin_token" "$root/bin/modelreg" serve --data-dir "$work/data" --port "$port" \
  > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "walkthrough: the server died" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null

echo "walkthrough: $(grep -c . "$work/walkthrough.sh") lines from README.md against http://127.0.0.1:$port"
mkdir "$work/home"
status=0
(cd "$work/home" && PATH="$root/bin:$PATH" MODELREG_URL="http://127.0.0.1:$port" MODELREG_TOKEN="$admin_token" \
  PS4='walkthrough$ ' bash -x -euo pipefail "$work/walkthrough.sh") || status=$?
if [ "$status" -ne 0 ]; then
  echo "walkthrough: FAILED (exit $status) at the last command above; the server's log follows" >&2
  tail -n 40 "$work/server.log" >&2
  exit 1
fi
echo "walkthrough: every command succeeded"
