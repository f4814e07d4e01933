/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Addresses that come from files and forms, checked, and links built from
 * them escaped: a target's email or an event's source can never smuggle a
 * hidden Bcc, an attachment or another program into a link. */

gboolean dossier_email_is_valid   (const char *email);
gboolean dossier_web_address_is_valid (const char *address);
char    *dossier_mailto_for       (const char *email);
char    *dossier_link_uri         (const char *address);
gboolean dossier_uri_is_safe      (const char *uri);

G_END_DECLS
