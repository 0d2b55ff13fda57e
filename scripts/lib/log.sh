# shellcheck shell=bash
# Messages for the suite's scripts: progress on stdout, problems on stderr.
# Sourced, not executed. The caller sets LOG_TAG (e.g. "infra").

log() { printf '[%s] %s\n' "${LOG_TAG:-perfsuite}" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "${LOG_TAG:-perfsuite}" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "${LOG_TAG:-perfsuite}" "$*" >&2
  exit 1
}

# show_log_tail FILE [LINES]: last lines of a log, indented, on stderr.
show_log_tail() {
  local file=$1 lines=${2:-40}
  if [[ -r $file ]]; then
    printf '[%s] --- last %s lines of %s ---\n' "${LOG_TAG:-perfsuite}" "$lines" "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/    /' >&2
    printf '[%s] --- end of %s ---\n' "${LOG_TAG:-perfsuite}" "$file" >&2
  else
    printf '[%s] (no log at %s)\n' "${LOG_TAG:-perfsuite}" "$file" >&2
  fi
}
