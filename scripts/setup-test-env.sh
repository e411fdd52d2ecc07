#!/usr/bin/env bash
# Installs what the test suite needs beyond node_modules: moto's server and the output formats'
# validators (pinned in requirements-test.txt, in .venv) and Debian's Chromium for the browser
# tests. Idempotent and quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every pinned requirement, at its pinned version: a package missing or at another version
# (an older .venv made before a requirement was added) triggers the install.
venv_is_current() {
  [ -x .venv/bin/python ] || return 1
  .venv/bin/python - requirements-test.txt <<'PY' >/dev/null 2>&1
import re, sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    m = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?==(\S+)", line)
    if not m:
        sys.exit(1)
    try:
        if version(m.group(1)) != m.group(3):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
}

if ! venv_is_current || ! .venv/bin/python -c 'import moto.server, flask' >/dev/null 2>&1; then
  echo "setup: installing the pinned test requirements into .venv" >&2
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: installing Chromium (apt-get)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install Debian's chromium package (apt-get install chromium) for the browser tests" >&2
    exit 1
  fi
fi
