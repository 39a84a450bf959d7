#!/usr/bin/env bash
# Tests the server .deb built by installers/build-server-deb.sh, in about 1 minute (2 with the real install):
#  1. its control data: package name, version, dependencies, the conffile, maintainer scripts that parse;
#  2. unpacked into a scratch root (dpkg -x), the files the unit and operators use are there;
#  3. the installed service binary, started as its systemd unit starts it (ExecStart, EnvironmentFile, a non-root
#     user), answers /status.txt, and stops with status 0 on SIGTERM; /usr/bin/tributary reads the env file;
#  4. when buildah and the Debian image of docker/check-image.sh are there: a real `dpkg -i` in a Debian root runs the
#     maintainer scripts (tributary user, file modes), the service starts as the tributary user and answers, and
#     `dpkg --purge` removes the package but keeps the data.
# The servers use a throwaway database on the local PostgreSQL (127.0.0.1:5432, postgres without password).
#
#   installers/test-server-deb.sh [PACKAGE.deb]     # default: the newest installers/target/tributary-server_*.deb
set -euo pipefail
export PGOPTIONS="--client-min-messages=warning"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deb="${1:-$(ls -t "$here"/target/tributary-server_*.deb 2>/dev/null | head -n 1)}"
port="${CHECK_PORT:-5198}"
database="tributary_deb_check"
debian_image="localhost/tributary-check/debian:bookworm"
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }

[ -n "$deb" ] && [ -f "$deb" ] || fail "no package: run installers/build-server-deb.sh first"
[ "$(id -u)" = 0 ] || fail "run as root: the server is started as another user, as systemd would"
pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL is not answering on 127.0.0.1:5432"
echo "package: $deb"

scratch="$(mktemp -d)"
server_pid=""
java_pid=""
container=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && sleep 2
  [ -n "$java_pid" ] && kill -TERM "$java_pid" 2>/dev/null && sleep 2
  [ -n "$container" ] && buildah rm "$container" >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$scratch"
}
trap cleanup EXIT
fresh_database() {
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
}
# Waits for 200 OK on /status.txt; $1 names what is being waited for, $2 its log.
wait_healthy() {
  local status=""
  for _ in $(seq 1 120); do
    status="$(curl -s -o "$scratch/status.body" -w '%{http_code}' "http://127.0.0.1:$port/status.txt" || true)"
    [ "$status" = 200 ] && break
    sleep 1
  done
  [ "$status" = 200 ] || { tail -n 40 "$2" >&2; fail "$1: /status.txt answered '$status' instead of 200 within 120 s"; }
  [ "$(cat "$scratch/status.body")" = OK ] || fail "$1: /status.txt answered 200 with '$(cat "$scratch/status.body")'"
  echo "$1: GET /status.txt -> 200 OK"
}

# /status.txt can answer before the server has finished starting; a SIGTERM then is not the graceful stop under
# test, so the stop waits for the line that ends the startup.
wait_started() {
  for _ in $(seq 1 60); do grep -q "started with roles" "$1" && return 0; sleep 1; done
  tail -n 20 "$1" >&2; fail "the server did not log the end of its startup"
}

# --- 1. Control data.
say "control data"
dpkg-deb -f "$deb" Package Version Architecture Depends
[ "$(dpkg-deb -f "$deb" Package)" = tributary-server ] || fail "the package is not named tributary-server"
dpkg-deb -f "$deb" Depends | grep -q passwd || fail "the package does not depend on passwd (useradd)"
dpkg-deb -e "$deb" "$scratch/DEBIAN"
grep -qx /etc/tributary/tributary.env "$scratch/DEBIAN/conffiles" || fail "/etc/tributary/tributary.env is not a conffile"
for script in postinst prerm postrm; do sh -n "$scratch/DEBIAN/$script" || fail "$script does not parse"; done
echo "conffiles: $(tr '\n' ' ' <"$scratch/DEBIAN/conffiles")"

# --- 2. Unpacked into a scratch root.
say "dpkg -x into a scratch root"
root="$scratch/root"
dpkg -x "$deb" "$root"
unit="$root/lib/systemd/system/tributary.service"
for f in opt/tributary-server/bin/tributary usr/bin/tributary; do [ -x "$root/$f" ] || fail "/$f is missing or not executable"; done
for f in opt/tributary-server/lib/app/tributary-server.jar etc/tributary/tributary.env lib/systemd/system/tributary.service; do
  [ -f "$root/$f" ] || fail "/$f is missing"
done
unit_value() { sed -n "s/^$1=//p" "$unit" | head -n 1; }
exec_start="$(unit_value ExecStart)"; env_file="$(unit_value EnvironmentFile)"; user="$(unit_value User)"
echo "unit: User=$user EnvironmentFile=$env_file ExecStart=$exec_start"
[ "$user" = tributary ] || fail "the unit does not run as the tributary user"
[ -x "$root${exec_start%% *}" ] || fail "the unit's ExecStart ${exec_start%% *} is not in the package"
[ -f "$root$env_file" ] || fail "the unit's EnvironmentFile $env_file is not in the package"
if command -v systemd-analyze >/dev/null; then
  # A copy whose ExecStart points into the scratch root, since verify checks that the command exists; any line it
  # prints (unknown key, unparsable value, missing command) is a problem.
  mkdir -p "$scratch/unit" && sed "s#=/opt/tributary-server/#=$root/opt/tributary-server/#" "$unit" >"$scratch/unit/tributary.service"
  systemd-analyze verify --man=no "$scratch/unit/tributary.service" >"$scratch/verify.txt" 2>&1 || true
  [ ! -s "$scratch/verify.txt" ] || { cat "$scratch/verify.txt" >&2; fail "systemd-analyze verify found problems in tributary.service"; }
  echo "systemd-analyze verify: no problem in tributary.service"
