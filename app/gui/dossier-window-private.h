/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-search-view.h"
#include "dossier-window.h"

G_BEGIN_DECLS

/* The window is one class in two files, as GNOME Text Editor's is:
 * dossier-window.c holds its parts and the navigation between them,
 * dossier-window-actions.c the actions that span the sections (import,
 * the sample campaign, Undo, copying, opening addresses, writing). */
struct _DossierWindow
{
  AdwApplicationWindow  parent_instance;

  GtkButton            *activity_cancel;
  GtkLabel             *activity_label;
  GtkProgressBar       *activity_progress;
  GtkRevealer          *activity_revealer;
  GtkButton            *add_event_button;
  GtkButton            *back_button;
  AdwHeaderBar         *content_header;
  GtkStack             *content_stack;
  AdwWindowTitle       *content_title;
  GtkButton            *delete_button;
  GtkMenuButton        *page_menu_button;
  GtkButton            *edit_button;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  AdwStatusPage        *opening_page;
  GtkProgressBar       *opening_progress;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  DossierSearchView    *search_view;
  GtkStack             *section_stack;
  GtkListBox           *sidebar_list;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *unread_badge;  /* beside Updates in the sidebar */

  GSettings            *settings;
  DossierStore         *store;
  GHashTable           *add_buttons; /* section → its add button in the header */
  GPtrArray            *pages;   /* detail pages opened, the visible one last */
  gboolean              reloading; /* a page rebuilt: focus and scroll kept */
  guint                 focus_idle_id;
  guint                 focus_section_id;
  const char           *undo_action; /* what Ctrl+Z does: "win.undo-log", … */
  DossierDeletion      *deleted; /* the last deletion, for Undo */
  guint                 deletion_serial; /* counts deletions offered: which one a toast is for */
  DossierAction        *logged;  /* the last action logged or changed, for Undo */
  DossierAction        *before;  /* what it was before, NULL if it was new */
  GCancellable         *import_cancellable; /* the import running, if one is */
  GCancellable         *export_cancellable; /* the export running, if one is */
  GCancellable         *backup_cancellable; /* the backup or restore running, if one is */
  AdwToast             *export_toast;
  guint                 opening_timeout_id;
};

/* dossier-window.c */
void           dossier_window_notify_busy         (DossierWindow      *self);
DossierRecord *dossier_window_get_shown_record    (DossierWindow      *self);
void           dossier_window_pop_page            (DossierWindow      *self);
void           dossier_window_focus_content       (DossierWindow      *self);
void           dossier_window_show_sections       (DossierWindow      *self);

/* dossier-window-actions.c */
void           dossier_window_class_actions_init  (GtkWidgetClass     *widget_class);
void           dossier_window_end_deletion        (DossierWindow      *self);
/* dossier-window-reports.c */
void           dossier_window_class_reports_init  (GtkWidgetClass     *widget_class);

/* dossier-window-export.c */
void           dossier_window_class_export_init   (GtkWidgetClass     *widget_class);
/* dossier-window-backup.c */
void           dossier_window_class_backup_init   (GtkWidgetClass     *widget_class);
void           dossier_window_actions_init        (DossierWindow      *self);

/* dossier-window-feeds.c */
void           dossier_window_class_feeds_init    (GtkWidgetClass     *widget_class);

G_END_DECLS
