#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Dossier needs to build and test on Debian 12 (bookworm) or
# newer, and nothing when it is all there already. clang and its runtime
# (libclang-rt-dev: libclang-rt-14-dev on Debian 12, with libFuzzer and the
# sanitizers) build the sanitizer configuration of build-aux/test.sh;
# microsocks is the SOCKSv5 proxy tests/test-feed-fetch.c fetches through;
# at-spi2-core and the Atspi bindings are what tests/a11y-walk.py hears the
# window through, as a screen reader does; locales holds the sources that
# tests/make-locales.sh compiles ru_RU, kk_KZ and de_DE from (with localedef,
# into the build tree) for the test of dates under real locales;
# poppler-utils (pdfinfo, pdftotext, pdftoppm) reads the pages of the PDF
# progress report in tests/test-progress-report.c and renders them to look at.
set -eu

packages="
  gcc meson ninja-build pkg-config gettext locales
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libxml2-dev
  appstream desktop-file-utils librsvg2-common adwaita-icon-theme
  xvfb xauth dbus xdotool python3 microsocks
  at-spi2-core python3-gi gir1.2-atspi-2.0
  clang libclang-rt-dev
  iso-codes
  libsodium-dev minisign
  poppler-utils
"

missing=
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing" >&2
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
