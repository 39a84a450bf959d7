#!/usr/bin/env bash
# Builds the server image from docker/Dockerfile with buildah and shows the server inside it answering /status.txt.
#
# Made for machines without a Docker engine and without access to image registries: the base images are made here,
# a Debian rootfs from debootstrap plus a Java 25 runtime from jlink, and passed to the Dockerfile as BUILD_IMAGE and
# RUNTIME_IMAGE; the jar is built on the host and copied in (PREBUILT_JAR=true). The server then runs inside the image
# (buildah run, chroot isolation, the host's network) against a throwaway database on the local PostgreSQL, and the
# checks below talk to it from the host. About 1 minute once the base images exist (debootstrap adds a few the first
# time), so it is not part of ./mvnw verify. Needs root, buildah and debootstrap (apt-get install -y buildah debootstrap), a JDK 25,
# and PostgreSQL on 127.0.0.1:5432 accepting the postgres user without a password.
#
#   docker/check-image.sh                  # build, run, check; exits non-zero on the first failure
#   FULL_BUILD=1 docker/check-image.sh     # the build stage runs the Maven Wrapper itself, as a release build does
#                                          # (needs Maven Central from the build; about 1 minute more here)
#   REBUILD_BASE=1 docker/check-image.sh   # make the local base images again
set -euo pipefail
export PGOPTIONS="--client-min-messages=warning"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${CHECK_WORK:-/var/tmp/tributary-image-check}"
jdk="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
port="${CHECK_PORT:-5197}"            # not 5100, so a server already running on this machine is left alone
database="tributary_image_check"
base_image="localhost/tributary-check/debian:bookworm"
runtime_image="localhost/tributary-check/java:25"
jdk_image="localhost/tributary-check/jdk:25"
image="localhost/tributary:check"
isolation=(--isolation=chroot)

say() { printf '\n== %s\n' "$*" >&2; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: buildah's chroot isolation needs it"
for tool in buildah debootstrap curl psql; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y buildah debootstrap curl postgresql-client)"
done
[ -x "$jdk/bin/jlink" ] || fail "no JDK 25 at $jdk (set JDK25_HOME)"
pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL is not answering on 127.0.0.1:5432"
mkdir -p "$work"

