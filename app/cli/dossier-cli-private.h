/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dossier-minisign.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* What the files of the command line share. */

gboolean      dossier_cli_parse_command  (GOptionContext        *context,
                                          int                   *argc,
                                          char                ***argv,
                                          int                    max_args);
DossierStore *dossier_cli_open_store     (const char            *data_dir,
                                          DossierStoreOpenFlags  flags);

DossierRecord *dossier_cli_find_ua      (DossierStore          *store,
                                         const char            *given);
DossierRecord *dossier_cli_find_target  (DossierStore          *store,
                                         DossierRecord         *ua,
                                         const char            *given);

/* dossier-cli-sign.c */
int           dossier_cli_command_keygen  (const char *data_dir,
                                           int         argc,
                                           char      **argv);
char         *dossier_cli_read_public_key (const char *given);
DossierMinisignSecretKey *dossier_cli_load_secret_key (const char *path);
gboolean      dossier_cli_sign_file       (const DossierMinisignSecretKey  *key,
                                           const char                      *path,
                                           GError                         **error);

/* dossier-cli-letter.c */
int           dossier_cli_command_letter  (const char *data_dir,
                                           int         argc,
                                           char      **argv);

/* dossier-cli-forget.c */
int           dossier_cli_command_forget_case (const char *data_dir,
                                               int         argc,
                                               char      **argv);
/* dossier-cli-backup.c */
int           dossier_cli_command_report  (const char *data_dir,
                                           int         argc,
                                           char      **argv);
int           dossier_cli_command_backup  (const char *data_dir,
                                           int         argc,
                                           char      **argv);
int           dossier_cli_command_restore (const char *data_dir,
                                           int         argc,
                                           char      **argv);

/* dossier-cli-feeds.c */
int           dossier_cli_command_feed    (const char *data_dir,
                                           int         argc,
                                           char      **argv);
int           dossier_cli_command_refresh (const char *data_dir,
                                           int         argc,
                                           char      **argv);
int           dossier_cli_command_opml    (const char *data_dir,
                                           int         argc,
                                           char      **argv);

G_END_DECLS
