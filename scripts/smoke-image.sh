#!/usr/bin/env bash
# CI (.ci/run), as root with Debian's buildah, podman and runc: builds the container image (scripts/build-image.sh)
# and runs it with podman as docs/deploy.md's CronJobs describe (scripts/k8s-podman.ts turns the manifests into
# `podman run` arguments): --version; the scan job as vc-east and as vc-west against the mock vCenter, reached over
# host networking on 127.0.0.1, with the CA, the password and the config mounted read-only as files; the merge job
# twice (first night without a baseline, then with it). Then an offline `kubectl --dry-run=client` of the manifests
# when kubectl is installed. Prints the image size and the container scan's time beside the same scan outside.
# Bounded (timeouts) and idempotent (fresh directories, the image tag replaced). SKIP_SEA=1: reuse build/ftscan.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-mock.sh
. scripts/lib-mock.sh
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/.ci/containers.conf}"
IMAGE=localhost/ftscan:smoke

FTSCAN_IMAGE="$IMAGE" timeout 600 bash scripts/build-image.sh
WORK="$(mktemp -d)"
chmod 755 "$WORK"
start_mock "$WORK/mock"
trap 'stop_mock; rm -rf "$WORK"' EXIT
VERSION="$(node -p "require('./package.json').version")"
secs() { awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $1 }"; }

got="$(timeout 60 podman run --rm --read-only --user 65534:65534 --network=none "$IMAGE" --version)"
[ "$got" = "$VERSION" ] || { echo "container --version: '$got', expected '$VERSION'" >&2; exit 1; }
echo "container --version: $got"

# job NAME [FROM=TO ...]: runs a CronJob of docs/deploy.md in podman over host networking; prints its seconds.
job() {
  local name="$1"
  shift
  mapfile -t run < <(npx tsx scripts/k8s-podman.ts docs/deploy.md "$name" "$WORK/k8s" "$IMAGE" "$@")
  [ "${#run[@]}" -gt 0 ] || exit 1
  echo "podman run --network=host ${run[*]}"
  local start=$EPOCHREALTIME
  timeout 300 podman run --network=host "${run[@]}"
  echo "$name: done in $(secs "$start") s"
}

# The secret files CI provides (the manifest's Secret holds placeholders): the mock's CA and password.
mkdir -p "$WORK/k8s/secrets"
cp "$WORK/mock/ca.pem" "$WORK/mock/password" "$WORK/k8s/secrets/"
job ftscan-vc-east "vc-east.example.com=$MOCK_URL"
job ftscan-vc-east "vc-east.example.com=$MOCK_URL" vc-east=vc-west
job ftscan-merge # first night: no baseline yet (a warning)
job ftscan-merge # then with last night's merged JSON as the baseline
for f in vc-east.json vc-west.json estate.json estate.html estate.xlsx ftscan.prom; do
  [ -s "$WORK/k8s/reports/$f" ] || { echo "the container jobs did not write /reports/$f" >&2; exit 1; }
done
grep -q '"complete": *true' "$WORK/k8s/reports/estate.json" || { echo "the merged report is not complete" >&2; exit 1; }
[ -z "$(find "$WORK/k8s/reports" -newer "$WORK/k8s/secrets/password" ! -user root ! -user 65534)" ]

# The same scan outside the container, for the timing.
mkdir -p "$WORK/outside"
start=$EPOCHREALTIME
timeout 300 build/ftscan scan --server "$MOCK_URL" --user ftscan@vsphere.local --ca-file "$WORK/mock/ca.pem" \
  --password-file "$WORK/mock/password" --fail-on none --output json="$WORK/outside/vc-east.json" >/dev/null
echo "the same scan outside the container (build/ftscan): $(secs "$start") s"
echo "image $IMAGE: $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.1f MB", $1 / 1048576 }')"

if command -v kubectl >/dev/null; then
  # Offline, as far as kubectl goes without an API server (`apply --dry-run=client` needs one for its REST
  # mapping): `kubectl kustomize` parses every manifest as Kubernetes does (YAML 1.1: defaultMode 0440 is 288) and
  # checks each object's apiVersion, kind and name. Field schemas are not checked.
  mkdir -p "$WORK/kustomize"
  awk '/^```yaml$/ { on = 1; print "---"; next } /^```$/ { on = 0 } on' docs/deploy.md >"$WORK/kustomize/manifests.yaml"
  echo 'resources: [manifests.yaml]' >"$WORK/kustomize/kustomization.yaml"
  kinds="$(timeout 60 kubectl kustomize "$WORK/kustomize" | sed -n 's/^kind: //p' | sort | tr '\n' ' ')"
  [ "$kinds" = "ConfigMap ConfigMap CronJob CronJob Secret " ] || { echo "kubectl kustomize read: $kinds" >&2; exit 1; }
  echo "docs/deploy.md manifests parsed by kubectl kustomize: $kinds"
else
  echo "kubectl not installed: the manifests' offline parse was skipped"
fi
