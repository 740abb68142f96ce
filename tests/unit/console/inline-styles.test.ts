/**
 * The hashes that allow exactly a page's inline styles (console/inline-styles.ts): one per `<style>`
 * element's text and per `style` attribute's value, entities decoded as the browser decodes them before
 * hashing; `'unsafe-hashes'` only when there are attributes; nothing at all for a page without styles.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cspHeader, inlineStyleSources } from "../../../src/console/inline-styles.ts";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("inlineStyleSources", () => {
  it("hashes each <style> element's text, once", () => {
    const page = "<style>b{color:red}</style><svg><style type=\"text/css\">.a{fill:#fff}</style></svg><style>b{color:red}</style>";
    expect(inlineStyleSources(page)).toEqual([hash("b{color:red}"), hash(".a{fill:#fff}")]);
  });

  it("hashes style attributes after decoding their entities, behind 'unsafe-hashes'", () => {
    const page = `<p style="font-family:&quot;Noto Sans&quot;, sans-serif">x</p><span style='color:red'>y</span><div data-style="no">z</div>`;
    expect(inlineStyleSources(page)).toEqual(["'unsafe-hashes'", hash('font-family:"Noto Sans", sans-serif'), hash("color:red")]);
  });

  it("allows nothing for a page without inline styles", () => {
    expect(inlineStyleSources("<p>plain</p>")).toEqual([]);
    expect(cspHeader({ "default-src": ["'none'"], "style-src": [] })).toBe("default-src 'none'; style-src");
  });
});
