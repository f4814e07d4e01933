/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include "dossier-feed-error.h"

G_DEFINE_QUARK (dossier-feed-error-quark, dossier_feed_error)
