# shellcheck shell=bash
# Installing what the suite needs from Debian's packages. Sourced, not executed;
# needs log.sh. As root it installs; otherwise it says what to install and stops.

# pg_bin: where PostgreSQL 15's server binaries live (PG_BIN overrides).
pg_bin() {
  echo "${PG_BIN:-/usr/lib/postgresql/15/bin}"
}

# ensure_commands CMD:PACKAGE...: every CMD (a name on PATH or an absolute path)
# exists, installing the PACKAGEs of the missing ones.
ensure_commands() {
  local pair cmd pkg missing=()
  for pair in "$@"; do
    cmd=${pair%%:*}
    pkg=${pair#*:}
    if [[ $cmd == /* ]]; then
      [[ -x $cmd ]] && continue
    else
      command -v "$cmd" >/dev/null 2>&1 && continue
    fi
    [[ " ${missing[*]} " == *" $pkg "* ]] || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0

  if [[ $(id -u) -ne 0 ]]; then
    die "missing packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}
