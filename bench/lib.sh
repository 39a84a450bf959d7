# Shared by the benchmark scripts: a Tributary server started from the built jar on a fresh metadata database, its API,
# and waiting for a run to end. Source it after setting `root`; call `cleanup` on exit.
pg="psql -X -q -h 127.0.0.1 -U postgres"
port=$((20000 + RANDOM % 20000))
key="bench-deployment-key-$RANDOM$RANDOM"
work="$(mktemp -d)"
metadata="bench_meta_$$"
server_pid=""
databases=("$metadata")

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  for db in "${databases[@]}"; do $pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}

# Creates a database that cleanup drops.
fresh_database() {
  $pg -d postgres -c "CREATE DATABASE $1" >/dev/null
  databases+=("$1")
}

# Starts the server with the given JVM options (such as -Xmx256m) and waits until /status.txt answers.
start_server() {
  fresh_database "$metadata"
  [ -f "$root/server/target/tributary-server.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests package)
  local java
  java="$(ls /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)"; java="${java:-java}"
  env -i PATH="$PATH" HOME="$HOME" ENV=development DATABASE_URL="postgres://postgres@127.0.0.1:5432/$metadata" PORT="$port" \
    DATA_DIR="$work/data" DEPLOYMENT_API_KEY="$key" LOG_LEVEL=warn \
    "$java" --sun-misc-unsafe-memory-access=allow "$@" -jar "$root/server/target/tributary-server.jar" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/status.txt" >/dev/null && break; sleep 0.5; done
  org=$(api GET /api/admin/workspaces | jq -r '.data[0].id')
}

api() { curl -sf -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $key" -H "Content-Type: application/json" ${3:+-d "$3"}; }

# A PostgreSQL connection to the named local database; prints its id.
pg_connection() {
  api POST /api/connections "{\"name\": \"$1\", \"type\": \"postgresql\", \"organization_id\": \"$org\", \"configuration\":
    {\"host\": \"127.0.0.1\", \"database\": \"$1\", \"username\": \"postgres\"}}" | jq -r '.data.id'
}

# Starts a run of the sync at $1 (such as /api/syncs/ID) with body $2, waits until it has ended, and prints the execution.
run_to_end() {
  local execution status body="${2:-}"
  [ -n "$body" ] || body='{}'
  execution=$(api POST "$1/executions?organization_id=$org" "$body" | jq -r '.data.id')
  while status=$(api GET "$1/executions/$execution?organization_id=$org" | jq -r '.data.status');
        [ "$status" = queued ] || [ "$status" = running ] || [ "$status" = canceling ] || [ "$status" = interrupted ]; do
    sleep 0.2
  done
  api GET "$1/executions/$execution?organization_id=$org" | jq -c '.data'
}

# The server's peak resident memory so far, in KiB.
peak_rss_kb() {
  awk '/VmHWM/ {print $2}' "/proc/$server_pid/status"
}

machine_json() {
  jq -n --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" --argjson cores "$(nproc)" \
    --arg memory "$(free -g | awk '/Mem:/ {print $2 " GiB"}')" '{cpu: $cpu, cores: $cores, memory: $memory}'
}
