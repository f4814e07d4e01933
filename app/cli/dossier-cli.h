/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of `dossier COMMAND`. */
typedef enum {
  DOSSIER_EXIT_OK       = 0,
  DOSSIER_EXIT_PROBLEMS = 1, /* the command ran and found something wrong */
  DOSSIER_EXIT_USAGE    = 2, /* the command line is wrong */
  DOSSIER_EXIT_STORE    = 3, /* the store could not be opened, or refused a write */
  DOSSIER_EXIT_INPUT    = 4, /* an input file cannot be read or is not valid */
  DOSSIER_EXIT_OUTPUT   = 5, /* standard output could not be written (a full disk) */
} DossierExitStatus;

typedef int (*DossierCliCommandFunc) (const char  *data_dir,
                                      int          argc,
                                      char       **argv);

void        dossier_cli_add_command     (const char           *name,
                                         DossierCliCommandFunc func,
                                         const char           *summary);
char       *dossier_cli_resolve_data_dir (const char  *data_dir);
gboolean    dossier_cli_is_command      (const char  *name);
char       *dossier_cli_describe_commands (void);
int         dossier_cli_run             (const char  *data_dir,
                                         int          argc,
                                         char       **argv);

/* dossier-cli-progress.c: built into the GUI library, which draws the
 * PDF report; the application adds it with dossier_cli_add_command() */
int         dossier_cli_command_progress (const char  *data_dir,
                                          int          argc,
                                          char       **argv);

G_END_DECLS
