/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-accessible.h"
#include "dossier-case-editor.h"
#include "dossier-cases-section.h"
#include "dossier-countries.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-translations.h"

/* Cases: every person an urgent action is for, grouped as the reports
 * group them, filtered by status and by country. */

struct _DossierCasesSection
{
  GtkWidget          parent_instance;

  GtkDropDown       *country_drop_down;
  DossierSection    *list_section;
  GtkDropDown       *status_drop_down;

  DossierStore      *store;
  DossierRecordList *list;
  GStrv              countries;  /* the country filter's values after "All" */
  gboolean           refilling;
};

static void dossier_cases_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierCasesSection, dossier_cases_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_cases_section_page_init))

enum {
  PROP_0,
  PROP_COUNTRY,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static DossierQuery *
build_query (DossierCasesSection *self)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_CASE);
  const char *status = dossier_cases_section_get_status (self);
  const char *country = dossier_cases_section_get_country (self);

  if (*status)
    dossier_query_filter_text (query, "status", DOSSIER_QUERY_EQ, status);
  if (*country)
    dossier_query_filter_text (query, "country", DOSSIER_QUERY_EQ, country);
  /* as the reports group them, in the order the store has an index of */
  dossier_query_sort_by_values (query, "status", dossier_case_report_order);
  dossier_query_sort (query, "name", FALSE);
  return query;
}

static void
case_row (DossierStore   *store,
          DossierRecord  *record,
          char          **title,
          char          **subtitle)
{
  const char *status = dossier_enum_label (DOSSIER_ENUM_CASE_STATUS,
                                           dossier_record_get_string (record, "status"));
  g_autofree char *country = dossier_country_name (dossier_record_get_string (record, "country"));
  g_autofree char *place = dossier_join_nonempty (", ", dossier_record_get_string (record, "city"), country, NULL);

  *title = dossier_record_display_name (record);
  *subtitle = dossier_join_nonempty (" · ", status ? status : "", place, NULL);
}

static void
apply_filters (DossierCasesSection *self)
{
  g_autoptr(DossierQuery) query = NULL;

  if (self->list == NULL)
    return;
  query = build_query (self);
  dossier_record_list_set_query (self->list, query);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      names)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;

  return g_utf8_collate (g_hash_table_lookup (names, x), g_hash_table_lookup (names, y));
}

/* The countries of the cases in the store, read each time Cases is shown,
 * by their names in the window's language. */
static void
refill_countries (DossierCasesSection *self)
{
  g_autoptr(DossierQuery) all = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_auto(GStrv) countries = NULL;
  g_autofree char *current = NULL;
  guint selected = 0;

  if (self->store == NULL)
    return;
  countries = dossier_store_distinct (self->store, all, "country", NULL);
  current = g_strdup (dossier_cases_section_get_country (self));
  for (guint i = 0; countries && countries[i]; i++)
    g_hash_table_insert (names, countries[i], dossier_country_name (countries[i]));
  if (countries)
    g_qsort_with_data (countries, g_strv_length (countries), sizeof (char *), compare_by_name, names);

  gtk_string_list_append (model, C_("cases filter", "All Countries"));
  for (guint i = 0; countries && countries[i]; i++)
    {
      gtk_string_list_append (model, g_hash_table_lookup (names, countries[i]));
      if (g_strcmp0 (countries[i], current) == 0)
        selected = i + 1;
    }
  self->refilling = TRUE;
  gtk_drop_down_set_model (self->country_drop_down, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->country_drop_down, selected);
  self->refilling = FALSE;
  g_strfreev (self->countries);
  self->countries = g_steal_pointer (&countries);
  /* the country filtered on has no cases left: the list shows all again */
  if (selected == 0 && *current)
    {
      apply_filters (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
    }
}

static void
on_status_selected_cb (DossierCasesSection *self)
{
  if (self->refilling)
    return;
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
on_country_selected_cb (DossierCasesSection *self)
{
  if (self->refilling)
    return;
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

static void
on_new_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierCasesSection *self = DOSSIER_CASES_SECTION (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store && GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (dossier_case_editor_new (GTK_WINDOW (root), self->store, NULL)));
}

static void
dossier_cases_section_set_store (DossierSectionPage *page,
                                 DossierStore       *store)
{
  DossierCasesSection *self = DOSSIER_CASES_SECTION (page);
  g_autoptr(DossierQuery) query = build_query (self);

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->list = dossier_section_page_show_query (page, store, query, case_row);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refill_countries (self);
}

static DossierSection *
dossier_cases_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_CASES_SECTION (page)->list_section;
}

static char *
dossier_cases_section_describe_count (DossierSectionPage *page,
                                      guint               n)
{
  return g_strdup_printf (ngettext ("%'u case", "%'u cases", n), n);
}

static void
dossier_cases_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "cases";
  iface->title = NC_("sidebar", "Cases");
  iface->icon_name = "x-office-address-book-symbolic";
  iface->header_action = "cases.new";
  iface->header_tooltip = N_("New Case");
  iface->set_store = dossier_cases_section_set_store;
  iface->get_list_section = dossier_cases_section_get_list_section;
  iface->describe_count = dossier_cases_section_describe_count;
}

