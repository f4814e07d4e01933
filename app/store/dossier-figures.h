/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-store.h"

G_BEGIN_DECLS

/* The figures of the Progress section: how many actions went out, from
 * this computer and from volunteers' reports, read from the tallies the
 * store keeps (dossier-schema.c, version 12), never by counting actions.
 *
 * Weeks are ISO weeks, named by their Monday ("2026-11-30"): reports may
 * say no more than the week, so a period is a run of whole weeks. */

typedef struct
{
  const char *from;   /* a day of the first week, "YYYY-MM-DD", or NULL */
  const char *to;     /* a day of the last week, or NULL */
  const char *ua;     /* a UA's key (see DossierFigure), or NULL for all */
  const char *group;  /* a volunteer group ("" for none given), or NULL for all */
} DossierFigureFilter;

/* One bar, row or total. "Went out" is every state but drafted. */
typedef struct
{
  char   *key;       /* the channel id; the Monday of the week; the group;
                      * a UA's key: its id, "?REF" for a UA of a report this
                      * store does not have, "" for actions whose UA was
                      * deleted; a target's key likewise */
  char   *label;     /* a UA's reference, a target's name, a group as
                      * written; NULL for channels and weeks */
  gint64  sent;      /* went out */
  gint64  reported;  /* of those, from volunteers' reports */
  gint64  replied;
  gint64  returned;
  gint64  letters;   /* letters that went out: what a UA's goal counts */
  /* urgent actions of this store */
  char   *title;
  gint64  goal;      /* 0: none */
  char   *deadline;  /* or NULL */
  char   *status;    /* or NULL for "?REF" and "" */
  int     days_left; /* to the deadline from today; G_MAXINT without one */
} DossierFigure;

typedef struct
{
  DossierFigure  total;
  GPtrArray     *by_channel;  /* DossierFigure*, the most first */
  GPtrArray     *by_week;     /* every week from the first to the last, oldest first
                               * (over more than 1,100 weeks, those with actions) */
  GPtrArray     *by_ua;       /* open UAs behind their goal, the deadline nearest
                               * first; then the other open ones; then the
                               * others with actions; then UAs of reports this
                               * store lacks. Filtered by a group, only UAs
                               * with actions. */
  GPtrArray     *by_group;    /* the most first */
  GPtrArray     *by_target;   /* only with filter->ua; else empty */
  gint64         cells_read;  /* tally rows read: for the benchmark */
} DossierFigures;

DossierFigures *dossier_store_figures     (DossierStore               *store,
                                           const DossierFigureFilter  *filter,
                                           GError                    **error);
void            dossier_figures_free      (DossierFigures             *figures);
void            dossier_figures_translate_titles (DossierFigures      *figures,
                                           DossierStore               *store,
                                           const char                 *language);
void            dossier_figure_free       (DossierFigure              *figure);
GStrv           dossier_store_figure_groups (DossierStore             *store,
                                           GError                    **error);

/* What a bar, total or cell stands for: the actions behind it. */
typedef struct
{
  DossierFigureFilter filter;
  const char *channel;  /* or NULL */
  const char *week;     /* a Monday, or NULL */
  const char *target;   /* a target's key, or NULL */
  const char *state;    /* "replied", "returned", or NULL for all that went out */
} DossierFigureSelection;

typedef struct
{
  char    *action_id;    /* an action of this store, or NULL */
  char    *import_id;    /* the report it came from, or NULL */
  char    *date;         /* the day; for counts-only entries the week's Monday */
  gboolean week_only;
  char    *ua_key;
  char    *ua_label;     /* the reference */
  char    *target_label; /* "" when none */
  char    *channel;
  char    *state;
  char    *volunteer;    /* "" when the report gave none */
  char    *group;
  gint64   n;            /* 1, or the count of a counts-only entry */
  char    *cursor;       /* where the next page starts after this one */
} DossierFigureEntry;

GPtrArray      *dossier_store_figure_entries (DossierStore                 *store,
                                              const DossierFigureSelection *selection,
                                              const char                   *after,
                                              guint                         limit,
                                              GError                      **error);
void            dossier_figure_entry_free    (DossierFigureEntry           *entry);

char           *dossier_week_monday          (const char *date);
char           *dossier_week_sunday          (const char *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierFigures, dossier_figures_free)

G_END_DECLS
