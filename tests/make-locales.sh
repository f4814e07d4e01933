#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Compiles the locales the tests format dates under into a directory of the
# build's own, which they read through LOCPATH: nothing is written outside
# the build tree, so it works as root on a fresh system and as a user who
# cannot touch /usr/lib/locale. It needs localedef (libc-bin) and the
# locales' sources in /usr/share/i18n (Debian's `locales` package, which
# build-aux/deps.sh installs).
# Usage: make-locales.sh DIR STAMP LOCALE… (a LOCALE is "ru_RU": its UTF-8
# variant is compiled). The stamp is written only when all of them were;
# otherwise the next build tries again, and the tests that need them fail
# saying which is missing.
set -u
dir=$1 stamp=$2
shift 2
mkdir -p "$dir"
rm -f "$stamp"
failed=0
for locale in "$@"; do
  # 0: compiled; 1: compiled, with warnings
  localedef -i "$locale" -f UTF-8 "$dir/$locale.UTF-8" 2> "$dir/$locale.log"
  status=$?
  if [ "$status" -gt 1 ] || [ ! -f "$dir/$locale.UTF-8/LC_TIME" ]; then
    echo "make-locales.sh: could not compile $locale.UTF-8 (install Debian's locales package):" >&2
    sed 's/^/  /' "$dir/$locale.log" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] && touch "$stamp"
exit 0