static void
dossier_cases_section_map (GtkWidget *widget)
{
  refill_countries (DOSSIER_CASES_SECTION (widget));

  GTK_WIDGET_CLASS (dossier_cases_section_parent_class)->map (widget);
}

static void
dossier_cases_section_dispose (GObject *object)
{
  DossierCasesSection *self = DOSSIER_CASES_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CASES_SECTION);
  self->list = NULL;
  g_clear_object (&self->store);
  g_clear_pointer (&self->countries, g_strfreev);

  G_OBJECT_CLASS (dossier_cases_section_parent_class)->dispose (object);
}

static void
dossier_cases_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierCasesSection *self = DOSSIER_CASES_SECTION (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      g_value_set_string (value, dossier_cases_section_get_country (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, dossier_cases_section_get_status (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_cases_section_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierCasesSection *self = DOSSIER_CASES_SECTION (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      dossier_cases_section_set_country (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      dossier_cases_section_set_status (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_cases_section_class_init (DossierCasesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_cases_section_dispose;
  object_class->get_property = dossier_cases_section_get_property;
  object_class->set_property = dossier_cases_section_set_property;
  widget_class->map = dossier_cases_section_map;

  /**
   * DossierCasesSection:country:
   *
   * The country whose cases the list shows, or "" for all.
   */
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DossierCasesSection:status:
   *
   * The status ("imprisoned", …) of the cases the list shows, or "" for all.
   */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-cases-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierCasesSection, country_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierCasesSection, list_section);
  gtk_widget_class_bind_template_child (widget_class, DossierCasesSection, status_drop_down);
  gtk_widget_class_bind_template_callback (widget_class, on_country_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_property_action (widget_class, "cases.country", "country");
  gtk_widget_class_install_property_action (widget_class, "cases.status", "status");
  gtk_widget_class_install_action (widget_class, "cases.new", NULL, on_new_action_cb);
}

static void
dossier_cases_section_init (DossierCasesSection *self)
{
  g_autoptr(GListModel) statuses = dossier_enum_model (DOSSIER_ENUM_CASE_STATUS, C_("cases filter", "All Statuses"));
  g_autoptr(GtkStringList) countries = gtk_string_list_new ((const char *[]) { C_("cases filter", "All Countries"), NULL });

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: how a screen reader names the filters over the cases */
  dossier_accessible_name_drop_down (self->status_drop_down, C_("filter", "Status"));
  dossier_accessible_name_drop_down (self->country_drop_down, C_("filter", "Country"));
  self->refilling = TRUE;
  gtk_drop_down_set_model (self->status_drop_down, statuses);
  gtk_drop_down_set_model (self->country_drop_down, G_LIST_MODEL (countries));
  self->refilling = FALSE;
}

/* "" for all statuses. */
const char *
dossier_cases_section_get_status (DossierCasesSection *self)
{
  const char *status;

  g_return_val_if_fail (DOSSIER_IS_CASES_SECTION (self), NULL);

  status = dossier_enum_id_at (DOSSIER_ENUM_CASE_STATUS, gtk_drop_down_get_selected (self->status_drop_down), TRUE);
  return status ? status : "";
}

void
dossier_cases_section_set_status (DossierCasesSection *self,
                                  const char          *status)
{
  g_return_if_fail (DOSSIER_IS_CASES_SECTION (self));

  /* not a status: all of them */
  gtk_drop_down_set_selected (self->status_drop_down,
                              dossier_enum_position (DOSSIER_ENUM_CASE_STATUS, status, TRUE));
}

/* "" for all countries. */
const char *
dossier_cases_section_get_country (DossierCasesSection *self)
{
  guint selected;

  g_return_val_if_fail (DOSSIER_IS_CASES_SECTION (self), NULL);

  selected = gtk_drop_down_get_selected (self->country_drop_down);
  if (selected == 0 || self->countries == NULL || selected > g_strv_length (self->countries))
    return "";
  return self->countries[selected - 1];
}

void
dossier_cases_section_set_country (DossierCasesSection *self,
                                   const char          *country)
{
  guint selected = 0;

  g_return_if_fail (DOSSIER_IS_CASES_SECTION (self));

  /* a country of cases added since Cases was last shown */
  if (country && *country &&
      (self->countries == NULL || !g_strv_contains ((const char * const *) self->countries, country)))
    refill_countries (self);
  for (guint i = 0; self->countries && self->countries[i]; i++)
    if (g_strcmp0 (self->countries[i], country) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->country_drop_down, selected);
}
