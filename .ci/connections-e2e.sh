#!/usr/bin/env bash
# Runs the connections end-to-end test: the demo server (embedded Jetty) and its page in Debian's
# Chromium (CHROMIUM, default /usr/bin/chromium) driven by playwright-core. Needs ./install.sh to
# have run (it builds the widget bundle and the Maven modules).
set -euo pipefail
exec "$(dirname "$0")/../connections/e2e.sh"
