#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop integration files as the desktop's own validators see them.
# Usage: test-desktop.sh DESKTOP_FILE METAINFO_FILE SCHEMA_DIR
desktop=$1 metainfo=$2 schemas=$3
n=0 failed=0
check () {
  name=$1; shift
  n=$((n + 1))
  if out=$("$@" 2>&1); then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    failed=1
  fi
  [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
  return 0
}
echo "1..5"
check "desktop-file-validate" desktop-file-validate "$desktop"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$metainfo"
check "glib-compile-schemas --strict" glib-compile-schemas --strict --dry-run "$schemas"
# the merged files carry the translations
check "desktop file is translated" grep -q '^Name\[ru\]=' "$desktop"
check "metainfo is translated" grep -q 'xml:lang="kk"' "$metainfo"
exit $failed
