/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "dossier-feed-error.h"
#include "dossier-feed-parser-private.h"

/* XML from the Web, read with libxml2's SAX2 parser so that it can do no
 * harm:
 *
 * - Nothing is ever loaded: no external entity, no DTD, no XInclude
 *   (XML_PARSE_NOENT, XML_PARSE_DTDLOAD and XML_PARSE_XINCLUDE are never
 *   set, XML_PARSE_NONET always is, and the SAX handlers that would load
 *   anything — externalSubset, resolveEntity — are not given). An entity
 *   declared SYSTEM "file:///…" is simply unknown.
 * - Entities are expanded by Dossier, not libxml2: those declared in the
 *   document's internal subset are expanded here into text, within a
 *   budget of characters for the whole document, so that a "billion
 *   laughs" (entities of entities, each ten times the last) is refused
 *   after a megabyte of work instead of taking gigabytes; the named
 *   entities of HTML (&nbsp; &laquo; &mdash;…), which feeds use without
 *   declaring them, are read as HTML reads them. (libxml2 2.11's
 *   xmlCtxtSetMaxAmplification is not in 2.9.)
 * - No XML_PARSE_HUGE: libxml2's own limits on depth (256) and on the size
 *   of one text stay.
 * - Errors are collected, not printed. libxml2 recovers from those it can
 *   (a mismatched tag, an undeclared entity) so that one mistake in a
 *   feed of a hundred entries does not hide all of them; a bare "&" is
 *   escaped before libxml2 sees it. A document that stops before its root
 *   element ends is refused.
 *
 * The document must be UTF-8 already (dossier_feed_decode()); any
 * encoding it declares is ignored (XML_PARSE_IGNORE_ENC). */

/* How many characters entities may add to a document in all. */
#define ENTITY_BUDGET (1000 * 1000)
/* How many entities a document may declare, and how deep they nest. */
#define MAX_DECLARED_ENTITIES 1000
#define MAX_ENTITY_DEPTH 16
/* Past this many errors a document is not recovered any more. */
#define MAX_ERRORS 1000

typedef struct {
  int   depth;
  char *base;
} Base;

struct _DossierXmlReader
{
  xmlParserCtxtPtr         ctxt;
  const DossierXmlHandler *handler;
  gpointer                 user_data;
  const char              *base_url;
  GArray                  *bases;      /* of Base: elements with xml:base */
  int                      depth;
  GHashTable              *declared;   /* name → its value, as declared */
  GHashTable              *entities;   /* name → xmlEntity handed to libxml2 */
  gsize                    budget;     /* characters entities may still add */
  gsize                    steps;      /* references expanded, for the budget too */
  gboolean                 overflow;   /* entities went past the budget */
  guint                    n_errors;
  GError                  *stop_error;
  DossierXmlResult        *result;
};

static void
clear_base (gpointer data)
{
  Base *base = data;

  g_free (base->base);
}

static void
free_entity (gpointer data)
{
  xmlEntityPtr entity = data;

  g_free ((char *) entity->name);
  g_free (entity->content);
  if (entity->orig)
    xmlFree (entity->orig);
  g_free (entity);
}

/* libxml2 marks the document not well-formed after each error it
 * recovers from, and then drops every entity reference that follows, even
 * &amp;. Errors are counted here instead. */
static inline void
keep_reading (DossierXmlReader *reader)
{
  if (reader->stop_error == NULL && !reader->overflow)
    reader->ctxt->wellFormed = 1;
}

static void
stop (DossierXmlReader *reader)
{
  xmlStopParser (reader->ctxt);
}

/* --- entities --- */

static xmlEntityPtr
new_entity (const char *name,
            char       *content)
{
  xmlEntityPtr entity = g_new0 (xmlEntity, 1);

  entity->type = XML_ENTITY_DECL;
  entity->name = (const xmlChar *) g_strdup (name);
  entity->content = (xmlChar *) content;
  entity->length = strlen (content);
  /* "checked, no '<' in it": libxml2 does not look into it again */
  entity->checked = 2;
  return entity;
}

static gboolean expand (DossierXmlReader *reader,
                        const char       *value,
                        guint             depth,
                        GString          *out);

