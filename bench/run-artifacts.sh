#!/usr/bin/env bash
# Artifact throughput: upload and download of one large file through a server limited to a 256 MiB heap,
# next to `sha256sum` of the same file in the same run (the raw baseline), for the file store and for S3
# (S3Proxy on loopback). Samples the server's resident memory while it works.
# Usage: bench/run-artifacts.sh [SIZE_MIB]   (default 2048)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${1:-2048}"
JAVA_HOME="$("$root/bin/jdk")"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && ./mvnw -q -B ${MVN_FLAGS:-} -DskipTests -pl cli -am package)
(cd "$root" && ./mvnw -q -B ${MVN_FLAGS:-} -pl server process-test-resources)   # fetches the S3Proxy jar
jar="$root/cli/target/modelreg.jar"
s3proxy_jar="$(ls "$root"/server/target/s3proxy/*.jar | head -n 1)"

now_ns() { date +%s%N; }
mib_per_s() { awk -v b="$1" -v ns="$2" 'BEGIN {printf "%.1f", (b / 1048576) / (ns / 1e9)}'; }

file="$work/artifact.bin"
echo "[bench] writing a ${size_mib} MiB random file"
head -c "$((size_mib * 1048576))" /dev/urandom > "$file"
bytes=$(stat -c %s "$file")
sync

start=$(now_ns)
sha=$(sha256sum "$file" | cut -d' ' -f1)
sha_ns=$(( $(now_ns) - start ))
digest_b64=$(printf '%s' "$sha" | xxd -r -p | base64)
sha_rate=$(mib_per_s "$bytes" "$sha_ns")

# Samples VmRSS of a process every 100 ms into a file until it is killed.
sample_rss() { while kill -0 "$1" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || true; sleep 0.1; done > "$2"; }
peak_mib() { sort -n "$1" | tail -n 1 | awk '{printf "%.0f", $1 / 1024}'; }

run_store() {
  local label="$1"; shift
  local dir="$work/$label" port token=bench-admin-token-0123456789abcdef0123456
  mkdir -p "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  MODELREG_BOOTSTRAP_ADMIN_TOKEN=$token MODELREG_LOG_LEVEL=WARN \
    "$java" -Xmx256m -jar "$jar" serve --port "$port" --data-dir "$dir/data" "$@" > "$dir/server.log" 2>&1 &
  local server=$!
  pids+=("$server")
  local url="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$url/readyz" && break; sleep 0.05; done
  local auth="Authorization: Bearer $token"
  curl -sf -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$url/teams"
  local version
  version=$(curl -sf -H "$auth" -H 'Content-Type: application/json' \
    -d '{"code_commit":"a13fce0","feature_graph_hash":"8b2e9f01","data_window":["2018-01-01","2026-04-30"],"owner":"bench"}' \
    "$url/models/big/versions" | sed 's/.*"model_id":"\([^"]*\)".*/\1/')
  local artifact="$url/models/big/versions/$version/artifacts/weights.bin"
  local idle_rss
  idle_rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")

  sample_rss "$server" "$dir/rss-upload" & local sampler=$!
  start=$(now_ns)
  curl -sf -o "$dir/upload.json" -H "$auth" -H "Content-Digest: sha-256=:$digest_b64:" -T "$file" "$artifact"
  local up_ns=$(( $(now_ns) - start ))
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  grep -q "\"sha256\":\"$sha\"" "$dir/upload.json" || { echo "upload answered: $(cat "$dir/upload.json")"; exit 1; }

  sample_rss "$server" "$dir/rss-download" & sampler=$!
  start=$(now_ns)
  local got
  got=$(curl -sf -H "$auth" "$artifact" | sha256sum | cut -d' ' -f1)
  local down_ns=$(( $(now_ns) - start ))
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  [ "$got" = "$sha" ] || { echo "download digest $got != $sha"; exit 1; }

  local up_rate down_rate
  up_rate=$(mib_per_s "$bytes" "$up_ns")
  down_rate=$(mib_per_s "$bytes" "$down_ns")
  printf '%-6s upload   %7s MiB/s  (%5.1f s)  ratio to sha256sum %.2f   server RSS idle %s MiB, peak %s MiB\n' \
    "$label" "$up_rate" "$(awk -v n="$up_ns" 'BEGIN {print n / 1e9}')" "$(awk -v a="$up_rate" -v b="$sha_rate" 'BEGIN {print a / b}')" \
    "$idle_rss" "$(peak_mib "$dir/rss-upload")"
  printf '%-6s download %7s MiB/s  (%5.1f s)  ratio to sha256sum %.2f   server RSS peak %s MiB (client hashes the stream)\n' \
    "$label" "$down_rate" "$(awk -v n="$down_ns" 'BEGIN {print n / 1e9}')" "$(awk -v a="$down_rate" -v b="$sha_rate" 'BEGIN {print a / b}')" \
    "$(peak_mib "$dir/rss-download")"
  kill "$server"; wait "$server" 2>/dev/null || true
}

echo "== artifact benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ) =="
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $("$java" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $bytes bytes; server: java -Xmx256m, curl as the client, loopback"
printf 'sha256sum baseline: %s MiB/s (%.1f s)\n' "$sha_rate" "$(awk -v n="$sha_ns" 'BEGIN {print n / 1e9}')"

run_store files

s3dir="$work/s3proxy"
mkdir -p "$s3dir/blobs"
s3port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$s3dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$s3dir/blobs
CONF
"$java" -jar "$s3proxy_jar" --properties "$s3dir/s3proxy.conf" > "$s3dir/s3proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$s3port/" && break; sleep 0.05; done
mkdir -p "$s3dir/blobs/bench"    # the filesystem backend's bucket is a directory
MODELREG_S3_ACCESS_KEY_ID=bench-access MODELREG_S3_SECRET_ACCESS_KEY=bench-secret \
  run_store s3 --artifacts s3://bench/registry --s3-endpoint "http://127.0.0.1:$s3port" --s3-path-style
