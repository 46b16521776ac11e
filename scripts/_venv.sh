# Shared by the scripts: make sure .venv exists and holds this package (with extras "$1").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PYTHON" -m venv "$ROOT/.venv"
fi
VENV="$ROOT/.venv/bin"
stamp="$ROOT/.venv/.installed-${1:-base}"
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  "$VENV/python" -m pip install --quiet --upgrade pip
  if [ -n "${1:-}" ]; then
    "$VENV/python" -m pip install --quiet -e "$ROOT[$1]"
  else
    "$VENV/python" -m pip install --quiet -e "$ROOT"
  fi
  touch "$stamp"
fi
