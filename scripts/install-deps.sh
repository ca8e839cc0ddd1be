#!/usr/bin/env bash
# Installs the Debian packages dip builds against, when missing. Idempotent; needs root
# (or sudo) only when something is missing.
set -euo pipefail
need=()
pkg-config --exists libxml-2.0 2>/dev/null || need+=(libxml2-dev)
pkg-config --exists libzip 2>/dev/null || need+=(libzip-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v zip >/dev/null || need+=(zip)
command -v unzip >/dev/null || need+=(unzip)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "install-deps: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends pkg-config "${need[@]}"
