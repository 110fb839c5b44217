#!/usr/bin/env bash
# Runs the serve module's end-to-end tests: Serve in one call from JShell (the README's lines), the Lamp
# demo and the shared note, each page in Debian's Chromium (CHROMIUM, default /usr/bin/chromium) driven
# by playwright-core. Needs ./install.sh to have run (it builds the widget bundle and the Maven modules).
set -euo pipefail
exec "$(dirname "$0")/../serve/e2e.sh"
