#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Dossier and runs every suite (unit, store, cli, exchange, desktop,
# i18n, ui); the ui suite opens real windows on a virtual display (Xvfb)
# with a session bus of its own. Extra arguments go to that meson test.
#
# Then builds a second configuration, _build-sanitize: clang with
# AddressSanitizer, UndefinedBehaviorSanitizer (LeakSanitizer included)
# and the libFuzzer target, and runs the unit, store, exchange, cli and
# feeds suites there; any finding fails its test. DOSSIER_SANITIZE=0
# skips it.
#
# Ends with one line "N passed, N failed" over both runs.
set -u
cd "$(dirname "$0")/.."
status=0
logs=_build/meson-logs/testlog.json
rm -f _build/meson-logs/testlog.json _build-sanitize/meson-logs/testlog.json

if sh build-aux/build.sh; then
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    meson test -C _build --print-errorlogs --num-processes 2 "$@" || status=$?
else
  status=1
fi

if [ "${DOSSIER_SANITIZE:-1}" != 0 ]; then
  logs="$logs _build-sanitize/meson-logs/testlog.json"
  if { [ -f _build-sanitize/build.ninja ] ||
       CC=clang meson setup _build-sanitize -Db_sanitize=address,undefined -Db_lundef=false \
         -Dc_args=-fno-omit-frame-pointer -Dfuzzing=true; } &&
     ninja -C _build-sanitize; then
    dbus-run-session -- meson test -C _build-sanitize --print-errorlogs --num-processes 2 \
      --suite unit --suite store --suite exchange --suite cli --suite feeds || status=$?
  else
    status=1
  fi
fi

# shellcheck disable=SC2086
python3 build-aux/count-tap.py $logs || status=1
exit $status
