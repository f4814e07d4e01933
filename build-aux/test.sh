#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Dossier and runs every suite (unit, store, cli, desktop, i18n, ui);
# the ui suite opens real windows on a virtual display (Xvfb) with a
# session bus of its own. Ends with "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
sh build-aux/build.sh
rm -f _build/meson-logs/testlog.json
status=0
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  meson test -C _build --print-errorlogs --num-processes 2 "$@" || status=$?
python3 build-aux/count-tap.py _build/meson-logs/testlog.json || status=1
exit $status
