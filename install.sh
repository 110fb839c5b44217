#!/usr/bin/env bash
# Sets up this repository on a fresh machine: checks the prerequisites, creates .venv with pinned
# JupyterLab, anywidget, the JJava kernel and the test tools, builds the widget bundle and the Maven
# modules, and installs the "Java (transports)" kernelspec (JJava with our extension jar on its
# classpath) into .venv. Safe to run again: every step either checks first or overwrites its output.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"

# Pinned Python packages (JupyterLab 4.x, anywidget 0.11.x, the JJava kernel, test tools, and the
# reference peer for the interop checks: the Python transports package 0.10.0 with what it and its
# servers and clients need, Starlette, uvicorn and websockets).
PY_PACKAGES=(
  "jupyterlab==4.6.6"
  "anywidget==0.11.0"
  "jjava==1.0a8"
  "nbclient==0.11.0"
  "nbformat==5.11.1"
  "jupyter_client==8.10.0"
  "pytest==9.2.0"
  "transports==0.10.0"
  "pydantic==2.14.4"
  "bigbrother==0.1.5"
  "msgspec==0.23.0"
  "starlette==1.10.0"
  "uvicorn==0.54.0"
  "websockets==17.4"
)
KERNEL_NAME="java-transports"
KERNEL_DISPLAY="Java (transports)"

say() { printf '[install] %s\n' "$*"; }

# --- prerequisites --------------------------------------------------------------------------
missing=()
version_of() { "$@" 2>&1 | head -n 1; }
major_at_least() { # $1 = version text, $2 = minimum major (dotted minors compared too)
  python3 - "$1" "$2" <<'EOF' 2>/dev/null
import re, sys
m = re.search(r'(\d+)(?:\.(\d+))?', sys.argv[1]); need = [int(x) for x in sys.argv[2].split('.')]
have = [int(m.group(1)), int(m.group(2) or 0)] if m else [0, 0]
sys.exit(0 if have[:len(need)] >= need else 1)
EOF
}
if command -v java >/dev/null; then
  jv="$(java -version 2>&1 | head -n 1 | sed -E 's/.*version "([^"]+)".*/\1/')"
  major_at_least "$jv" 17 || missing+=("java 17+ (found $jv)")
else missing+=("java 17+"); fi
command -v javac >/dev/null || missing+=("javac (a JDK, not only a JRE)")
command -v mvn >/dev/null || missing+=("mvn (Apache Maven)")
if command -v python3 >/dev/null; then
  pv="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo unknown)"
  major_at_least "$pv" 3.10 || missing+=("python3 3.10+ (found $pv)")
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=("python3 venv/ensurepip module (e.g. Debian package python3-venv)")
else missing+=("python3 3.10+"); fi
if command -v node >/dev/null; then
  nv="$(node --version)"
  major_at_least "$nv" 18 || missing+=("node 18+ (found $nv)")
else missing+=("node 18+"); fi
command -v npm >/dev/null || missing+=("npm")
if ((${#missing[@]})); then
  printf '[install] missing prerequisites:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
say "prerequisites ok: java $jv, python $pv, node $nv"

# --- Python virtualenv ----------------------------------------------------------------------
if [[ ! -x .venv/bin/python ]]; then
  say "creating .venv"
  python3 -m venv .venv
fi
want="$(printf '%s\n' "${PY_PACKAGES[@]}" | sort)"
have="$(.venv/bin/python -m pip freeze 2>/dev/null | tr 'A-Z_' 'a-z-' | sort)"
need_install=0
for p in "${PY_PACKAGES[@]}"; do
  grep -qx "$(echo "$p" | tr 'A-Z_' 'a-z-')" <<<"$have" || need_install=1
done
if ((need_install)); then
  say "installing Python packages: ${PY_PACKAGES[*]}"
  .venv/bin/python -m pip install -q --disable-pip-version-check "${PY_PACKAGES[@]}"
else
  say "Python packages already installed"
fi
JJAVA_SPEC="$ROOT/.venv/share/jupyter/kernels/java"
[[ -f "$JJAVA_SPEC/jjava.jar" && -f "$JJAVA_SPEC/jjava-launcher.jar" ]] || {
  echo "[install] the jjava package did not install its kernel at $JJAVA_SPEC" >&2; exit 1; }

# --- widget bundle --------------------------------------------------------------------------
if [[ -f widget-js/package.json ]]; then
  say "building the widget bundle (widget-js)"
  (
    cd widget-js
    # npm ci only when node_modules is missing or older than the lock file
    if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
      if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
    fi
    npm run build --silent
  )
else
  say "no widget-js/ in this checkout: the Maven build needs widget-js/dist/widget.js"
fi

# --- Maven modules --------------------------------------------------------------------------
say "building the Maven modules (mvn install, tests skipped)"
# Maven's console library writes colour resets even in batch mode; strip them so logs stay plain text
mvn -q -B -Dstyle.color=never -DskipTests -Dwidget.required=true install 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

# --- kernelspec -----------------------------------------------------------------------------
EXT_JAR="$(ls kernel-extension/target/transports-kernel-extension-*.jar 2>/dev/null | grep -v -- '-original\|-sources\|-javadoc' | head -n 1 || true)"
[[ -n "$EXT_JAR" ]] || { echo "[install] kernel-extension jar not built" >&2; exit 1; }
SPEC="$ROOT/.venv/share/jupyter/kernels/$KERNEL_NAME"
mkdir -p "$SPEC"
cp -f "$JJAVA_SPEC/jjava.jar" "$JJAVA_SPEC/jjava-launcher.jar" "$SPEC/"
for logo in "$JJAVA_SPEC"/logo-*.png; do [[ -e "$logo" ]] && cp -f "$logo" "$SPEC/"; done
cp -f "$EXT_JAR" "$SPEC/transports-kernel-extension.jar"
.venv/bin/python - "$SPEC" "$KERNEL_DISPLAY" <<'EOF'
import json, os, sys
spec, display = sys.argv[1], sys.argv[2]
kernel = {
    "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
    "display_name": display,
    "language": "java",
    "interrupt_mode": "message",
    # jupyter_client substitutes {resource_dir} only in argv, so the classpath is absolute.
    "env": {"JJAVA_CLASSPATH": os.path.join(spec, "transports-kernel-extension.jar")},
    "metadata": {},
}
with open(os.path.join(spec, "kernel.json"), "w") as f:
    json.dump(kernel, f, indent=2)
    f.write("\n")
EOF
say "kernelspec '$KERNEL_NAME' (\"$KERNEL_DISPLAY\") installed at $SPEC"
say "done. Start JupyterLab with: .venv/bin/jupyter lab notebooks/quickstart.ipynb"
