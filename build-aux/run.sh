#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Dossier and starts it from the build tree, with its settings schema
# and its translations: `build-aux/run.sh [--data-dir DIR] [COMMAND …]`.
set -eu
cd "$(dirname "$0")/.."
sh build-aux/build.sh >&2
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export DOSSIER_LOCALEDIR="$PWD/_build/po"
exec _build/app/dossier "$@"
