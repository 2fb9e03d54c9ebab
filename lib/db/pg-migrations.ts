import "server-only";
import type { Queryable } from "@/lib/db/pg";

/*
 * The PostgreSQL schema, versioned. Each migration runs once, in order, inside one transaction that
 * first takes an advisory lock: two instances starting at once run them one after the other, and the
 * second finds them applied. Never edit a shipped migration; add the next version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "cache, activity, settings, revocations",
    sql: `
      -- POP3 cache (lib/cache/pg-store.ts). Local UIDs are a sequence: monotonic, never reused.
      CREATE TABLE accounts (account TEXT PRIMARY KEY, created_at BIGINT NOT NULL, settings TEXT);
      CREATE TABLE folders (
        id SERIAL PRIMARY KEY,
        account TEXT NOT NULL REFERENCES accounts(account),
        path TEXT NOT NULL,
        special_use TEXT,
        UNIQUE (account, path)
      );
      CREATE TABLE messages (
        uid SERIAL PRIMARY KEY,
        account TEXT NOT NULL,
        folder_id INTEGER NOT NULL REFERENCES folders(id),
        sha256 TEXT NOT NULL,
        size BIGINT NOT NULL,
        subject TEXT NOT NULL,
        from_json TEXT,
        to_json TEXT NOT NULL,
        cc_json TEXT NOT NULL,
        reply_to_json TEXT NOT NULL,
        message_id TEXT,
        date BIGINT NOT NULL,
        attachments_json TEXT NOT NULL,
        seen BOOLEAN NOT NULL DEFAULT false,
        flagged BOOLEAN NOT NULL DEFAULT false,
        answered BOOLEAN NOT NULL DEFAULT false,
        added_at BIGINT NOT NULL,
        has_attachments BOOLEAN NOT NULL DEFAULT false,
        indexed BOOLEAN NOT NULL DEFAULT true,
        -- sender (weight A), subject (B), body (C); built by lib/cache/pg-fts.ts
        fts TSVECTOR NOT NULL
      );
      CREATE INDEX messages_folder_uid ON messages (folder_id, uid);
      CREATE INDEX messages_account_sha ON messages (account, sha256);
      CREATE INDEX messages_sha ON messages (sha256);
      CREATE INDEX messages_unindexed ON messages (account, uid) WHERE NOT indexed;
      CREATE INDEX messages_fts ON messages USING GIN (fts);
      CREATE TABLE pop3_ledger (
        account TEXT NOT NULL,
        key TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        downloaded_at BIGINT NOT NULL,
        message_uid INTEGER,
        local_deleted_at BIGINT,
        PRIMARY KEY (account, key)
      );
      CREATE INDEX pop3_ledger_uid ON pop3_ledger (message_uid);
      CREATE TABLE locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, expires_at BIGINT NOT NULL);

      -- Activity trail (lib/activity/pg-activity-store.ts).
      CREATE TABLE activity (
        id BIGSERIAL PRIMARY KEY,
        scope TEXT NOT NULL,
        account TEXT NOT NULL,
        message_key TEXT NOT NULL,
        folder TEXT NOT NULL,
        uid BIGINT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        person TEXT NOT NULL,
        target TEXT,
        at BIGINT NOT NULL
      );
      CREATE INDEX activity_by_scope ON activity (scope, message_key, at);
      CREATE INDEX activity_by_time ON activity (at);

      -- Settings (lib/settings/identity-store.ts) and revocations (lib/auth/pg-revocations.ts).
      CREATE TABLE identity (account TEXT PRIMARY KEY, from_name TEXT NOT NULL, updated_at BIGINT NOT NULL);
      CREATE TABLE revoked_session (sid TEXT PRIMARY KEY, until BIGINT NOT NULL);
      CREATE TABLE revoked_password (account TEXT NOT NULL, fingerprint TEXT NOT NULL, revoked_at BIGINT NOT NULL, until BIGINT NOT NULL, PRIMARY KEY (account, fingerprint));
    `,
  },
  {
    version: 2,
    name: "team: members, assignments, notes, mention reads",
    sql: `
      -- lib/team/pg-team-store.ts (interface lib/team/team-store.ts).
      CREATE TABLE team_member (
        account TEXT NOT NULL, member_id TEXT NOT NULL, login TEXT NOT NULL, name TEXT NOT NULL, at BIGINT NOT NULL,
        PRIMARY KEY (account, member_id)
      );
      CREATE INDEX team_member_by_time ON team_member (account, at);
      CREATE TABLE team_assignment (
        scope TEXT NOT NULL, message_key TEXT NOT NULL, folder TEXT NOT NULL, uid BIGINT NOT NULL,
        assignee_id TEXT NOT NULL, assignee_login TEXT NOT NULL, assignee_name TEXT NOT NULL,
        by_id TEXT NOT NULL, by_login TEXT NOT NULL, by_name TEXT NOT NULL, at BIGINT NOT NULL,
        PRIMARY KEY (scope, message_key)
      );
      CREATE INDEX team_assignment_by_assignee ON team_assignment (scope, assignee_id, at);
      CREATE TABLE team_note (
        id TEXT PRIMARY KEY, scope TEXT NOT NULL, message_key TEXT NOT NULL, folder TEXT NOT NULL, uid BIGINT NOT NULL,
        author_id TEXT NOT NULL, author_login TEXT NOT NULL, author_name TEXT NOT NULL,
        body TEXT NOT NULL, mentions TEXT[] NOT NULL, at BIGINT NOT NULL, edited_at BIGINT
      );
      CREATE INDEX team_note_by_message ON team_note (scope, message_key, at);
      CREATE INDEX team_note_mentions ON team_note USING GIN (mentions);
      CREATE TABLE team_mention_read (scope TEXT NOT NULL, member_id TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (scope, member_id));
    `,
  },
  {
    version: 3,
    name: "account settings (issue 12 Settings page)",
    sql: `
      -- lib/settings/settings-store.ts: one JSON document per account (lib/shared/settings.ts).
      CREATE TABLE account_settings (account TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at BIGINT NOT NULL);
    `,
  },
  {
    version: 4,
    name: "conversations toggle per person",
    sql: `
      -- lib/settings/conversation-pref-store.ts (issue 12, conversations).
      CREATE TABLE conversation_pref (account TEXT PRIMARY KEY, enabled BOOLEAN NOT NULL, updated_at BIGINT NOT NULL);
    `,
  },
  {
    version: 5,
    name: "issue 12: sort order per folder",
    sql: `
      -- lib/settings/folder-sort-store.ts.
      CREATE TABLE folder_sort (account TEXT NOT NULL, folder TEXT NOT NULL, sort TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (account, folder));
    `,
  },
  {
    version: 6,
    name: "issue 13: POP3 cache folder counters and list indexes",
    sql: `
      -- lib/cache/pg-store.ts: a list or the folder tree reads these instead of counting rows
      -- (flat at 100,000 messages); triggers keep them on every write path.
      ALTER TABLE folders ADD COLUMN total INTEGER NOT NULL DEFAULT 0, ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
      UPDATE folders f SET total = c.total, unread = c.unread
        FROM (SELECT folder_id, count(*) AS total, count(*) FILTER (WHERE NOT seen) AS unread FROM messages GROUP BY folder_id) c
        WHERE c.folder_id = f.id;
      CREATE FUNCTION mailroom_folder_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE folders SET total = total - 1, unread = unread - (CASE WHEN OLD.seen THEN 0 ELSE 1 END) WHERE id = OLD.folder_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE folders SET total = total + 1, unread = unread + (CASE WHEN NEW.seen THEN 0 ELSE 1 END) WHERE id = NEW.folder_id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER messages_counts AFTER INSERT OR DELETE ON messages FOR EACH ROW EXECUTE FUNCTION mailroom_folder_counts();
      CREATE TRIGGER messages_counts_update AFTER UPDATE OF seen, folder_id ON messages FOR EACH ROW
        WHEN (OLD.seen IS DISTINCT FROM NEW.seen OR OLD.folder_id IS DISTINCT FROM NEW.folder_id) EXECUTE FUNCTION mailroom_folder_counts();
      -- is:unread and has:attachment pages in UID order; Jump to date from the index alone.
      CREATE INDEX messages_folder_unread ON messages (folder_id, uid) WHERE NOT seen;
      CREATE INDEX messages_folder_attachments ON messages (folder_id, uid) WHERE has_attachments;
      CREATE INDEX messages_folder_date ON messages (folder_id, date, uid);
    `,
  },
];

/** Applies the missing migrations; safe to call from several processes at once. */
export async function migrate(c: Queryable, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await c.query("BEGIN");
  try {
    // Per schema, so tests with a schema each don't wait on each other. Released at COMMIT/ROLLBACK.
    await c.query("SELECT pg_advisory_xact_lock(hashtext('mailroom-migrations:' || current_schema()))");
    await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    const done = new Set((await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
    await c.query("COMMIT");
    return applied;
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  }
}
