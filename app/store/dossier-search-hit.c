/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-search-hit.h"

/* One record found by dossier_store_search(): which kind it is, its id,
 * and what to show for it without fetching it. Immutable; a GObject so
 * that a list of hits can back a view directly. */

struct _DossierSearchHit
{
  GObject  parent_instance;

  GType    kind;
  char    *id;
  char    *title;
  char    *subtitle;
};

G_DEFINE_FINAL_TYPE (DossierSearchHit, dossier_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dossier_search_hit_finalize (GObject *object)
{
  DossierSearchHit *self = DOSSIER_SEARCH_HIT (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (dossier_search_hit_parent_class)->finalize (object);
}

static void
dossier_search_hit_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DossierSearchHit *self = DOSSIER_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_gtype (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_search_hit_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DossierSearchHit *self = DOSSIER_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_gtype (value);
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_SUBTITLE:
      self->subtitle = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_search_hit_class_init (DossierSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                            G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dossier_search_hit_finalize;
  object_class->get_property = dossier_search_hit_get_property;
  object_class->set_property = dossier_search_hit_set_property;

  /* the GType of the record: DOSSIER_TYPE_CASE, … */
  properties[PROP_KIND] = g_param_spec_gtype ("kind", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /* what the record is called: a case's name, a UA's title, … */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  /* a line about it: other names, reference, office, date */
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_search_hit_init (DossierSearchHit *self)
{
}

DossierSearchHit *
dossier_search_hit_new (GType       kind,
                        const char *id,
                        const char *title,
                        const char *subtitle)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_SEARCH_HIT,
                       "kind", kind,
                       "id", id,
                       "title", title ? title : "",
                       "subtitle", subtitle ? subtitle : "",
                       NULL);
}

GType
dossier_search_hit_get_kind (DossierSearchHit *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_HIT (self), G_TYPE_INVALID);

  return self->kind;
}

const char *
dossier_search_hit_get_id (DossierSearchHit *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_HIT (self), NULL);

  return self->id;
}

const char *
dossier_search_hit_get_title (DossierSearchHit *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_HIT (self), NULL);

  return self->title;
}

const char *
dossier_search_hit_get_subtitle (DossierSearchHit *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_HIT (self), NULL);

  return self->subtitle;
}
