/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-progress.h"

G_BEGIN_DECLS

/* Encrypted backups of the whole store: docs/backup-format.md describes
 * the file. */

#define DOSSIER_BACKUP_ERROR (dossier_backup_error_quark ())

typedef enum {
  DOSSIER_BACKUP_ERROR_NOT_A_BACKUP,     /* not a Dossier backup, or its header is damaged */
  DOSSIER_BACKUP_ERROR_TOO_NEW,          /* a format this Dossier does not read */
  DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE, /* the passphrase does not open it (or its header was changed) */
  DOSSIER_BACKUP_ERROR_DAMAGED,          /* a part of it was changed or damaged */
  DOSSIER_BACKUP_ERROR_TRUNCATED,        /* it ends before its last part */
  DOSSIER_BACKUP_ERROR_BAD_STORE,        /* it opened, but the store in it is not sound */
  DOSSIER_BACKUP_ERROR_IN_USE,           /* another program has the store open */
  DOSSIER_BACKUP_ERROR_FAILED,           /* the system: memory, the encryption library */
} DossierBackupError;

/* The cost of turning a passphrase into a key (Argon2id): how many passes
 * and how much memory, in bytes. */
typedef struct {
  guint64 opslimit;
  guint64 memlimit;
} DossierBackupCost;

/* What the header of a backup says, and what is inside it. */
typedef struct {
  guint   format_version;
  guint64 opslimit;
  guint64 memlimit;
  guint64 store_size;      /* bytes of the store it holds */
  gint64  created;         /* when it was made, seconds since 1970 (UTC) */
  guint   schema_version;  /* the store's format version */
} DossierBackupInfo;

/* A passphrase, kept in memory that is locked out of swap and wiped when
 * it is freed. */
typedef struct _DossierPassphrase DossierPassphrase;

GQuark             dossier_backup_error_quark   (void);
gboolean           dossier_backup_init          (GError                   **error);
void               dossier_backup_default_cost  (DossierBackupCost         *cost);

DossierPassphrase *dossier_passphrase_new       (const char                *text,
                                                 gssize                     length);
DossierPassphrase *dossier_passphrase_new_empty (gsize                      capacity);
char              *dossier_passphrase_get_buffer (DossierPassphrase        *self,
                                                 gsize                     *capacity);
void               dossier_passphrase_set_length (DossierPassphrase        *self,
                                                 gsize                      length);
const char        *dossier_passphrase_get_text  (const DossierPassphrase   *self);
gsize              dossier_passphrase_get_length (const DossierPassphrase  *self);
gboolean           dossier_passphrase_equal     (const DossierPassphrase   *a,
                                                 const DossierPassphrase   *b);
void               dossier_passphrase_free      (DossierPassphrase         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierPassphrase, dossier_passphrase_free)

gboolean           dossier_backup_write         (const char                *store_path,
                                                 const char                *file,
                                                 const DossierPassphrase   *passphrase,
                                                 const DossierBackupCost   *cost,
                                                 DossierProgressFunc        progress,
                                                 gpointer                   progress_data,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);

char              *dossier_backup_unpack        (const char                *file,
                                                 const char                *store_path,
                                                 const DossierPassphrase   *passphrase,
                                                 DossierBackupInfo         *info,
                                                 DossierProgressFunc        progress,
                                                 gpointer                   progress_data,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);
gboolean           dossier_backup_check_unused  (const char                *store_path,
                                                 guint                      timeout_ms,
                                                 GError                   **error);
gboolean           dossier_backup_install       (const char                *unpacked,
                                                 const char                *store_path,
                                                 guint                      timeout_ms,
                                                 GError                   **error);
void               dossier_backup_discard       (const char                *unpacked);

gboolean           dossier_backup_restore       (const char                *file,
                                                 const char                *store_path,
                                                 const DossierPassphrase   *passphrase,
                                                 DossierBackupInfo         *info,
                                                 DossierProgressFunc        progress,
                                                 gpointer                   progress_data,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);

G_END_DECLS
