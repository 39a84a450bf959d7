#!/usr/bin/env bash
# Validates docker/compose.yml and docker/compose.dev.yml without a Docker engine, in about 15 seconds:
#  1. Compose itself parses both files against the Compose specification (`docker compose config`, or the
#     standalone docker-compose when the CLI plugin is missing) with values like a filled docker/.env;
#  2. the unfilled docker/.env.example is refused, so no required secret can be left out silently;
#  3. every variable the server requires in production is set for the tributary service;
#  4. the server's own validation (`tributary config check`, which connects to nothing) accepts that environment;
#  5. compose.dev.yml publishes exactly PostgreSQL, MariaDB and Redis on their standard ports.
# Needs docker compose or docker-compose (apt-get install -y docker-compose), python3 with PyYAML, and a JDK 25.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/docker"
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  fail "neither 'docker compose' nor 'docker-compose' is installed (apt-get install -y docker-compose)"
fi
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then python="$candidate"; break; fi
done
[ -n "$python" ] || fail "python3 with PyYAML is needed (apt-get install -y python3-yaml)"
echo "compose: $("${compose[@]}" version 2>/dev/null | head -n 1)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A filled .env: .env.example with every empty value given a generated one (hex keeps URLs valid), a real 32-byte
# SECRETS_KEY, and a license for its DEPLOYMENT signed by a key made here and trusted through LICENSE_PUBLIC_KEY.
jar="$root/server/target/tributary-server.jar"
[ -s "$jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests package)
deployment="$(sed -n 's/^DEPLOYMENT=//p' .env.example)"
public_key="$("$root/bin/tributary" license keygen --private-key "$tmp/vendor.pem" | grep -v -- '-----' | tr -d '\n')"
license="$("$root/bin/tributary" license issue --private-key "$tmp/vendor.pem" --deployment "$deployment" --customer check \
  --expires 2099-12-31)"
while IFS= read -r line; do
  case "$line" in
    SECRETS_KEY=) echo "SECRETS_KEY=$(openssl rand -base64 32)" ;;
    DEPLOYMENT_KEY=) echo "DEPLOYMENT_KEY=$license" ;;
    LICENSE_PUBLIC_KEY=) echo "LICENSE_PUBLIC_KEY=$public_key" ;;
    POLYTOMIC_URL=*|ROOT_USER=*|DEPLOYMENT=*) echo "$line" ;;
    S3_PUBLIC_ENDPOINT=|SENTRY_DSN=) echo "$line" ;;   # optional: stay empty, as most installs leave them
    [A-Z]*=) echo "${line}check$(openssl rand -hex 12)" ;;
    *) echo "$line" ;;
  esac
done <.env.example >"$tmp/filled.env"

# 2. The example as shipped must be refused: its secrets are empty on purpose.
if "${compose[@]}" -f compose.yml --env-file .env.example config -q 2>"$tmp/refused.txt"; then
  fail "compose.yml accepted docker/.env.example with empty secrets"
fi
grep -q 'set .* in docker/.env' "$tmp/refused.txt" || { cat "$tmp/refused.txt" >&2; fail "unexpected error for empty secrets"; }
echo "compose.yml with the unfilled .env.example: refused ($(grep -o "set [A-Z_]* in docker/.env" "$tmp/refused.txt" | tail -n 1))"

# 1. Both files parse and validate with Compose.
"${compose[@]}" -f compose.yml --env-file "$tmp/filled.env" config >"$tmp/compose.yml" || fail "compose.yml is invalid"
"${compose[@]}" -f compose.dev.yml config >"$tmp/compose.dev.yml" || fail "compose.dev.yml is invalid"
echo "compose.yml and compose.dev.yml: valid"

# 3 and 5, on the resolved files.
required="$(sed -n 's/^ *\([A-Z_]*\)(Need\.PRODUCTION.*/\1/p' "$root/server/src/main/java/dev/tributary/server/config/Variable.java")"
[ -n "$required" ] || fail "found no production-required variable in Variable.java"
"$python" - "$tmp/compose.yml" "$tmp/compose.dev.yml" "$tmp/tributary.env" $required <<'PY'
import sys, yaml
prod_path, dev_path, env_out, *required = sys.argv[1:]
prod = yaml.safe_load(open(prod_path))
dev = yaml.safe_load(open(dev_path))
problems = []

services = prod.get("services", {})
for name in ("tributary", "postgres", "redis", "minio"):
    if name not in services:
        problems.append(f"compose.yml has no '{name}' service")
server = services.get("tributary", {})
env = server.get("environment", {})
if isinstance(env, list):
    env = dict(item.split("=", 1) for item in env)
for name in required:
    if not env.get(name):
        problems.append(f"compose.yml does not set {name}, which production requires")
for name in ("REDIS_URL", "JOB_PAYLOAD_PATH", "EXPORT_QUERY_BUCKET", "EXECUTION_LOG_BUCKET"):
    if not env.get(name):
        problems.append(f"compose.yml does not set {name}")
published = [str(p.get("target") if isinstance(p, dict) else p) for p in server.get("ports", [])]
if not any("5100" in p for p in published):
    problems.append("compose.yml does not publish the server's port 5100")

dev_services = dev.get("services", {})
if sorted(dev_services) != ["mariadb", "postgres", "redis"]:
    problems.append(f"compose.dev.yml should start postgres, mariadb and redis only, not {sorted(dev_services)}")
for name, port in (("postgres", 5432), ("mariadb", 3306), ("redis", 6379)):
    ports = dev_services.get(name, {}).get("ports", [])
    if not any((p.get("published") if isinstance(p, dict) else str(p).split(":")[-2]) in (port, str(port)) for p in ports):
        problems.append(f"compose.dev.yml does not publish {name} on {port}")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
with open(env_out, "w") as out:
    for key, value in env.items():
        out.write(f"{key}={'' if value is None else value}\n")
print(f"tributary service sets every production-required variable: {' '.join(required)}")
print("compose.dev.yml publishes postgres 5432, mariadb 3306, redis 6379")
PY

# 4. The server validates that environment as it would at startup (nothing is contacted), its license included.
env_args=()
while IFS= read -r line; do env_args+=("$line"); done <"$tmp/tributary.env"
if ! env -i PATH="$PATH" HOME="$tmp" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} "${env_args[@]}" \
    "$root/bin/tributary" config check >"$tmp/config-check.txt" 2>&1; then
  cat "$tmp/config-check.txt" >&2
  fail "tributary config check refused the environment compose.yml gives the server"
fi
grep -E '^(ENV|DATABASE_URL|JOB_PAYLOAD_PATH|REDIS_URL) ' "$tmp/config-check.txt" || head -n 5 "$tmp/config-check.txt"
echo "tributary config check accepts compose.yml's environment"
echo "compose check passed"
