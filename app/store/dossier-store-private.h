/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The untranslated message for a named constraint of the schema, or NULL. */
const char *dossier_store_describe_constraint (const char *name);

G_END_DECLS
