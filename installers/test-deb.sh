#!/usr/bin/env bash
# Checks the console's .deb as an operator gets it: builds it (unless one is given), unpacks it into a scratch root,
# starts a server from this checkout, then runs the installed launcher twice against it: headless (--check), and with
# its window under Xvfb (--check-window), which connects through the connect screen and waits for the dashboard.
# Usage: installers/test-deb.sh [tributary-console_VERSION_amd64.deb]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

deb="${1:-}"
if [ -z "$deb" ]; then
  (cd "$root" && ./mvnw -B -q -pl console -am package -Pinstaller -DskipTests)
  deb="$(ls -t "$root"/console/target/installer/tributary-console_*.deb | head -n 1)"
fi
if ! command -v xvfb-run >/dev/null; then
  echo "xvfb-run is missing; installing Debian's xvfb" >&2
  apt-get install -y -q xvfb >/dev/null
fi

scratch="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "Unpacking $deb into $scratch/root"
dpkg-deb -x "$deb" "$scratch/root"
dpkg-deb -f "$deb" Package Version Depends
app="$scratch/root/opt/tributary-console"
desktop="$app/lib/tributary-console-tributary-console.desktop"
grep -q '^Exec=/opt/tributary-console/bin/tributary-console' "$desktop" || { echo "no menu entry for the launcher in $desktop" >&2; exit 1; }
grep -q '^Icon=/opt/tributary-console/lib/tributary-console.png' "$desktop" || { echo "no icon in $desktop" >&2; exit 1; }
[ -f "$app/lib/runtime/lib/server/libjvm.so" ] || { echo "the package has no Java runtime of its own" >&2; exit 1; }

# A port nothing answers on.
port=$((20000 + RANDOM % 40000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 40000)); done
key="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
url="http://127.0.0.1:$port"
echo "Starting a development server at $url (log: $scratch/server.log)"
env -u DATABASE_URL -u ENV -u REDIS_URL DATA_DIR="$scratch/data" PORT="$port" DEPLOYMENT_API_KEY="$key" \
  "$root/bin/tributary" serve >"$scratch/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  [ "$(curl -fsS "$url/status.txt" 2>/dev/null)" = "OK" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$scratch/server.log" >&2; exit 1; }
  sleep 1
done

echo "Installed launcher, headless:"
TRIBUTARY_KEY="$key" "$app/bin/tributary-console" --check "$url"
echo "Installed launcher, window under Xvfb:"
TRIBUTARY_KEY="$key" xvfb-run -a "$app/bin/tributary-console" --check-window "$url"
echo "The .deb installs and its console connects."
