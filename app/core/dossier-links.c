/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>

#include "dossier-letter.h"
#include "dossier-links.h"

/* Characters a mailbox name (the part before "@") may hold besides letters
 * and digits of any script: RFC 5322's atext without "?", "&", "%" and "=",
 * which mean something in a mailto: link and in no official's address. */
#define LOCAL_PUNCTUATION "!#$'*+-/^_`{|}~."

static gboolean
is_host_label_char (gunichar c)
{
  /* an internationalized domain is written in letters of any script */
  return c == '-' || (c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c));
}

/* "gov.kz", "правительство.рф": labels of letters, digits and inner
 * hyphens, separated by single dots, at least two of them. */
static gboolean
host_is_valid (const char *host)
{
  guint labels = 0;
  guint length = 0;
  gunichar previous = '.';

  if (*host == '\0' || strlen (host) > 253)
    return FALSE;
  for (const char *p = host; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.')
        {
          if (previous == '.' || previous == '-')
            return FALSE;
          labels++;
          length = 0;
        }
      else
        {
          if (!is_host_label_char (c) || (c == '-' && previous == '.') || ++length > 63)
            return FALSE;
        }
      previous = c;
    }
  return previous != '.' && previous != '-' && labels >= 1;
}

/**
 * dossier_email_is_valid:
 *
 * Whether @email is one mailbox address, "name@host.tld": a name of
 * letters, digits and the punctuation addresses use, an "@", and a host
 * name. Nothing that would mean something else in a link passes: no "?",
 * "&" or "%" ("prosecutor@gov.example?bcc=…"), no second address, no
 * spaces or control characters.
 */
gboolean
dossier_email_is_valid (const char *email)
{
  const char *at;
  gsize local_length;

  if (email == NULL || !g_utf8_validate (email, -1, NULL) || strlen (email) > 254)
    return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  local_length = at - email;
  if (local_length > 64 || email[0] == '.' || at[-1] == '.')
    return FALSE;
  for (const char *p = email; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.' && p[1] == '.')
        return FALSE;
      if (c < 0x80 ? !(g_ascii_isalnum (c) || strchr (LOCAL_PUNCTUATION, c))
                   : !(g_unichar_isalnum (c) || g_unichar_ismark (c)))
        return FALSE;
    }
  return host_is_valid (at + 1);
}

/* Whether @address is an http or https address with a host, without
 * spaces or control characters: what a web form or a source is. */
gboolean
dossier_web_address_is_valid (const char *address)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (address == NULL || !g_utf8_validate (address, -1, NULL))
    return FALSE;
  for (const char *p = address; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/**
 * dossier_mailto_for:
 *
 * Returns: (transfer full) (nullable): a mailto: link to @email alone,
 *   escaped (RFC 6068), or %NULL when @email is not one valid address.
 */
char *
dossier_mailto_for (const char *email)
{
  if (!dossier_email_is_valid (email))
    return NULL;
  return dossier_letter_mailto (email, NULL, NULL);
}

/**
 * dossier_link_uri:
 * @address: an address from a record: a web address, an email address or
 *   a mailto: link
 *
 * Returns: (transfer full) (nullable): the link Dossier may open for
 *   @address: a web address as it is, or a mailto: link rebuilt from the
 *   one mailbox @address names, without any header a file could add
 *   (?bcc=, &attach=); %NULL for anything else.
 */
char *
dossier_link_uri (const char *address)
{
  g_autofree char *mailbox = NULL;
  const char *end;

  if (address == NULL)
    return NULL;
  if (dossier_web_address_is_valid (address))
    return g_strdup (address);
  if (dossier_email_is_valid (address))
    return dossier_mailto_for (address);
  if (g_ascii_strncasecmp (address, "mailto:", 7) != 0)
    return NULL;
  /* "mailto:name@host" alone: headers and a second address are refused,
   * not dropped, so that what opens is what the person saw */
  end = address + strlen (address);
  if (strchr (address, '?') != NULL)
    return NULL;
  mailbox = g_uri_unescape_segment (address + 7, end, NULL);
  return dossier_mailto_for (mailbox);
}

/* Whether @uri is a link Dossier opens as it is: a web address, or a
 * mailto: link to one mailbox with no headers. A feed's or a file's text
 * must not start programs or write mail behind the person's back. */
gboolean
dossier_uri_is_safe (const char *uri)
{
  g_autofree char *link = dossier_link_uri (uri);

  if (link == NULL)
    return FALSE;
  /* a mailbox given bare is a valid address, not yet a link */
  return g_ascii_strncasecmp (uri, "mailto:", 7) == 0 ? TRUE : g_str_equal (link, uri);
}
