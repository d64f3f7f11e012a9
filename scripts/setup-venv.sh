# Sourced by scripts/quickstart and scripts/test: create .venv and install sverka into it.
# pip's output goes to .venv/pip.log and is shown only when the install fails.
setup_venv() {
  local target="$1"
  echo "setting up .venv (pip log: .venv/pip.log) …" >&2
  python3 -m venv .venv
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip \
         && .venv/bin/python -m pip install --disable-pip-version-check -e "$target"; } \
       > .venv/pip.log 2>&1; then
    tail -n 30 .venv/pip.log >&2
    echo "setup failed: the whole pip log is in .venv/pip.log" >&2
    return 1
  fi
}