# Containers and the server made by this run are removed on exit, whatever happened.
containers=()
server_pid_file="$work/run/server.pid"
cleanup() {
  if [ -s "$server_pid_file" ]; then kill -TERM "$(cat "$server_pid_file")" 2>/dev/null || true; sleep 2; fi
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

image_exists() { buildah inspect --type image "$1" >/dev/null 2>&1; }

# --- 1. The server jar, built on the host (the build stage copies it instead of running Maven).
jar="$root/server/target/tributary-server.jar"
if [ ! -s "$jar" ]; then
  say "building the server jar"
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
version="$(cd "$root" && sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)"
[ -n "$version" ] || fail "no version in pom.xml"

# --- 2. A minimal Debian image, standing in for the base of eclipse-temurin (which is not pullable here).
if [ -n "${REBUILD_BASE:-}" ] || ! image_exists "$base_image"; then
  if [ ! -f "$work/rootfs/etc/debian_version" ]; then
    say "debootstrap: minimal Debian bookworm rootfs (a few minutes)"
    rm -rf "$work/rootfs.tmp"
    debootstrap --variant=minbase bookworm "$work/rootfs.tmp" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
      || fail "debootstrap failed, see $work/debootstrap.log"
    mv "$work/rootfs.tmp" "$work/rootfs"
  fi
  say "importing the rootfs as $base_image"
  c="$(buildah from scratch)"; containers+=("$c")
  mnt="$(buildah mount "$c")"
  cp -a "$work/rootfs/." "$mnt/"
  buildah umount "$c" >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd /bin/bash "$c"
  buildah commit -q "$c" "$base_image" >/dev/null
fi

# --- 3. A Java 25 runtime made with jlink from the local JDK, laid out like eclipse-temurin's (/opt/java/openjdk).
# The base Debian with the Java at $1 as /opt/java/openjdk, committed as image $2.
java_image() {
  local c
  c="$(buildah from "$base_image")"; containers+=("$c")
  buildah copy -q "$c" "$1" /opt/java/openjdk >/dev/null
  buildah config --env JAVA_HOME=/opt/java/openjdk \
    --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$c"
  buildah commit -q "$c" "$2" >/dev/null
}

if [ -n "${REBUILD_BASE:-}" ] || ! image_exists "$runtime_image"; then
  say "jlink: Java 25 runtime image $runtime_image"
  rm -rf "$work/java"
  "$jdk/bin/jlink" --output "$work/java" --strip-debug --no-header-files --no-man-pages \
    --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.naming.dns,jdk.net,jdk.management,jdk.management.agent,jdk.jfr,jdk.httpserver,jdk.security.auth,jdk.security.jgss,jdk.jcmd
  java_image "$work/java" "$runtime_image"
fi

# With FULL_BUILD, a JDK image for the build stage: the same Debian with the whole local JDK 25.
build_image="$runtime_image"; prebuilt=true
if [ -n "${FULL_BUILD:-}" ]; then
  if [ -n "${REBUILD_BASE:-}" ] || ! image_exists "$jdk_image"; then
    say "JDK 25 build image $jdk_image"
    # -L: a packaged JDK's cacerts is a symlink into the host's /etc, which the image does not have.
    rm -rf "$work/jdk" && cp -rL "$jdk" "$work/jdk"
    java_image "$work/jdk" "$jdk_image"
  fi
  build_image="$jdk_image"; prebuilt=false
fi

# --- 4. The image, from the Dockerfile as it is; only the base images (and the jar's origin, unless FULL_BUILD)
# differ from a release build.
say "buildah bud -f docker/Dockerfile -t $image (PREBUILT_JAR=$prebuilt)"
revision="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
# The previous check image, removed once the new one has its tag, so runs do not pile up untagged images.
previous="$(buildah inspect --type image --format '{{.FromImageID}}' "$image" 2>/dev/null || true)"
buildah bud "${isolation[@]}" --network=host --format docker --layers=false -q \
  --build-arg BUILD_IMAGE="$build_image" --build-arg RUNTIME_IMAGE="$runtime_image" --build-arg PREBUILT_JAR="$prebuilt" \
  --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg SOURCE="file://$root" \
  --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  -f "$root/docker/Dockerfile" -t "$image" "$root" >/dev/null

if [ -n "$previous" ] && [ "$previous" != "$(buildah inspect --type image --format '{{.FromImageID}}' "$image")" ]; then
  buildah rmi "$previous" >/dev/null 2>&1 || true
fi

# --- 5. What the image declares: non-root user, port, health check, entry point, labels.
say "image configuration"
inspect() { buildah inspect --type image --format "$1" "$image"; }
user="$(inspect '{{.Docker.Config.User}}')"
exposed="$(inspect '{{range $p, $_ := .Docker.Config.ExposedPorts}}{{$p}} {{end}}')"
health="$(inspect '{{if .Docker.Config.Healthcheck}}{{.Docker.Config.Healthcheck.Test}}{{end}}')"
entrypoint="$(inspect '{{.Docker.Config.Entrypoint}}')"
label() { inspect "{{index .Docker.Config.Labels \"org.opencontainers.image.$1\"}}"; }
printf 'user=%s exposed=%s entrypoint=%s\nhealthcheck=%s\nversion=%s revision=%s source=%s\n' \
  "$user" "$exposed" "$entrypoint" "$health" "$(label version)" "$(label revision)" "$(label source)"
case "$user" in ""|0|0:*|root|root:*) fail "the image runs as root ($user)";; esac
[[ "$exposed" == *5100/tcp* ]] || fail "port 5100 is not exposed"
[[ "$health" == *status.txt* ]] || fail "no HEALTHCHECK on /status.txt"
[ "$entrypoint" = "[tributary]" ] || fail "entry point is '$entrypoint', not tributary"
[ "$(label version)" = "$version" ] || fail "version label is not $version"
[ "$(label revision)" = "$revision" ] || fail "revision label is not $revision"

# --- 6. The server inside the image, on a fresh database of the local PostgreSQL. ENV=development keeps the
# production requirements (sign-in client, license) out of this check; the database is external all the same.
say "running the server inside the image on port $port"
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
c="$(buildah from "$image")"; containers+=("$c")
mkdir -p "$work/run"; rm -f "$server_pid_file" "$work/run/server.log"; chmod 777 "$work/run"
env_args=(--env ENV=development --env PORT="$port"
  --env DATABASE_URL="postgres://postgres@127.0.0.1:5432/$database" --env DEPLOYMENT=imagecheck)
