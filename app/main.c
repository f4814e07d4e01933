/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dossier-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DossierApplication) app = dossier_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