static gboolean
expand_reference (DossierXmlReader *reader,
                  const char       *name,
                  gsize             length,
                  guint             depth,
                  GString          *out)
{
  g_autofree char *key = NULL;
  const char *value;
  gunichar c;

  /* entities of empty entities add no text, but take time */
  if (++reader->steps > ENTITY_BUDGET)
    return FALSE;
  key = g_strndup (name, length);

  if (strcmp (key, "amp") == 0)
    g_string_append_c (out, '&');
  else if (strcmp (key, "lt") == 0)
    g_string_append_c (out, '<');
  else if (strcmp (key, "gt") == 0)
    g_string_append_c (out, '>');
  else if (strcmp (key, "quot") == 0)
    g_string_append_c (out, '"');
  else if (strcmp (key, "apos") == 0)
    g_string_append_c (out, '\'');
  else if ((value = g_hash_table_lookup (reader->declared, key)) != NULL)
    {
      xmlEntityPtr entity = g_hash_table_lookup (reader->entities, key);
      GString *text;

      /* each entity is expanded once: "billion laughs" costs no more than
       * it declares, until its text grows past the budget */
      if (entity == NULL)
        {
          text = g_string_new (NULL);
          if (!expand (reader, value, depth + 1, text))
            {
              g_string_free (text, TRUE);
              return FALSE;
            }
          entity = new_entity (key, g_string_free (text, FALSE));
          g_hash_table_insert (reader->entities, g_strdup (key), entity);
        }
      g_string_append_len (out, (const char *) entity->content, entity->length);
    }
  else if ((c = dossier_feed_html_entity (name, length)) != 0)
    g_string_append_unichar (out, c);
  return TRUE;
}

/* The text @value stands for: references to other entities and
 * characters expanded, within the budget. FALSE past it, or too deep. */
static gboolean
expand (DossierXmlReader *reader,
        const char       *value,
        guint             depth,
        GString          *out)
{
  if (depth > MAX_ENTITY_DEPTH)
    return FALSE;
  for (const char *p = value; *p; )
    {
      const char *semicolon;

      if (out->len > reader->budget)
        return FALSE;
      if (*p != '&' || (semicolon = strchr (p, ';')) == NULL || semicolon - p > 64)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          guint64 code = g_ascii_strtoull (p + (hex ? 3 : 2), NULL, hex ? 16 : 10);

          if (code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF))
            g_string_append_unichar (out, (gunichar) code);
        }
      else if (!expand_reference (reader, p + 1, semicolon - p - 1, depth, out))
        return FALSE;
      p = semicolon + 1;
    }
  return out->len <= reader->budget;
}


static xmlEntityPtr
on_get_entity_cb (void          *user_data,
                  const xmlChar *xml_name)
{
  DossierXmlReader *reader = user_data;
  const char *name = (const char *) xml_name;
  xmlEntityPtr entity;
  const char *value;
  gboolean declared;

  /* while the DTD is read, libxml2 asks only to keep a copy of the value */
  if (reader->ctxt->inSubset != 0 || reader->overflow)
    return NULL;
  keep_reading (reader);

  value = g_hash_table_lookup (reader->declared, name);
  declared = value != NULL;
  entity = g_hash_table_lookup (reader->entities, name);
  if (entity == NULL)
    {
      if (declared)
        {
          GString *text = g_string_new (NULL);

          if (!expand (reader, value, 0, text))
            {
              g_string_free (text, TRUE);
              reader->overflow = TRUE;
              stop (reader);
              return NULL;
            }
          entity = new_entity (name, g_string_free (text, FALSE));
        }
      else
        {
          gunichar c = dossier_feed_html_entity (name, strlen (name));
          char utf8[8] = { 0 };

          if (c == 0)
            return NULL;
          g_unichar_to_utf8 (c, utf8);
          entity = new_entity (name, g_strdup (utf8));
        }
      g_hash_table_insert (reader->entities, g_strdup (name), entity);
    }

  if (declared)
    {
      /* every use of a declared entity spends its length */
      if ((gsize) entity->length > reader->budget)
        {
          reader->overflow = TRUE;
          stop (reader);
          return NULL;
        }
      reader->budget -= entity->length;
    }

  /* In text, a "predefined" entity is inlined as it is, as text. In an
   * attribute value libxml2 would copy only its first byte: there it is
   * left as "&name;", which dossier_xml_attribute() expands. */
  entity->etype = reader->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE
                  ? XML_INTERNAL_GENERAL_ENTITY : XML_INTERNAL_PREDEFINED_ENTITY;
  return entity;
}

static xmlEntityPtr
on_get_parameter_entity_cb (void          *user_data,
                            const xmlChar *name)
{
  /* parameter entities could pull in other files: none is known */
  return NULL;
}

