/**
 * Splits a long text into pieces a platform accepts, cutting where a reader would:
 * at a line break when one is close enough to the limit, else at a space, else (one very long
 * word, a URL) in the middle, never inside a surrogate pair, so no emoji is cut in two.
 *
 * Lengths are counted in UTF-16 code units (JavaScript's `length`), which is how Telegram counts
 * its 4,096 "characters"; for other platforms it errs on the safe side.
 *
 * Platform-neutral on purpose: meant to move to a shared place for WhatsApp (4,096) too.
 *
 * @example splitText("line one\nline two", 10) // ["line one", "line two"]
 */
export function splitText(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`max must be an integer ≥ 2 (got ${max})`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = findCut(rest, max);
    const piece = rest.slice(0, cut.end).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut.next);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** A cut: the piece ends before `end`; the next piece starts at `next` (the separator is dropped). */
interface Cut {
  end: number;
  next: number;
}

/** A line break at least this far into the window is preferred over a later space (keeps lists whole). */
const LINE_BREAK_MIN_FILL = 0.5;

function findCut(text: string, max: number): Cut {
  // The window may end one past `max` so that a separator right at the limit counts.
  const window = text.slice(0, max + 1);
  const newline = window.lastIndexOf("\n");
  if (newline > 0 && newline >= max * LINE_BREAK_MIN_FILL) return { end: newline, next: newline + 1 };
  const space = lastWhitespace(window);
  if (space > 0) return { end: space, next: space + 1 };
  if (newline > 0) return { end: newline, next: newline + 1 };
  // No separator: cut hard, but not between the two halves of a surrogate pair.
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { end, next: end };
}

function lastWhitespace(window: string): number {
  for (let i = window.length - 1; i > 0; i--) {
    const c = window[i];
    if (c === " " || c === "\t" || c === "\u00a0" || c === "\u3000") return i;
  }
  return -1;
}