fi

# The packaged env file, as systemd reads it: NAME=value lines, comments skipped.
env_args=()
while IFS= read -r line; do
  case "$line" in ''|'#'*|';'*) continue ;; *=*) env_args+=("$line") ;; esac
done <"$root$env_file"
echo "packaged environment: ${env_args[*]}"

# --- 3. The service binary started as the unit starts it, as an unprivileged user, on a scratch DATA_DIR.
say "starting the installed service binary"
fresh_database
data="$scratch/data"; mkdir -p "$data"; chown nobody "$data"; chmod 755 "$scratch" "$root"
read -r -a exec_argv <<<"$exec_start"
exec_argv[0]="$root${exec_argv[0]}"
overrides=(DATA_DIR="$data" PORT="$port" ENV=development DATABASE_URL="postgres://postgres@127.0.0.1:5432/$database"
  DEPLOYMENT=debcheck)
(cd "$data" && exec setpriv --reuid=nobody --regid=nogroup --clear-groups \
  env -i PATH=/usr/bin:/bin "${env_args[@]}" "${overrides[@]}" "${exec_argv[@]}") >"$scratch/server.log" 2>&1 &
server_pid=$!
wait_healthy "installed service binary" "$scratch/server.log"

# /usr/bin/tributary reads the env file: pointed at the scratch root, `config check` shows its PORT.
sed -e "s#/etc/tributary/tributary.env#$root/etc/tributary/tributary.env#" -e "s#/opt/tributary-server/#$root/opt/tributary-server/#" \
  "$root/usr/bin/tributary" >"$scratch/tributary-cli" && chmod +x "$scratch/tributary-cli"
printf 'LOG_LEVEL=warn\n' >>"$root/etc/tributary/tributary.env"
cli_out="$(env -i PATH=/usr/bin:/bin DATA_DIR="$data" "$scratch/tributary-cli" config check 2>&1)" || { echo "$cli_out" >&2; fail "tributary config check failed"; }
grep -E '^LOG_LEVEL +warn' <<<"$cli_out" || { echo "$cli_out" >&2; fail "/usr/bin/tributary did not read LOG_LEVEL from the env file"; }
"$scratch/tributary-cli" --version

wait_started "$scratch/server.log"
kill -TERM "$server_pid"
exit_status=0; wait "$server_pid" || exit_status=$?
server_pid=""
[ "$exit_status" = 0 ] || { tail -n 20 "$scratch/server.log" >&2; fail "the server exited with $exit_status after SIGTERM"; }
echo "SIGTERM: stopped with status 0"

# --- 4. A real installation, maintainer scripts included, in a Debian root.
if ! command -v buildah >/dev/null || ! buildah inspect --type image "$debian_image" >/dev/null 2>&1; then
  say "real installation skipped: needs buildah and $debian_image (made by docker/check-image.sh)"
  echo "server package test passed (without the real installation)"
  exit 0
fi
say "dpkg -i in a Debian root ($debian_image)"
container="$(buildah from "$debian_image")"
buildah copy -q "$container" "$deb" /tmp/tributary-server.deb >/dev/null
in_debian() { buildah run --isolation=chroot --network=host "$container" -- "$@"; }
in_debian dpkg -i /tmp/tributary-server.deb || fail "dpkg -i failed"
in_debian id tributary || fail "postinst did not create the tributary user"
modes="$(in_debian stat -c '%U:%G %a' /etc/tributary/tributary.env /var/lib/tributary | tr '\n' ' ')"
echo "modes: $modes"
[ "$modes" = "root:tributary 640 tributary:tributary 750 " ] || fail "unexpected owners or modes: $modes"
fresh_database
# As the unit runs it: its user, its env file, its ExecStart (systemd itself does not run in a chroot).
# $$ of that shell becomes the server's pid (exec), in the host's pid namespace (chroot isolation): the stop below
# signals exactly that process.
in_debian runuser -u tributary -- sh -c "cd /var/lib/tributary && echo \$\$ >/var/lib/tributary/check.pid && set -a \
  && . /etc/tributary/tributary.env && set +a \
  && PORT=$port ENV=development DATABASE_URL=postgres://postgres@127.0.0.1:5432/$database DEPLOYMENT=debcheck exec $exec_start" \
  >"$scratch/installed.log" 2>&1 &
installed_pid=$!
java_pid="$(for _ in 1 2 3 4 5; do in_debian cat /var/lib/tributary/check.pid 2>/dev/null && break; sleep 1; done)"
wait_healthy "installed package" "$scratch/installed.log"
wait_started "$scratch/installed.log"
kill -TERM "$java_pid"
exit_status=0; wait "$installed_pid" || exit_status=$?
java_pid=""
[ "$exit_status" = 0 ] || { tail -n 20 "$scratch/installed.log" >&2; fail "the installed server exited with $exit_status after SIGTERM"; }
echo "installed package: stopped with status 0"
in_debian dpkg --purge tributary-server || fail "dpkg --purge failed"
in_debian test ! -e /opt/tributary-server/bin/tributary || fail "purge left /opt/tributary-server"
in_debian test ! -e /etc/tributary/tributary.env || fail "purge left the conffile"
in_debian test -d /var/lib/tributary || fail "purge removed /var/lib/tributary, which keeps the data"
echo "dpkg --purge: package and conffile gone, /var/lib/tributary kept"
echo "server package test passed"
