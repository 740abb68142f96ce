/** Stored translations older than this are not served (bridge/db-cache.ts), and retention deletes them (retention.ts). */
export const TRANSLATION_MAX_AGE_MS = 90 * 24 * 3600_000;
