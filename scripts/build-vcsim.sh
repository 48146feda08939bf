#!/usr/bin/env bash
# Builds the vcsim harness (test/vcsim) and the govmomi benchmark peer (bench/govmomi-peer) from
# Debian's golang-go + golang-github-vmware-govmomi-dev, offline, in GOPATH mode. Skips a binary that
# is newer than its sources. Output stays out of git (test/vcsim/bin, bench/out are gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."

GOVMOMI=/usr/share/gocode/src/github.com/vmware/govmomi
if ! command -v go >/dev/null 2>&1 || [ ! -d "$GOVMOMI/simulator" ]; then
  echo "vcsim tier needs: apt-get install -y golang-go golang-github-vmware-govmomi-dev" >&2
  exit 3
fi

export GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE="${GOCACHE:-/tmp/ftscan-gocache}"

build() { # build OUT PKGDIR
  local out=$1 dir=$2
  if [ -x "$out" ] && [ -z "$(find "$dir" -name '*.go' -newer "$out" -print -quit)" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$out")"
  go build -o "$out.tmp" "./$dir" && mv "$out.tmp" "$out"
}

build test/vcsim/bin/vcsim-harness test/vcsim
if [ -d bench/govmomi-peer ]; then
  build bench/out/govmomi-peer bench/govmomi-peer
fi
