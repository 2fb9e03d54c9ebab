import "server-only";
import type Database from "better-sqlite3";

// Version 1 of the cache schema. Local UIDs are an AUTOINCREMENT key: monotonic and never reused,
// so "newest first" paging by a `before` cursor works as with IMAP UIDs.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  account TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  settings TEXT
);
CREATE TABLE IF NOT EXISTS folders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL REFERENCES accounts(account),
  path TEXT NOT NULL,
  special_use TEXT,
  UNIQUE (account, path)
);
CREATE TABLE IF NOT EXISTS messages (
  uid INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL,
  folder_id INTEGER NOT NULL REFERENCES folders(id),
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  subject TEXT NOT NULL,
  from_json TEXT,
  to_json TEXT NOT NULL,
  cc_json TEXT NOT NULL,
  reply_to_json TEXT NOT NULL,
  message_id TEXT,
  date INTEGER NOT NULL,
  attachments_json TEXT NOT NULL,
  seen INTEGER NOT NULL DEFAULT 0,
  flagged INTEGER NOT NULL DEFAULT 0,
  answered INTEGER NOT NULL DEFAULT 0,
  added_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_folder_uid ON messages (folder_id, uid);
CREATE INDEX IF NOT EXISTS messages_account_sha ON messages (account, sha256);
CREATE INDEX IF NOT EXISTS messages_sha ON messages (sha256);
-- What Mailroom has taken from the POP3 server: one row per UIDL, or per "sha256:<hex>" for servers
-- without UIDL. The primary key is the dedup guarantee; the row is written in the same transaction
-- as the message, so "in the ledger" means "safely in the cache".
CREATE TABLE IF NOT EXISTS pop3_ledger (
  account TEXT NOT NULL,
  key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  downloaded_at INTEGER NOT NULL,
  message_uid INTEGER,
  local_deleted_at INTEGER,
  PRIMARY KEY (account, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pop3_ledger_uid ON pop3_ledger (message_uid);
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(sender, subject, body, tokenize = 'unicode61 remove_diacritics 2');
`;

/** Brings the file to the current version (`upTo`: stop at an older one, for the upgrade test). */
export function migrate(db: Database.Database, upTo = 5): void {
  db.pragma("journal_mode = WAL");
  // FULL: a commit is on disk before we send DELE for the message it stored.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 10000");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version < 1 && upTo >= 1) {
    db.exec(SCHEMA);
    db.pragma("user_version = 1");
  }
  if (version < 2 && upTo >= 2) {
    // Version 2: the POP3 sync lists a message from its headers and indexes it (attachments, body
    // text) afterwards; rows of version 1 were indexed at insert.
    db.transaction(() => {
      db.exec(`ALTER TABLE messages ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE messages ADD COLUMN has_attachments INTEGER NOT NULL DEFAULT 0;
        UPDATE messages SET has_attachments = (attachments_json <> '[]');
        CREATE INDEX IF NOT EXISTS messages_unindexed ON messages (account, uid) WHERE indexed = 0;`);
      db.pragma("user_version = 2");
    })();
  }
  if (version < 3 && upTo >= 3) {
    // Version 3: advisory locks between processes sharing this file (one POP3 sync per account).
    // A row is held while its owner heartbeats expires_at; pid and host let a waiter see at once
    // that the holder on this machine is gone (SIGKILL) instead of waiting for the expiry.
    db.transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;`);
      db.pragma("user_version = 3");
    })();
  }
  if (version < 4 && upTo >= 4) {
    // Version 4 (issue 13 point 9: flat at 100,000 messages): each folder keeps its message and unread
    // counts, kept by triggers on every write path, so a list or the folder tree never counts rows;
    // partial indexes serve the is:unread and has:attachment pages in UID order; (folder_id, date, uid)
    // answers "the newest message dated before a day" (Jump to date) from the index alone.
    db.transaction(() => {
      db.exec(`ALTER TABLE folders ADD COLUMN total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE folders ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
        UPDATE folders SET total = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id),
          unread = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id AND m.seen = 0);
        CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
          UPDATE folders SET total = total + 1, unread = unread + (NEW.seen = 0) WHERE id = NEW.folder_id;
        END;
        CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
          UPDATE folders SET total = total - 1, unread = unread - (OLD.seen = 0) WHERE id = OLD.folder_id;
        END;
        CREATE TRIGGER messages_count_update AFTER UPDATE OF seen, folder_id ON messages
          WHEN OLD.seen <> NEW.seen OR OLD.folder_id <> NEW.folder_id BEGIN
          UPDATE folders SET total = total - 1, unread = unread - (OLD.seen = 0) WHERE id = OLD.folder_id;
          UPDATE folders SET total = total + 1, unread = unread + (NEW.seen = 0) WHERE id = NEW.folder_id;
        END;
        CREATE INDEX IF NOT EXISTS messages_folder_unread ON messages (folder_id, uid) WHERE seen = 0;
        CREATE INDEX IF NOT EXISTS messages_folder_attachments ON messages (folder_id, uid) WHERE has_attachments = 1;
        CREATE INDEX IF NOT EXISTS messages_folder_date ON messages (folder_id, date, uid);`);
      db.pragma("user_version = 4");
    })();
  }
  if (version < 5 && upTo >= 5) {
    // Version 5: each folder counts the writes to its messages (any insert, delete or update, the
    // full-text index's with them: it only changes alongside its message row). A search's total is
    // counted again only when its own folder changed, not after any write to the file (another
    // account's sync, a flag set elsewhere), which kept totals from living long on a shared cache.
    // IMMEDIATE and checked again inside: the app and its POP3 sync worker may open an old file at once.
    db.transaction(() => {
      if ((db.pragma("user_version", { simple: true }) as number) >= 5) return;
      db.exec(`ALTER TABLE folders ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
        DROP TRIGGER IF EXISTS messages_count_insert;
        DROP TRIGGER IF EXISTS messages_count_delete;
        CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
          UPDATE folders SET total = total + 1, unread = unread + (NEW.seen = 0), changes = changes + 1 WHERE id = NEW.folder_id;
        END;
        CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
          UPDATE folders SET total = total - 1, unread = unread - (OLD.seen = 0), changes = changes + 1 WHERE id = OLD.folder_id;
        END;
        CREATE TRIGGER messages_changes_update AFTER UPDATE ON messages BEGIN
          UPDATE folders SET changes = changes + 1 WHERE id IN (OLD.folder_id, NEW.folder_id);
        END;`);
      db.pragma("user_version = 5");
    }).immediate();
  }
}