static void
on_entity_decl_cb (void          *user_data,
                   const xmlChar *name,
                   int            type,
                   const xmlChar *public_id,
                   const xmlChar *system_id,
                   xmlChar       *content)
{
  DossierXmlReader *reader = user_data;

  /* external entities are never read; the first declaration counts */
  if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL ||
      g_hash_table_contains (reader->declared, name))
    return;
  if (g_hash_table_size (reader->declared) >= MAX_DECLARED_ENTITIES)
    {
      reader->overflow = TRUE;
      stop (reader);
      return;
    }
  g_hash_table_insert (reader->declared, g_strdup ((const char *) name),
                       g_strdup ((const char *) content));
}

/* --- elements --- */

static void
on_start_element_cb (void           *user_data,
                     const xmlChar  *name,
                     const xmlChar  *prefix,
                     const xmlChar  *uri,
                     int             n_namespaces,
                     const xmlChar **namespaces,
                     int             n_attributes,
                     int             n_defaulted,
                     const xmlChar **attributes)
{
  DossierXmlReader *reader = user_data;
  g_autofree char *base = NULL;

  keep_reading (reader);
  reader->depth++;
  if (reader->depth == 1 && !reader->result->saw_root)
    {
      reader->result->saw_root = TRUE;
      reader->result->root_name = g_strdup ((const char *) name);
    }
  base = dossier_xml_attribute (reader, attributes, n_attributes, DOSSIER_XML_NS_XML, "base");
  if (base != NULL)
    {
      Base entry = { reader->depth, NULL };

      entry.base = dossier_feed_resolve_base (dossier_xml_reader_get_base (reader), base);
      if (entry.base != NULL)
        g_array_append_val (reader->bases, entry);
    }
  reader->handler->start_element (reader, (const char *) name, (const char *) uri,
                                  attributes, n_attributes, reader->user_data);
}

static void
on_end_element_cb (void          *user_data,
                   const xmlChar *name,
                   const xmlChar *prefix,
                   const xmlChar *uri)
{
  DossierXmlReader *reader = user_data;

  keep_reading (reader);
  reader->handler->end_element (reader, (const char *) name, (const char *) uri,
                                reader->user_data);
  if (reader->bases->len > 0 &&
      g_array_index (reader->bases, Base, reader->bases->len - 1).depth == reader->depth)
    g_array_set_size (reader->bases, reader->bases->len - 1);
  if (--reader->depth == 0)
    {
      /* what may follow the root element is not part of the document */
      reader->result->root_closed = TRUE;
      stop (reader);
    }
}

static void
on_characters_cb (void          *user_data,
                  const xmlChar *text,
                  int            length)
{
  DossierXmlReader *reader = user_data;

  keep_reading (reader);
  if (reader->depth > 0)
    reader->handler->text (reader, (const char *) text, length, reader->user_data);
}

static void
on_error_cb (void        *user_data,
             xmlErrorPtr  error)
{
  DossierXmlReader *reader = user_data;

  if (error->level == XML_ERR_WARNING)
    return;
  g_debug ("XML error at line %d: %s", error->line,
           error->message ? g_strchomp (error->message) : "");
  /* an error at the very end, before the root element ended: the
   * document was cut off (libxml2 then closes what is open, and a cut
   * "</rs" would look like an end) */
  if (!reader->result->root_closed && reader->ctxt->input != NULL &&
      reader->ctxt->input->cur >= reader->ctxt->input->end)
    reader->result->ended_early = TRUE;
  if (!reader->result->root_closed && reader->result->error_message == NULL)
    {
      reader->result->error_line = error->line;
      reader->result->error_message = g_strdup (error->message ? error->message : "");
    }
  if (++reader->n_errors == MAX_ERRORS)
    dossier_xml_reader_stop (reader,
        g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                     /* Translators: %u is a number of mistakes */
                     _("The document has more than %u mistakes in its XML; it is too damaged "
                       "to be read."), MAX_ERRORS));
}

/* --- a common mistake put right --- */

/* Whether the reference at @p ("&…") is one XML reads: a character
 * reference, a predefined entity, an entity of HTML that
 * on_get_entity_cb() knows, or, in a document with a DTD, any name. */
