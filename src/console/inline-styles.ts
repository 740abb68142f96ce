import { createHash } from "node:crypto";

/**
 * The CSP `style-src` sources that allow exactly the inline styles of one HTML page, and nothing else:
 * the SHA-256 of each `<style>` element's text and, after `'unsafe-hashes'`, of each `style="…"`
 * attribute's value (HTML entities decoded, as the browser hashes them). Pages that are not ours to
 * restyle (the impact report with its ECharts SVG, bull-board's HTML) get this instead of
 * `'unsafe-inline'`: a style injected into them would not match.
 * @example inlineStyleSources('<style>b{}</style><p style="color:red">') // ["'sha256-…'", "'unsafe-hashes'", "'sha256-…'"]
 */
export function inlineStyleSources(page: string): string[] {
  const elements = new Set([...page.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi)].map((m) => styleHash(m[1]!)));
  const attributes = new Set([...page.matchAll(/\sstyle="([^"]*)"/gi), ...page.matchAll(/\sstyle='([^']*)'/gi)].map((m) => styleHash(decodeEntities(m[1]!))));
  return [...elements, ...(attributes.size ? ["'unsafe-hashes'", ...attributes] : [])];
}

/** A CSP hash source of a text: `'sha256-<base64>'`. */
export function styleHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, e: string) => {
    if (e[0] !== "#") return NAMED_ENTITIES[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

/** A Content-Security-Policy header value from directives: `{ "script-src": ["'none'"] }` → `script-src 'none'`. */
export function cspHeader(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}
