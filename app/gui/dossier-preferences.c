/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-country-row.h"
#include "dossier-detail-page.h"
#include "dossier-feed-updater.h"
#include "dossier-letter.h"
#include "dossier-translations.h"
#include "dossier-preferences.h"

/* Every row writes its GSettings key as soon as it changes, as GNOME
 * preferences do; the proxy address only once it is a usable address. */

struct _DossierPreferences
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *language_row;
  AdwComboRow          *proxy_mode_row;
  AdwEntryRow          *proxy_url_row;
  GtkSwitch            *notifications_switch;
  GtkSpinButton        *refresh_spin;
  AdwEntryRow          *volunteer_group_row;
  AdwEntryRow          *volunteer_name_row;
  DossierCountryRow    *own_country_row;
  GtkSpinButton        *reminder_spin;

  GSettings            *settings;
  GStrv                 languages;  /* the letter languages installed, as the row lists them */
};

G_DEFINE_FINAL_TYPE (DossierPreferences, dossier_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo row's string list in the .ui file */
static const char * const proxy_modes[] = { "system", "none", "custom" };

static gboolean
choice_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *current = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i]; i++)
    if (g_str_equal (choices[i], current))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_choice (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[index]);
}

static void
on_proxy_url_apply_cb (AdwEntryRow        *row,
                       DossierPreferences *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!dossier_feed_proxy_is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Enter a proxy address such as socks5://127.0.0.1:9050")));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "proxy-url", text);
}

static void
on_proxy_url_changed_cb (AdwEntryRow        *row,
                         DossierPreferences *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  /* say it is wrong while typing, but only once it could be judged */
  if (*text == '\0' || dossier_feed_proxy_is_valid (text))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else if (strstr (text, "://") && strchr (strstr (text, "://") + 3, ':'))
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static gboolean
mode_is_custom (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "custom"));
  return TRUE;
}

static void
dossier_preferences_finalize (GObject *object)
{
  DossierPreferences *self = DOSSIER_PREFERENCES (object);

  g_strfreev (self->languages);

  G_OBJECT_CLASS (dossier_preferences_parent_class)->finalize (object);
}

static void
dossier_preferences_dispose (GObject *object)
{
  DossierPreferences *self = DOSSIER_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dossier_preferences_parent_class)->dispose (object);
}

static void
dossier_preferences_class_init (DossierPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_preferences_dispose;
  object_class->finalize = dossier_preferences_finalize;

  g_type_ensure (DOSSIER_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, language_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, proxy_mode_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, proxy_url_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, volunteer_group_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, volunteer_name_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, own_country_row);
  gtk_widget_class_bind_template_child (widget_class, DossierPreferences, reminder_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_proxy_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_proxy_url_changed_cb);
}

static void
dossier_preferences_init (DossierPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the volunteer's name and group go into every action logged */
  dossier_form_limit_texts (GTK_WIDGET (self));
  dossier_form_limit_text (GTK_WIDGET (self->proxy_url_row), DOSSIER_TEXT_MAX_URL);
}

DossierPreferences *
dossier_preferences_new (GSettings *settings)
{
  DossierPreferences *self;
  g_autofree char *proxy_url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DOSSIER_TYPE_PREFERENCES, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "volunteer-name", self->volunteer_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "volunteer-group", self->volunteer_group_row, "text", G_SETTINGS_BIND_DEFAULT);
  /* the letter languages installed, each in its own name, so that
   * people find theirs whatever the window's language, and in the
   * window's language (dossier_language_choice_label()) */
  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

    self->languages = dossier_letter_languages ();
    for (guint i = 0; self->languages[i]; i++)
      {
        g_autofree char *label = dossier_language_choice_label (self->languages[i],
                                                                dossier_letter_language_name (self->languages[i]));

        gtk_string_list_append (names, label);
      }
    adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  }
  /* the binding lives as long as the row, which may outlive this window:
   * it keeps a list of its own */
  g_settings_bind_with_mapping (settings, "letter-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_index, index_to_choice,
                                g_strdupv (self->languages), (GDestroyNotify) g_strfreev);
  g_settings_bind (settings, "refresh-interval", self->refresh_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "proxy-mode", self->proxy_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_index, index_to_choice,
                                (gpointer) proxy_modes, NULL);
  /* the address is asked for only when it is used: shown greyed out, an
   * example address read as if it were set */
  g_settings_bind_with_mapping (settings, "proxy-mode", self->proxy_url_row, "visible",
                                G_SETTINGS_BIND_GET, mode_is_custom, NULL, NULL, NULL);
  g_settings_bind (settings, "notifications", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* a country typed before there was a list ("kazakhstan") is chosen
   * from it, and kept as its code from then on */
  g_settings_bind (settings, "own-country", self->own_country_row, "country", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reminder-days", self->reminder_spin, "value", G_SETTINGS_BIND_DEFAULT);

  proxy_url = g_settings_get_string (settings, "proxy-url");
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_url_row), proxy_url);
  return self;
}
