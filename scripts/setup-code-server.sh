#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 server + web workbench) from Debian packages and the npm
# registry only, with Chromium, ripgrep and a CJK font for the in-editor tests. Idempotent: a marker
# file makes a second run on the same machine take seconds.
# Usage: scripts/setup-code-server.sh <install-dir>     (root for apt-get; node 20 + npm on PATH)
set -euo pipefail
DIR="${1:?install dir}"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
T0=$(date +%s)
step() { echo "[setup +$(( $(date +%s) - T0 ))s] $*"; }

need_apt=0
for bin in chromium rg; do command -v "$bin" >/dev/null || need_apt=1; done
fc-list 2>/dev/null | grep -qi 'wqy' || need_apt=1
if [ "$need_apt" = 1 ] && [ "${SKIP_APT:-}" != 1 ]; then
  step "apt: chromium ripgrep libkrb5-dev fonts-wqy-microhei"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ripgrep libkrb5-dev fonts-wqy-microhei python3 make g++ >/dev/null
fi

mkdir -p "$DIR"
cd "$DIR"
MARKER="$DIR/.installed-code-server-$VERSION"
if [ -f "$MARKER" ]; then step "code-server $VERSION already installed"; exit 0; fi
[ -f package.json ] || echo '{"private":true}' > package.json

# code-server's own postinstall downloads ripgrep from GitHub: skip it and do its steps here.
step "npm install code-server@$VERSION"
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
step "build argon2 from source"
npm rebuild argon2 >/dev/null
cd node_modules/code-server/lib/vscode
step "npm install lib/vscode"
npm install --no-audit --no-fund --ignore-scripts --omit=dev >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # Debian's rg where @vscode/ripgrep expects its own
step "build native addons"
npm_config_yes=true npm rebuild @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
cd extensions
step "npm install lib/vscode/extensions"
npm install --no-audit --no-fund --omit=dev >/dev/null
touch "$MARKER"
step "done: $DIR/node_modules/code-server/out/node/entry.js"