in_image() { buildah run "${isolation[@]}" --network=host "${env_args[@]}" -v "$work/run:/run/check" "$c" -- "$@"; }
[ "$(in_image id -u)" = 10001 ] || fail "commands in the image do not run as the tributary user (uid 10001)"
# Without PID namespaces (chroot isolation) $$ is the host's pid of the server: the cleanup stops exactly that process.
in_image bash -c 'echo $$ > /run/check/server.pid; exec tributary serve' >"$work/run/server.log" 2>&1 &
server_job=$!
status=""
for _ in $(seq 1 120); do
  status="$(curl -s -o "$work/run/status.body" -w '%{http_code}' "http://127.0.0.1:$port/status.txt" || true)"
  [ "$status" = 200 ] && break
  sleep 1
done
if [ "$status" != 200 ]; then
  tail -n 40 "$work/run/server.log" >&2
  fail "/status.txt answered '$status' instead of 200 within 120 s"
fi
body="$(cat "$work/run/status.body")"
[ "$body" = OK ] || fail "/status.txt answered 200 with '$body' instead of OK"
printf 'GET http://127.0.0.1:%s/status.txt -> %s %s\n' "$port" "$status" "$body"

# The image's own HEALTHCHECK command, run inside the image against the running server.
# Its Test is ["CMD", "bash", "-c", SCRIPT]; the script reads PORT, set to this run's port above.
health_script="$(inspect '{{index .Docker.Config.Healthcheck.Test 3}}')"
in_image bash -c "$health_script" || fail "the image's HEALTHCHECK command failed against a healthy server"
echo "HEALTHCHECK command: healthy"

# --- 7. The CLI as operators reach it (docker exec CONTAINER tributary ...), against the same database.
say "CLI inside the image"
in_image tributary --version
provision="$(in_image tributary workspaces provision --name image-check --users ops@example.com 2>&1)" \
  || fail "tributary workspaces provision failed: $provision"
echo "$provision"
list="$(in_image tributary workspaces list 2>&1)" || fail "tributary workspaces list failed: $list"
echo "$list"
grep -q image-check <<<"$list" || fail "the provisioned workspace is not listed"

# --- 8. A graceful stop: SIGTERM ends the server with status 0.
say "stopping the server"
# (after the line that ends its startup: /status.txt can answer a moment before it)
for _ in $(seq 1 60); do grep -q "started with roles" "$work/run/server.log" && break; sleep 1; done
kill -TERM "$(cat "$server_pid_file")"
server_exit=0
wait "$server_job" || server_exit=$?
rm -f "$server_pid_file"
[ "$server_exit" = 0 ] || { tail -n 20 "$work/run/server.log" >&2; fail "the server exited with status $server_exit after SIGTERM"; }
# With the server gone the same HEALTHCHECK command must report unhealthy, or it proves nothing.
if in_image bash -c "$health_script" 2>/dev/null; then fail "the HEALTHCHECK command reports healthy with no server"; fi
echo "HEALTHCHECK command: unhealthy once the server stopped"

# --- 9. The image with no configuration at all, as a bare `docker run`: development mode, its embedded PostgreSQL
# under DATA_DIR started by the non-root user, a fresh container.
say "the image's default: development mode on the embedded PostgreSQL"
c="$(buildah from "$image")"; containers+=("$c")
rm -f "$server_pid_file" "$work/run/embedded.log"
buildah run "${isolation[@]}" --network=host --env PORT="$port" -v "$work/run:/run/check" "$c" -- \
  bash -c 'echo $$ > /run/check/server.pid; exec tributary serve' >"$work/run/embedded.log" 2>&1 &
server_job=$!
status=""
for _ in $(seq 1 120); do
  status="$(curl -s -o "$work/run/status.body" -w '%{http_code}' "http://127.0.0.1:$port/status.txt" || true)"
  [ "$status" = 200 ] && break
  sleep 1
done
[ "$status" = 200 ] && [ "$(cat "$work/run/status.body")" = OK ] \
  || { tail -n 40 "$work/run/embedded.log" >&2; fail "development mode: /status.txt answered '$status'"; }
grep -q "Started embedded PostgreSQL" "$work/run/embedded.log" || fail "development mode did not start the embedded PostgreSQL"
printf 'development mode: GET /status.txt -> %s %s\n' "$status" "$(cat "$work/run/status.body")"
for _ in $(seq 1 60); do grep -q "started with roles" "$work/run/embedded.log" && break; sleep 1; done
kill -TERM "$(cat "$server_pid_file")"
server_exit=0
wait "$server_job" || server_exit=$?
rm -f "$server_pid_file"
[ "$server_exit" = 0 ] || { tail -n 20 "$work/run/embedded.log" >&2; fail "development mode: exit status $server_exit after SIGTERM"; }
echo "image check passed: $image ($version, $revision)"
