#!/usr/bin/env bash
# `npm run build:sea`: the Linux x64 single executable build/ftscan — the node binary this script runs on, with the
# bundle (build/ftscan.cjs, scripts/bundle.ts) injected as its Single Executable Application blob (Node's SEA:
# --experimental-sea-config, then postject with the SEA sentinel fuse). Runs with nothing else installed: no node,
# no node_modules. Idempotent: rebuilds the bundle and the executable each time.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE="$(command -v node)"
FUSE=NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2
mkdir -p build
if ! grep -q "$FUSE" "$NODE"; then
  echo "build-sea: $NODE has no SEA fuse ($FUSE): it cannot be made a single executable" >&2
  exit 1
fi

npx tsx scripts/bundle.ts build/ftscan.cjs
# Node 20 runs one CommonJS script; the shebang line is for `node build/ftscan.cjs` only and harmless here.
cat > build/sea-config.json <<'JSON'
{ "main": "build/ftscan.cjs", "output": "build/sea-prep.blob", "disableExperimentalSEAWarning": true, "useCodeCache": false }
JSON
node --experimental-sea-config build/sea-config.json
rm -f build/ftscan
cp "$NODE" build/ftscan
chmod u+w build/ftscan
npx postject build/ftscan NODE_SEA_BLOB build/sea-prep.blob --sentinel-fuse "$FUSE"
rm -f build/sea-prep.blob build/sea-config.json
echo "build-sea: build/ftscan ($(du -m build/ftscan | cut -f1) MB, $(build/ftscan --version), from $NODE $("$NODE" --version))"
