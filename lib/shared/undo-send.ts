/**
 * How long "Undo" is offered after Send before the message leaves (issue 12 point 11). The delay is
 * draft-backed: the draft is saved to Drafts first, and only after the delay is /api/compose/send
 * called, so closing the tab during the delay leaves the message in Drafts, unsent. A per-account
 * setting (issue 12 point 16, Settings) can replace this default; 0 sends at once.
 */
export const UNDO_SEND_MS_DEFAULT = 5_000;
