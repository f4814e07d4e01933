/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dossier-case.h"
#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-forget.h"
#include "dossier-store.h"

/* `dossier forget-case`: what Forget This Case… does in the window. It
 * says what goes and what stays, and asks, unless told --yes; then the
 * case goes, with what is about it alone, and the store is scrubbed so
 * that none of it stays readable in its files. */

/* The case @given names: its id, or its name as stored. Prints why not
 * and returns NULL. */
static DossierRecord *
find_case (DossierStore *store,
           const char   *given)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  DossierRecord *record = dossier_store_fetch (store, DOSSIER_TYPE_CASE, given, NULL);

  if (record)
    return record;
  dossier_query_filter_text (query, "name", DOSSIER_QUERY_EQ, given);
  if (!(found = dossier_store_query (store, query, 0, 20, &error)))
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return NULL;
    }
  if (found->len == 1)
    return g_object_ref (found->pdata[0]);
  if (found->len == 0)
    /* Translators: %s is what the user typed */
    g_printerr (_("There is no case “%s”. Give its name as Dossier shows it, or its id.\n"), given);
  else
    {
      /* Translators: %s is what the user typed */
      g_printerr (_("More than one case is named “%s”; give the id of the one to forget:\n"), given);
      for (guint i = 0; i < found->len; i++)
        g_printerr ("  %s  (%s)\n", dossier_record_get_string (found->pdata[i], "name"),
                    dossier_record_get_id (found->pdata[i]));
    }
  return NULL;
}

/* Whether the person answers yes on standard input. */
static gboolean
confirmed (void)
{
  char line[64] = "";
  g_autofree char *answer = NULL;

  /* Translators: asked before a case is forgotten; keep [y/N]: the answer
   * is read as y or yes, in Latin letters */
  g_print (_("Forget it? [y/N] "));
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    {
      g_print ("\n");
      return FALSE;
    }
  /* an answer that came from a pipe was not echoed */
  if (!isatty (STDIN_FILENO))
    g_print ("\n");
  answer = g_ascii_strdown (g_strstrip (line), -1);
  return g_str_equal (answer, "y") || g_str_equal (answer, "yes");
}

int
dossier_cli_command_forget_case (const char  *data_dir,
                                 int          argc,
                                 char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  DossierForgetCounts counts;
  gboolean yes = FALSE;
  const char *origin;
  const GOptionEntry entries[] = {
    { "yes", 'y', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &yes,
      N_("Forget it without asking first"), NULL },
    { NULL }
  };

  /* Translators: the argument of “dossier forget-case”; keep it in capitals */
  context = g_option_context_new (_("NAME-OR-ID"));
  g_option_context_set_summary (context, _("Removes a case from the store for good, with its charges, "
                                           "events and other spellings, the actions and drafts of the "
                                           "urgent actions about it alone, and the updates linked to it; "
                                           "then no copy of them stays readable in the store’s files. "
                                           "Says what goes and asks first, unless given --yes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2 || *g_strstrip (argv[1]) == '\0')
    {
      g_printerr (_("Name the case to forget: dossier forget-case NAME-OR-ID\n"));
      return DOSSIER_EXIT_USAGE;
    }

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  if (!(kase = find_case (store, argv[1])))
    return DOSSIER_EXIT_INPUT;
  if (!dossier_store_count_forget (store, dossier_record_get_id (kase), &counts, &error))
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }

  /* Translators: the first %s is a case's name, the second its id */
  g_print (_("Forget the case “%s” (%s)?\n"), dossier_record_get_string (kase, "name"),
           dossier_record_get_id (kase));
  g_print ("%s\n", _("The case leaves this computer for good, with what is about it alone. "
                     "This cannot be undone."));
  what = dossier_forget_describe (&counts, "  ");
  g_print ("%s\n", what);
  origin = dossier_record_get_string (kase, "origin");
  if (origin && *origin)
    g_print ("%s\n", _("It came with a campaign: importing that campaign again, or an update of "
                       "its feed, brings the case back, without what you wrote about it."));

  if (!yes && !confirmed ())
    {
      g_print (_("Nothing was forgotten.\n"));
      return DOSSIER_EXIT_OK;
    }
  if (!dossier_store_forget_case (store, dossier_record_get_id (kase), NULL, &error))
    {
      /* Translators: %s says what went wrong */
      g_printerr (_("Could not forget the case: %s\n"), error->message);
      g_printerr (_("Nothing was forgotten.\n"));
      return DOSSIER_EXIT_STORE;
    }
  if (!dossier_store_scrub (store, &error))
    {
      /* Translators: %s says what went wrong */
      g_printerr (_("The case is forgotten, but copies of it may stay readable in the store’s files: %s\n"),
                  error->message);
      return DOSSIER_EXIT_STORE;
    }
  g_print (_("The case is forgotten.\n"));
  return DOSSIER_EXIT_OK;
}
