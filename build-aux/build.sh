#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures (once) and builds Dossier in _build/.
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh
[ -f _build/build.ninja ] || meson setup _build
ninja -C _build
