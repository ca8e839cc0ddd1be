#!/usr/bin/env bash
# Installs what scripts/checkers/check-* need, idempotently (fast when all is there):
# - Debian packages: LibreOffice Writer and Calc (headless), poppler-utils (pdfinfo,
#   pdftotext, pdftoppm), metric-compatible fonts, a Java runtime for the Nu Html Checker,
#   Chromium for the page check, python3-venv;
# - a Python venv with requirements.txt at $DIP_CHECKERS_VENV, default
#   ${XDG_CACHE_HOME:-~/.cache}/dip/checkers-venv (rebuilt when requirements.txt changes).
# apt-get runs as root, or through sudo. SKIP_APT=1 only builds the venv.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
venv="${DIP_CHECKERS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/dip/checkers-venv}"

need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v java >/dev/null || need+=(default-jre-headless)
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
[ -e /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
[ -e /usr/share/fonts/truetype/crosextra ] || need+=(fonts-crosextra-carlito fonts-crosextra-caladea)
[ -e /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
if [ "${SKIP_APT:-0}" != 1 ] && [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "checkers: installing ${need[*]} (first run: about 400 MB, 1-3 min)"
  export DEBIAN_FRONTEND=noninteractive
  # default-jre-headless's postinst needs the man folder some slim images delete.
  $sudo mkdir -p /usr/share/man/man1
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
  echo "checkers: building the Python venv at $venv (first run: about 1 min)"
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$stamp"
fi
echo "checkers ready: $(cd "$here" && ls check-* | tr '\n' ' ')(venv $venv)"
