# Sourced by scripts/app and scripts/check: make the project's environment exist and be current.
# Creates .venv with the project and its dev tools, the npm packages the tests use (Mozilla's
# ical.js; axe-core, puppeteer-core and the Nu HTML checker for the reports' HTML twins), and,
# when run as root on Debian, the system tools the tests need: poppler-utils to read PDFs back,
# Chromium to run axe-core in, and a Java runtime for the Nu checker.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
STAMP="$VENV/.convener-installed"

say() { printf 'setup: %s\n' "$*" >&2; }

"$PYTHON" - <<'PY' || { echo "Convener needs Python 3.11 or newer (set PYTHON=...)" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

want="$(cat "$ROOT/pyproject.toml" "$ROOT/package.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    say "installing Python packages into .venv (first run takes a minute)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]"
    echo "$want" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"

install_node_packages() {
    local package missing=0
    for package in ical.js axe-core puppeteer-core vnu-jar; do
        [ -d "$ROOT/node_modules/$package" ] || missing=1
    done
    if [ -f "$ROOT/package.json" ] && [ "$missing" = 1 ]; then
        if command -v npm >/dev/null 2>&1; then
            say "installing npm packages (ical.js, axe-core, puppeteer-core, vnu-jar)"
            # No install scripts: vnu-jar's would fetch a Java runtime (Debian's is used) and
            # puppeteer-core never downloads a browser (Debian's Chromium is used).
            (cd "$ROOT" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
        else
            say "npm not found: the cross-client calendar tests need Node.js and npm"
            return 1
        fi
    fi
}

install_debian_tools() {
    # pdftotext and pdffonts read reports back in the tests; axe-core runs in Chromium; the
    # Nu HTML checker needs Java.
    local missing=()
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing ${missing[*]} with apt-get"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        say "missing ${missing[*]} (install with your package manager for the PDF checks)"
    fi
}
