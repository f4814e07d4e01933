/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "dossier-test-utils.h"

/* A fresh temporary folder for one test's store. */
char *
dossier_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dossier-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
dossier_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        dossier_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

DossierStore *
dossier_test_open_store (const char *dir)
{
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  DossierStore *store = dossier_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}
