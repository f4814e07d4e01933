/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-editor.h"
#include "dossier-case-event.h"
#include "dossier-composer.h"
#include "dossier-deletion.h"
#include "dossier-detail-page.h"
#include "dossier-event-editor.h"
#include "dossier-feed.h"
#include "dossier-feed-editor.h"
#include "dossier-forget.h"
#include "dossier-log-editor.h"
#include "dossier-record-actions.h"
#include "dossier-target.h"
#include "dossier-target-editor.h"
#include "dossier-ua-editor.h"
#include "dossier-urgent-action.h"
#include "dossier-window.h"

/* What can be done with the record a page shows: edit or delete it, its
 * case events and its targets, and forget a case. The actions are the
 * page's ("page.…"); the window passes its own win.edit-record, … on to
 * the page shown, for the header's buttons and the forms. A deletion is
 * offered for Undo through the window, which then shows what is left;
 * forgetting has no Undo, and asks first. */

static GtkWindow *
parent_window (GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Deletes a record of @kind with Undo; afterwards @navigation ("win.back",
 * "win.reload-page") shows what is left. */
static void
delete_with_undo (GtkWidget  *page,
                  GType       kind,
                  const char *id,
                  const char *navigation,
                  AdwToast *(*toast_for) (DossierRecord *deleted))
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (page));
  GtkWindow *window = parent_window (page);
  DossierDeletion *deletion;
  g_autoptr(GError) error = NULL;

  deletion = dossier_store_delete_with_undo (store, kind, id, &error);
  if (deletion == NULL)
    {
      gtk_widget_activate_action (page, "win.show-error", "s", error->message);
      return;
    }
  if (!DOSSIER_IS_WINDOW (window))
    {
      dossier_deletion_free (deletion);
      return;
    }
  dossier_window_offer_undo_deletion (DOSSIER_WINDOW (window), deletion,
                                      toast_for (dossier_deletion_get_record (deletion)));
  /* the page may go with this: only the window is used from here on */
  gtk_widget_activate_action (GTK_WIDGET (window), navigation, NULL);
}

static AdwToast *
named_toast (DossierRecord *deleted)
{
  /* Translators: %s is what was deleted: the name of a case or a target, or
   * the reference of an urgent action; the word for it is not in the message */
  return adw_toast_new_format (_("“%s” deleted"),
                               DOSSIER_IS_URGENT_ACTION (deleted) ? dossier_record_get_string (deleted, "reference")
                                                                  : dossier_record_get_string (deleted, "name"));
}

static AdwToast *
feed_toast (DossierRecord *deleted)
{
  const char *title = dossier_record_get_string (deleted, "title");

  /* Translators: %s is the title (or the address) of a feed unsubscribed from */
  return adw_toast_new_format (_("Unsubscribed from “%s”"), *title ? title : dossier_record_get_string (deleted, "url"));
}

static AdwToast *
event_toast (DossierRecord *deleted)
{
  return adw_toast_new (_("Event deleted"));
}

static AdwToast *
action_toast (DossierRecord *deleted)
{
  /* Translators: a logged action (a letter sent, a call made) was deleted */
  return adw_toast_new (_("Action deleted"));
}

static void
on_edit_record_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (widget));
  DossierRecord *record = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (widget));

  if (DOSSIER_IS_CASE (record))
    gtk_window_present (GTK_WINDOW (dossier_case_editor_new (parent_window (widget), store, record)));
  else if (DOSSIER_IS_URGENT_ACTION (record))
    gtk_window_present (GTK_WINDOW (dossier_ua_editor_new (parent_window (widget), store, record)));
  else if (DOSSIER_IS_FEED (record))
    gtk_window_present (GTK_WINDOW (dossier_feed_editor_new (parent_window (widget), store, NULL, record, NULL)));
  else if (DOSSIER_IS_ACTION (record))
    gtk_window_present (GTK_WINDOW (dossier_log_editor_new_for_action (parent_window (widget), store, record)));
}

static void
on_delete_record_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DossierRecord *record = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (widget));

  if (DOSSIER_IS_CASE (record) || DOSSIER_IS_URGENT_ACTION (record))
    delete_with_undo (widget, G_OBJECT_TYPE (record), dossier_record_get_id (record), "win.back", named_toast);
  else if (DOSSIER_IS_FEED (record))
    /* its items go with it, and come back with Undo; the records its
     * campaign brought stay */
    delete_with_undo (widget, G_OBJECT_TYPE (record), dossier_record_get_id (record), "win.back", feed_toast);
  else if (DOSSIER_IS_ACTION (record))
    /* the page goes; Undo brings the action back, and its page */
    delete_with_undo (widget, G_OBJECT_TYPE (record), dossier_record_get_id (record), "win.back", action_toast);
}

/* Forget a Case: what goes and what stays is said, with the numbers,
 * before anything goes; there is no Undo. */
typedef struct
{
  DossierStore *store;
  char         *case_id;
  GtkWindow    *window;   /* weak */
} ForgetJob;

static void
forget_job_free (gpointer  data,
                 GClosure *closure)
{
  ForgetJob *job = data;

  g_clear_object (&job->store);
  g_free (job->case_id);
  g_clear_weak_pointer (&job->window);
  g_free (job);
}

/* A composer open on an urgent action for this case alone would keep its
 * letter as a draft when it closes, after the case is forgotten: it closes
 * first, keeps it then, and the draft goes with the others. */
