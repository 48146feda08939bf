#!/usr/bin/env bash
# CI (.ci/run): builds the bundle (build/ftscan.cjs) and the single executable (build/ftscan), copies each alone
# into an empty directory (no node_modules, no docs/, no package.json) and runs, with each: --version, a scan of
# the mock vCenter (npm run mock-vcenter) with --ca-file and --password-file, and `ftscan report` merging two
# reports. Bounded: every step under `timeout`. Idempotent: fresh temporary directories each run.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-mock.sh
. scripts/lib-mock.sh

timeout 300 bash scripts/build-sea.sh # also builds the bundle
WORK="$(mktemp -d)"
start_mock "$WORK/mock"
trap 'stop_mock; rm -rf "$WORK"' EXIT
VERSION="$(node -p "require('./package.json').version")"

check() { # check NAME CMD... : runs the distributable from its lone directory
  local name="$1" dir="$WORK/$1"
  shift
  mkdir -p "$dir/reports"
  (
    cd "$dir"
    got="$(timeout 60 "$@" --version)"
    [ "$got" = "$VERSION" ] || { echo "$name --version: '$got', expected '$VERSION'" >&2; exit 1; }
    scan=(scan --server "$MOCK_URL" --user ftscan@vsphere.local --ca-file "$WORK/mock/ca.pem"
      --password-file "$WORK/mock/password" --fail-on none)
    start=$EPOCHREALTIME
    timeout 300 "$@" "${scan[@]}" --output json=reports/a.json --output xlsx=reports/a.xlsx >/dev/null
    echo "$name: scan of the demo estate in $(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $start }") s"
    timeout 300 "$@" "${scan[@]}" --output json=reports/b.json >/dev/null
    timeout 120 "$@" report reports/a.json reports/b.json --output json=reports/merged.json \
      --output html=reports/merged.html --fail-on none 2>reports/report.err
    grep -q '"complete": *true' reports/merged.json || { echo "$name: merged report not complete" >&2; exit 1; }
    echo "$name: --version, scan, report: ok"
  )
}

cp build/ftscan.cjs "$WORK/ftscan.cjs"
cp build/ftscan "$WORK/ftscan"
check bundle node "$WORK/ftscan.cjs"
check sea "$WORK/ftscan"
ls -l build/ftscan.cjs build/ftscan
