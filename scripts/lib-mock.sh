# Sourced by the smoke scripts: start_mock DIR starts `npm run mock-vcenter` (tsx mocks/mock-vcenter.ts) on a free
# loopback port writing ca.pem and password into DIR, waits (at most 90 s) for it to print its URL, and sets
# MOCK_URL; the mock is stopped when the calling script exits.
MOCK_PID=""
stop_mock() { if [ -n "$MOCK_PID" ]; then kill "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; MOCK_PID=""; fi; }
start_mock() {
  local dir="$1"
  mkdir -p "$dir"
  timeout 1800 npx tsx mocks/mock-vcenter.ts --port 0 --dir "$dir" >"$dir/mock.out" 2>&1 &
  MOCK_PID=$!
  trap stop_mock EXIT
  for _ in $(seq 1 90); do
    MOCK_URL="$(sed -n 's/^  URL: *//p' "$dir/mock.out")"
    [ -n "$MOCK_URL" ] && { echo "mock vCenter: $MOCK_URL"; return 0; }
    kill -0 "$MOCK_PID" 2>/dev/null || break
    sleep 1
  done
  echo "the mock vCenter did not start:" >&2
  cat "$dir/mock.out" >&2
  return 1
}