static gboolean
is_reference (const char *p,
              const char *end,
              gboolean    has_dtd)
{
  const char *q = p + 1;
  const char *name;

  if (q < end && *q == '#')
    {
      gboolean hex = ++q < end && (*q == 'x' || *q == 'X');
      const char *digits = q + (hex ? 1 : 0);

      for (q = digits; q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++)
        ;
      return q > digits && q < end && *q == ';';
    }
  name = q;
  if (q >= end || !(g_ascii_isalpha (*q) || *q == '_' || *q == ':'))
    return FALSE;
  while (q < end && q - name <= 64 && (g_ascii_isalnum (*q) || strchr ("._:-", *q)))
    q++;
  if (q >= end || *q != ';')
    return FALSE;
  return has_dtd || dossier_feed_html_entity (name, q - name) != 0 ||
         (q - name == 3 && memcmp (name, "amp", 3) == 0) ||
         (q - name == 2 && (memcmp (name, "lt", 2) == 0 || memcmp (name, "gt", 2) == 0)) ||
         (q - name == 4 && (memcmp (name, "quot", 4) == 0 || memcmp (name, "apos", 4) == 0));
}

/* Feeds written by string concatenation leave "&" bare: "AT&T",
 * "?a=1&b=2". XML makes that an error, and libxml2 recovers by dropping
 * what follows. Such an "&" is escaped here, outside CDATA sections and
 * comments, where it is text. NULL when there is nothing to repair. */
static GString *
escape_bare_ampersands (const char *data,
                        gsize       length)
{
  const char *end = data + length;
  const char *p = memchr (data, '&', length);
  gboolean has_dtd;
  GString *out = NULL;
  const char *copied = data;

  if (p == NULL)
    return NULL;
  has_dtd = g_strstr_len (data, MIN (length, 4096), "<!DOCTYPE") != NULL;
  for (p = data; p < end; p++)
    {
      if (*p == '<' && end - p >= 4 && p[1] == '!')
        {
          gboolean cdata = end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0;
          gboolean comment = memcmp (p, "<!--", 4) == 0;
          const char *close;

          if (!cdata && !comment)
            continue;
          close = cdata ? g_strstr_len (p + 9, end - p - 9, "]]>")
                        : g_strstr_len (p + 4, end - p - 4, "-->");
          /* one that never ends holds the rest */
          if (close == NULL)
            break;
          p = close + 2;
          continue;
        }
      if (*p != '&' || is_reference (p, end, has_dtd))
        continue;
      if (out == NULL)
        out = g_string_sized_new (length + 64);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, "&amp;");
      copied = p + 1;
    }
  if (out != NULL)
    g_string_append_len (out, copied, end - copied);
  return out;
}

/* --- API --- */

/* libxml2's initialization is not thread-safe the first time: once,
 * before any thread parses. */
void
dossier_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * dossier_xml_parse:
 * @utf8: the document, valid UTF-8 without a byte-order mark
 * @base_url: (nullable): the address it came from, for relative links
 * @result: (out caller-allocates): what was seen of its structure, for
 *   the caller's messages; clear it with dossier_xml_result_clear()
 *
 * Reads @utf8 and calls @handler for each element and text. Fails only
 * when entities would grow past the budget, or when @handler stops the
 * reading with an error; a caller tells a truncated or broken document
 * from @result.
 */
gboolean
dossier_xml_parse (const char               *utf8,
                   gsize                     length,
                   const char               *base_url,
                   const DossierXmlHandler  *handler,
                   gpointer                  user_data,
                   DossierXmlResult         *result,
                   GError                  **error)
{
  xmlSAXHandler sax;
  DossierXmlReader reader = { 0 };
  GString *repaired;
  xmlParserCtxtPtr ctxt;
  gboolean ok = TRUE;

  memset (result, 0, sizeof *result);
  dossier_xml_init ();
  if (length == 0 || length > G_MAXINT)
    return TRUE;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element_cb;
  sax.endElementNs = on_end_element_cb;
  sax.characters = on_characters_cb;
  sax.cdataBlock = on_characters_cb;
  sax.ignorableWhitespace = on_characters_cb;
  sax.getEntity = on_get_entity_cb;
  sax.getParameterEntity = on_get_parameter_entity_cb;
  sax.entityDecl = on_entity_decl_cb;
  sax.serror = on_error_cb;

  repaired = escape_bare_ampersands (utf8, length);
  if (repaired != NULL)
    {
      g_debug ("Bare “&” in the document escaped");
      utf8 = repaired->str;
      length = repaired->len;
    }
  ctxt = xmlCreateMemoryParserCtxt (utf8, (int) length);
  if (repaired != NULL)
    g_string_free (repaired, TRUE);
  if (ctxt == NULL)
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                           _("There was not enough memory to read the document."));
      return FALSE;
    }
  /* what xmlSAXUserParseMemory() does, with options */
  xmlFree (ctxt->sax);
  ctxt->sax = &sax;
  ctxt->userData = &reader;
  xmlCtxtUseOptions (ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC |
                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  /* NOERROR and NOWARNING clear the handlers that print; errors still
   * reach serror */

  reader.ctxt = ctxt;
  reader.handler = handler;
  reader.user_data = user_data;
  reader.base_url = base_url;
  reader.bases = g_array_new (FALSE, FALSE, sizeof (Base));
  g_array_set_clear_func (reader.bases, clear_base);
  reader.declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader.entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_entity);
  reader.budget = MAX (ENTITY_BUDGET, length);
  reader.result = result;

  xmlParseDocument (ctxt);

  if (reader.overflow)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                   /* Translators: %u is a number of characters */
                   _("The document declares entities (abbreviations XML expands) that would "
                     "grow into more than %u characters, as documents made to exhaust a "
                     "computer’s memory do. It was not read."),
                   (guint) MAX (ENTITY_BUDGET, length));
      ok = FALSE;
    }
  else if (reader.stop_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader.stop_error));
      ok = FALSE;
    }

  /* In SAX mode libxml2 keeps a document of its own for the entities a
   * DTD declares ("SAX compatibility mode"); it is not freed with the
   * context */
  if (ctxt->myDoc != NULL)
    {
      xmlFreeDoc (ctxt->myDoc);
      ctxt->myDoc = NULL;
    }
  ctxt->sax = NULL;
  xmlFreeParserCtxt (ctxt);
  g_clear_error (&reader.stop_error);
  g_array_unref (reader.bases);
  g_hash_table_unref (reader.entities);
  g_hash_table_unref (reader.declared);
  return ok;
}

