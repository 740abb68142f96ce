import { DateTime } from "luxon";
import { truncateWords } from "../../core/split-text.ts";
import { titleIn, type Titles } from "../../core/titles.ts";

/** A session's choice fits a WhatsApp list row (24 UTF-16 units), so the coordinator taps it; its whole title is in the lines above. */
const SESSION_LABEL_MAX = 24;

/**
 * Each session's choice: its title, cut to fit; two that would read the same ("Hygiène et sécurité…"
 * for parts 1 and 2) end with their day instead ("Hygiène et… 15/12").
 */
export function sessionLabels(sessions: readonly { title: string; titles?: Titles; startsAt: string; timezone: string }[], locale: string | null): string[] {
  const plain = sessions.map((s) => truncateWords(`📅 ${titleIn(s, locale)}`, SESSION_LABEL_MAX));
  return sessions.map((s, i) => {
    if (plain.indexOf(plain[i]!) === plain.lastIndexOf(plain[i]!)) return plain[i]!;
    const day = ` ${DateTime.fromISO(s.startsAt, { zone: s.timezone }).toFormat("d/M")}`;
    return truncateWords(`📅 ${titleIn(s, locale)}`, SESSION_LABEL_MAX - day.length) + day;
  });
}
