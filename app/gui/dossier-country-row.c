/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-accessible.h"
#include "dossier-countries.h"
#include "dossier-country-row.h"
#include "dossier-record.h"

/* A form's row for a country: a drop-down of the countries of ISO 3166-1
 * by their names in the window's language, sorted by them, found by
 * typing the first letters of one. It holds the code the store keeps
 * ("KZ"). "Not given" comes first. A value stored before countries were
 * codes that names no country is kept as an entry of its own, as it was
 * typed, so that editing a record never loses it; the row says so. */

struct _DossierCountryRow
{
  AdwActionRow  parent_instance;

  GtkDropDown  *drop_down;

  GPtrArray    *values;   /* per entry: "" for none, a code, or a value as typed */
  gboolean      filling;
};

G_DEFINE_FINAL_TYPE (DossierCountryRow, dossier_country_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_COUNTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The entries, with @kept (a value that names no country) after "Not
 * given" when not NULL. */
static void
fill (DossierCountryRow *self,
      const char        *kept)
{
  g_autoptr(GPtrArray) codes = dossier_country_codes_by_name ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->values, 0);
  /* Translators: the first choice of a case's or a target's country */
  gtk_string_list_append (names, C_("country", "Not given"));
  g_ptr_array_add (self->values, g_strdup (""));
  if (kept)
    {
      gtk_string_list_append (names, kept);
      g_ptr_array_add (self->values, g_strdup (kept));
    }
  for (guint i = 0; i < codes->len; i++)
    {
      g_autofree char *name = dossier_country_name (codes->pdata[i]);

      gtk_string_list_append (names, name);
      g_ptr_array_add (self->values, g_strdup (codes->pdata[i]));
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->drop_down, G_LIST_MODEL (names));
  self->filling = FALSE;
}

static void
update_subtitle (DossierCountryRow *self)
{
  const char *value = dossier_country_row_get_country (self);

  if (*value && !dossier_country_is_code (value))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                                 _("Kept as it was typed: it is not in the list of countries"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), NULL);
}

/* the drop-down is reached by Tab: it is named as the row is titled
 * ("Country", "Country You Live In") */
static void
on_title_cb (DossierCountryRow *self)
{
  dossier_accessible_name_drop_down (self->drop_down, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

/* A click on the row opens the list, as on a combo row */
static void
on_activated_cb (DossierCountryRow *self)
{
  gtk_widget_activate (GTK_WIDGET (self->drop_down));
}

static void
on_selected_cb (DossierCountryRow *self)
{
  if (self->filling)
    return;
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

/* The button shows the choice on one line, cut short when the row is
 * narrow ("Saint Helena, Ascension and Tristan da Cunha" at 360 px); the
 * list wraps it. */
static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (ellipsize)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  ellipsize)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), GINT_TO_POINTER (ellipsize));
  return factory;
}

static void
dossier_country_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierCountryRow *self = DOSSIER_COUNTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      g_value_set_string (value, dossier_country_row_get_country (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_country_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierCountryRow *self = DOSSIER_COUNTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      dossier_country_row_set_country (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_country_row_dispose (GObject *object)
{
  DossierCountryRow *self = DOSSIER_COUNTRY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_COUNTRY_ROW);

  G_OBJECT_CLASS (dossier_country_row_parent_class)->dispose (object);
}

static void
dossier_country_row_finalize (GObject *object)
{
  DossierCountryRow *self = DOSSIER_COUNTRY_ROW (object);

  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (dossier_country_row_parent_class)->finalize (object);
}

static void
dossier_country_row_class_init (DossierCountryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dossier_country_row_get_property;
  object_class->set_property = dossier_country_row_set_property;
  object_class->dispose = dossier_country_row_dispose;
  object_class->finalize = dossier_country_row_finalize;

  /**
   * DossierCountryRow:country:
   *
   * The country chosen: its ISO 3166-1 code, a value kept as it was
   * typed, or "" for none.
   */
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-country-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierCountryRow, drop_down);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_cb);
}

static void
dossier_country_row_init (DossierCountryRow *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GtkListItemFactory) button = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = label_factory (FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->values = g_ptr_array_new_with_free_func (g_free);
  /* what the search matches: the name as shown; set before the
   * factories, which setting an expression resets */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->drop_down, expression);
  gtk_drop_down_set_factory (self->drop_down, button);
  gtk_drop_down_set_list_factory (self->drop_down, list);
  on_title_cb (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_cb), NULL);
  fill (self, NULL);
}

/* "" for none. */
const char *
dossier_country_row_get_country (DossierCountryRow *self)
{
  guint selected;

  g_return_val_if_fail (DOSSIER_IS_COUNTRY_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->drop_down);
  if (selected >= self->values->len)
    return "";
  return self->values->pdata[selected];
}

/**
 * dossier_country_row_set_country:
 * @country: (nullable): a code, a value kept as it was typed, or %NULL
 *
 * Chooses @country. A value that names a country otherwise than by its
 * code ("Kazakhstan") chooses that country; one that names none is
 * offered as it is.
 */
void
dossier_country_row_set_country (DossierCountryRow *self,
                                 const char        *country)
{
  const char *code;
  guint position = 0;

  g_return_if_fail (DOSSIER_IS_COUNTRY_ROW (self));

  if (g_strcmp0 (country ? country : "", dossier_country_row_get_country (self)) == 0)
    return;
  code = dossier_country_code_from_text (country);
  if (code == NULL && !dossier_text_is_blank (country))
    {
      fill (self, country);
      position = 1;
    }
  for (guint i = 1; code && i < self->values->len; i++)
    if (g_str_equal (self->values->pdata[i], code))
      position = i;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->drop_down, position);
  self->filling = FALSE;
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

/* For tests: the drop-down, as a person reaches it. */
GtkDropDown *
dossier_country_row_get_drop_down (DossierCountryRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_COUNTRY_ROW (self), NULL);

  return self->drop_down;
}