void
dossier_xml_result_clear (DossierXmlResult *result)
{
  g_clear_pointer (&result->root_name, g_free);
  g_clear_pointer (&result->error_message, g_free);
}

/* The address relative links of the current element resolve against:
 * its xml:base or its nearest ancestor's, else the document's. */
const char *
dossier_xml_reader_get_base (DossierXmlReader *reader)
{
  if (reader->bases->len > 0)
    return g_array_index (reader->bases, Base, reader->bases->len - 1).base;
  return reader->base_url;
}

int
dossier_xml_reader_get_line (DossierXmlReader *reader)
{
  return xmlSAX2GetLineNumber (reader->ctxt);
}

/* Stops the reading; dossier_xml_parse() then fails with @error. */
void
dossier_xml_reader_stop (DossierXmlReader *reader,
                         GError           *error)
{
  if (reader->stop_error == NULL)
    reader->stop_error = error;
  else
    g_error_free (error);
  stop (reader);
}

/**
 * dossier_xml_attribute:
 * @ns: (nullable): the attribute's namespace; %NULL for none
 *
 * Returns: (transfer full) (nullable): the value of attribute @name of an
 *   element, its references expanded (libxml2 leaves "&#38;" for "&", and
 *   "&name;" for the entities expanded here), valid UTF-8.
 */
char *
dossier_xml_attribute (DossierXmlReader  *reader,
                       const xmlChar    **attributes,
                       int                n_attributes,
                       const char        *ns,
                       const char        *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      const char *value = (const char *) a[3];
      gsize length = a[4] - a[3];
      GString *text;

      if (strcmp ((const char *) a[0], name) != 0 ||
          (ns == NULL ? a[2] != NULL : (a[2] == NULL || strcmp ((const char *) a[2], ns) != 0)))
        continue;
      if (memchr (value, '&', length) == NULL)
        return g_utf8_make_valid (value, length);

      text = g_string_sized_new (length);
      for (gsize j = 0; j < length; )
        {
          const char *semicolon = memchr (value + j, ';', MIN (length - j, 66));

          if (value[j] != '&' || semicolon == NULL)
            {
              g_string_append_c (text, value[j++]);
              continue;
            }
          if (value[j + 1] == '#')
            {
              gboolean hex = value[j + 2] == 'x' || value[j + 2] == 'X';
              guint64 code = g_ascii_strtoull (value + j + (hex ? 3 : 2), NULL, hex ? 16 : 10);

              if (code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF))
                g_string_append_unichar (text, (gunichar) code);
            }
          else
            {
              g_autofree char *key = g_strndup (value + j + 1, semicolon - value - j - 1);
              xmlEntityPtr entity = reader ? g_hash_table_lookup (reader->entities, key) : NULL;

              if (entity != NULL)
                g_string_append (text, (const char *) entity->content);
            }
          j = semicolon - value + 1;
        }
      {
        char *valid = g_utf8_make_valid (text->str, text->len);

        g_string_free (text, TRUE);
        return valid;
      }
    }
  return NULL;
}
