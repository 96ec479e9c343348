# Sourced by the hack/ scripts: runs named steps with their output in a log file, and on failure says
# which step failed and where its log is.

step() { # name command...
  local name="$1"; shift
  local log="$LOG_DIR/$(echo "$name" | tr ' /:' '---').log"
  local t0; t0=$(date +%s)
  printf '==> %s ... ' "$name" >&2
  if "$@" >"$log" 2>&1; then
    echo "done ($(( $(date +%s) - t0 ))s)" >&2
  else
    echo "FAILED" >&2
    echo "--- last lines of $log:" >&2
    tail -n 20 "$log" >&2
    echo "--- step '$name' failed; full log: $log" >&2
    exit 1
  fi
}
