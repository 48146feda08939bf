#!/usr/bin/env bash
# `npm run build:image` (as root, with Debian's buildah): the OCI image localhost/ftscan:VERSION built FROM SCRATCH
# around the single executable (build/ftscan, scripts/build-sea.sh): the executable, the shared libraries `ldd`
# lists for it, and a passwd/group naming uid/gid 65534 — no shell, no package manager, nothing else. Runs as
# 65534:65534, `ftscan` is the entrypoint, the working directory is /reports, labels give version, source, revision
# and licence. Needs no registry. Idempotent: replaces the tag. Prints the image's size.
#   FTSCAN_IMAGE=name:tag to change the tag; SKIP_SEA=1 to reuse an existing build/ftscan.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="$(node -p "require('./package.json').version")"
LICENSE="$(node -p "require('./package.json').license")"
IMAGE="${FTSCAN_IMAGE:-localhost/ftscan:$VERSION}"
SOURCE="$(git config --get remote.origin.url 2>/dev/null || echo unknown)"
REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)"

[ "${SKIP_SEA:-}" = 1 ] && [ -x build/ftscan ] || bash scripts/build-sea.sh

ROOT="$(mktemp -d)"
ctr=""
cleanup() { [ -n "$ctr" ] && buildah rm "$ctr" >/dev/null 2>&1; rm -rf "$ROOT"; }
trap cleanup EXIT

# The root filesystem, assembled beside the image: the executable at /usr/local/bin/ftscan and each library at
# the path the dynamic loader resolves it to (ldd), the loader included.
install -D -m 0755 build/ftscan "$ROOT/usr/local/bin/ftscan"
libs="$(ldd build/ftscan | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }')"
for lib in $libs; do
  install -D -m 0755 "$(readlink -f "$lib")" "$ROOT$lib"
done
install -d -m 0755 "$ROOT/etc" "$ROOT/reports"
printf 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$ROOT/etc/passwd"
printf 'nogroup:x:65534:\n' >"$ROOT/etc/group"

ctr="$(buildah from scratch)"
buildah copy --quiet "$ctr" "$ROOT" / >/dev/null
buildah config \
  --entrypoint '["/usr/local/bin/ftscan"]' --cmd '--help' \
  --user 65534:65534 --workingdir /reports \
  --label org.opencontainers.image.title=ftscan \
  --label "org.opencontainers.image.version=$VERSION" \
  --label "org.opencontainers.image.source=$SOURCE" \
  --label "org.opencontainers.image.revision=$REVISION" \
  --label "org.opencontainers.image.licenses=$LICENSE" \
  --label "org.opencontainers.image.description=Read-only vSphere Fault Tolerance readiness scanner" \
  "$ctr"
buildah rmi -f "$IMAGE" >/dev/null 2>&1 || true
buildah commit --quiet --format oci --rm "$ctr" "$IMAGE" >/dev/null
ctr=""
size="$(podman image inspect --format '{{.Size}}' "$IMAGE")"
echo "build-image: $IMAGE ($(awk "BEGIN { printf \"%.1f\", $size / 1048576 }") MB; files: $(cd "$ROOT" && find . -type f | sort | tr '\n' ' '))"
