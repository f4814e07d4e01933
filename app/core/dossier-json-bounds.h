/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A check of a JSON document against limits, made before any JSON parser
 * sees it. json-glib builds a tree by recursion and without bounds: a file
 * of nested brackets overflows the stack, a large one takes many times its
 * size in memory, and a `\ud800` or `\u0000` escape turns into text that is
 * not valid UTF-8 or that stops short. Every JSON document Dossier reads
 * from outside passes this first. */

#define DOSSIER_JSON_ERROR (dossier_json_error_quark ())

typedef enum {
  DOSSIER_JSON_ERROR_TOO_LARGE,       /* more bytes than allowed */
  DOSSIER_JSON_ERROR_EMPTY,           /* nothing but white space */
  DOSSIER_JSON_ERROR_TRUNCATED,       /* ends inside a value */
  DOSSIER_JSON_ERROR_SYNTAX,          /* not JSON */
  DOSSIER_JSON_ERROR_NOT_UTF8,        /* bytes that are not UTF-8 */
  DOSSIER_JSON_ERROR_BAD_TEXT,        /* \u0000 or a lone surrogate in a string */
  DOSSIER_JSON_ERROR_TOO_DEEP,        /* nested deeper than allowed */
  DOSSIER_JSON_ERROR_STRING_TOO_LONG, /* one string longer than allowed */
  DOSSIER_JSON_ERROR_TOO_MANY,        /* more values, or elements, than allowed */
  DOSSIER_JSON_ERROR_BAD_NUMBER,      /* a whole number outside 64 bits, or an infinite one */
} DossierJsonError;

typedef struct {
  gsize       max_bytes;          /* the whole document */
  guint       max_depth;          /* objects and arrays inside each other */
  gsize       max_string_bytes;   /* one string or member name, as written */
  guint       max_values;         /* values in the whole document */
  /* A member of the top-level object whose value is an array read element
   * by element (a feed's "items"); NULL for none. */
  const char *split_member;
  guint       max_elements;       /* elements of that array */
  gsize       max_element_bytes;  /* one element, as written */
  guint       max_element_values; /* values inside one element */
} DossierJsonBounds;

/* Where something is in the document, in bytes. */
typedef struct {
  gsize offset;
  gsize length;
} DossierJsonSpan;

GQuark   dossier_json_error_quark (void);

gboolean dossier_json_check       (const char              *data,
                                   gsize                    length,
                                   const DossierJsonBounds *bounds,
                                   DossierJsonSpan         *split_array,
                                   GArray                  *elements,
                                   GError                 **error);

G_END_DECLS
