/**
 * Deterministic raw-message generators for Mailroom's dev/test mail stack.
 *
 * Pure functions: no Math.random, no Date.now, no I/O. Every generator returns a complete RFC 5322
 * message as a Buffer with CRLF line endings, ready for IMAP APPEND (or SMTP DATA). Used by
 * scripts/seed.ts and meant to be reused by tests that append the same kinds of message to their
 * own users.
 */
// The generators live in scripts/mail-fixtures/ by kind; this module is the one place tests and seeds import them from.
export * from './mail-fixtures/rng';
export * from './mail-fixtures/encoding';
export * from './mail-fixtures/binary';
export * from './mail-fixtures/messages';
export * from './mail-fixtures/bulk';