static void
close_composers (DossierStore *store,
                 const char   *case_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) closing = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      DossierRecord *ua = DOSSIER_IS_COMPOSER (window)
                          ? dossier_composer_get_urgent_action (DOSSIER_COMPOSER (window)) : NULL;
      g_autoptr(DossierRecord) stored = ua ? dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION,
                                                                   dossier_record_get_id (ua), NULL) : NULL;
      const char * const *case_ids = stored ? dossier_record_get_strv (stored, "case-ids") : NULL;

      if (case_ids && case_ids[0] && !case_ids[1] && g_str_equal (case_ids[0], case_id))
        g_ptr_array_add (closing, g_object_ref (window));
    }
  for (guint i = 0; i < closing->len; i++)
    gtk_window_destroy (closing->pdata[i]);
}

static void
on_forget_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ForgetJob        *job)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "forget"))
    return;
  close_composers (job->store, job->case_id);
  if (!dossier_store_forget_case (job->store, job->case_id, NULL, &error))
    {
      if (job->window)
        gtk_widget_activate_action (GTK_WIDGET (job->window), "win.show-error", "s", error->message);
      return;
    }
  if (DOSSIER_IS_WINDOW (job->window))
    dossier_window_report_forgotten (DOSSIER_WINDOW (job->window));
  else
    dossier_store_scrub (job->store, NULL);
}

static void
on_forget_case_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (widget));
  DossierRecord *kase = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (widget));
  GtkWindow *window = parent_window (widget);
  DossierForgetCounts counts;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GString) body = NULL;
  const char *origin;
  GtkWidget *dialog;
  ForgetJob *job;

  if (!DOSSIER_IS_CASE (kase))
    return;
  if (!dossier_store_count_forget (store, dossier_record_get_id (kase), &counts, &error))
    {
      gtk_widget_activate_action (widget, "win.show-error", "s", error->message);
      return;
    }

  /* Translators: the question before a case is forgotten; %s is its name */
  heading = g_strdup_printf (_("Forget “%s”?"), dossier_record_get_string (kase, "name"));
  body = g_string_new (_("The case leaves this computer for good, with what is about it alone. "
                         "There is no Undo."));
  what = dossier_forget_describe (&counts, "• ");
  g_string_append_printf (body, "\n\n%s", what);
  origin = dossier_record_get_string (kase, "origin");
  if (origin && *origin)
    g_string_append_printf (body, "\n\n%s",
                            _("It came with a campaign: importing that campaign again, or an update of "
                              "its feed, brings the case back, without what you wrote about it."));

  dialog = adw_message_dialog_new (window, heading, NULL);
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: the button that forgets a case */
                                    "forget", C_("case", "_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  job = g_new0 (ForgetJob, 1);
  job->store = g_object_ref (store);
  job->case_id = g_strdup (dossier_record_get_id (kase));
  g_set_weak_pointer (&job->window, window);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_forget_response_cb), job,
                         forget_job_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_event_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (widget));
  DossierRecord *record = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (widget));

  if (DOSSIER_IS_CASE (record))
    gtk_window_present (GTK_WINDOW (dossier_event_editor_new (parent_window (widget), store, record, NULL)));
}

static void
on_edit_event_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (widget));
  DossierRecord *kase = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (widget));
  g_autoptr(DossierRecord) event = NULL;

  if (!DOSSIER_IS_CASE (kase))
    return;
  event = dossier_store_fetch (store, DOSSIER_TYPE_CASE_EVENT, g_variant_get_string (parameter, NULL), NULL);
  if (event)
    gtk_window_present (GTK_WINDOW (dossier_event_editor_new (parent_window (widget), store, kase, event)));
}

static void
on_delete_event_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DossierRecord *kase = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (widget));

  /* the case's page is rebuilt without the event */
  if (DOSSIER_IS_CASE (kase))
    delete_with_undo (widget, DOSSIER_TYPE_CASE_EVENT, g_variant_get_string (parameter, NULL),
                      "win.reload-page", event_toast);
}

static void
on_edit_target_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (widget));
  g_autoptr(DossierRecord) target = NULL;

  target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, g_variant_get_string (parameter, NULL), NULL);
  if (target)
    gtk_window_present (GTK_WINDOW (dossier_target_editor_new (parent_window (widget), store, target)));
}

static void
on_delete_target_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  /* the urgent action's page is rebuilt without the target */
  delete_with_undo (widget, DOSSIER_TYPE_TARGET, g_variant_get_string (parameter, NULL),
                    "win.reload-page", named_toast);
}

/**
 * dossier_record_actions_install:
 * @widget_class: the class of #DossierDetailPage
 *
 * Installs page.edit-record, page.delete-record, page.forget-case,
 * page.new-event and, with an event's or a target's id, page.edit-event,
 * page.delete-event, page.edit-target and page.delete-target.
 */
void
dossier_record_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.edit-record", NULL, on_edit_record_action_cb);
  gtk_widget_class_install_action (widget_class, "page.delete-record", NULL, on_delete_record_action_cb);
  gtk_widget_class_install_action (widget_class, "page.forget-case", NULL, on_forget_case_action_cb);
  gtk_widget_class_install_action (widget_class, "page.new-event", NULL, on_new_event_action_cb);
  gtk_widget_class_install_action (widget_class, "page.edit-event", "s", on_edit_event_action_cb);
  gtk_widget_class_install_action (widget_class, "page.delete-event", "s", on_delete_event_action_cb);
  gtk_widget_class_install_action (widget_class, "page.edit-target", "s", on_edit_target_action_cb);
  gtk_widget_class_install_action (widget_class, "page.delete-target", "s", on_delete_target_action_cb);
}
