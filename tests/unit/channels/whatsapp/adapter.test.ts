import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { whatsappAdapter } from "../../../../src/channels/whatsapp/adapter.ts";
import { whatsappChannel } from "../../../../src/channels/whatsapp/channel.ts";
import { requiresTemplate, WINDOW_MS } from "../../../../src/channels/whatsapp/window.ts";
import { GRAPH_API_VERSION } from "../../../../src/channels/whatsapp/graph.ts";
import type { ChannelAdapter } from "../../../../src/core/adapter.ts";
import { SendError } from "../../../../src/core/errors.ts";
import type { Address } from "../../../../src/core/inbound.ts";
import { startFakeWhatsApp, type FakeWhatsApp } from "../../../fakes/whatsapp-server.ts";
import { testConfig } from "./support.ts";

const cfg = testConfig();
const to: Address = { channel: "whatsapp", externalId: "33612345678" };
let wa: FakeWhatsApp;
let adapter: ChannelAdapter;

beforeAll(async () => {
  wa = await startFakeWhatsApp({ token: cfg.accessToken, phoneNumberId: cfg.phoneNumberId });
  adapter = whatsappAdapter({ ...cfg, baseUrl: `${wa.baseUrl}/` }, { timeoutMs: 2000 });
});
afterAll(() => wa.close());
beforeEach(() => {
  wa.requests.length = 0;
  wa.sent().length = 0;
  wa.latencyMs = 0;
  wa.rateLimit(undefined);
});

async function sendError(p: Promise<unknown>): Promise<SendError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SendError);
  return err as SendError;
}

describe("whatsappAdapter against a fake Graph API", () => {
  it("sends a text with the bearer token to /{version}/{phone-id}/messages and returns the wamid", async () => {
    const { platformMessageId } = await adapter.send(to, { type: "text", text: "Bonjour Amina 👋, à demain !" });
    expect(platformMessageId).toMatch(/^wamid\./);
    expect(wa.requests[0]).toMatchObject({
      method: "POST",
      path: `/${GRAPH_API_VERSION}/${cfg.phoneNumberId}/messages`,
      authorization: `Bearer ${cfg.accessToken}`,
    });
    expect(wa.sent()[0]).toMatchObject({ messaging_product: "whatsapp", to: "33612345678", type: "text", text: { body: "Bonjour Amina 👋, à demain !" } });
  });

  it("a 5,000-character text is sent as two messages; the last wamid is returned", async () => {
    const result = await adapter.send(to, { type: "text", text: "Une phrase pour tester. ".repeat(210) });
    expect(wa.sent()).toHaveLength(2);
    expect(result.platformMessageId).toMatch(/^wamid\./);
  });

  it("sends reply buttons", async () => {
    await adapter.send(to, { type: "choices", text: "Vous venez ?", choices: [{ id: "rsvp:yes", label: "✅ Oui" }, { id: "rsvp:no", label: "❌ Non" }] });
    expect(wa.sent()[0]).toMatchObject({
      type: "interactive",
      interactive: { type: "button", body: { text: "Vous venez ?" }, action: { buttons: [{ type: "reply", reply: { id: "m1:rsvp:yes", title: "✅ Oui" } }, { type: "reply", reply: { id: "m1:rsvp:no", title: "❌ Non" } }] } },
    });
  });

  it("sends a list", async () => {
    const choices = Array.from({ length: 5 }, (_, i) => ({ id: `menu:${i}`, label: `📋 Option ${i}` }));
    await adapter.send(to, { type: "choices", text: "Que voulez-vous faire ?", choices, listButton: "Choisir" });
    const body = wa.sent()[0] as any;
    expect(body.interactive.type).toBe("list");
    expect(body.interactive.action.button).toBe("Choisir");
    expect(body.interactive.action.sections[0].rows).toHaveLength(5);
    expect(body.interactive.action.sections[0].rows[4]).toEqual({ id: "m1:menu:4", title: "📋 Option 4" });
  });

  it("sends a template with parameters and quick-reply payloads", async () => {
    await adapter.send(to, {
      type: "template",
      name: "migracoop_reminder_v1",
      language: "fr",
      parameters: ["Atelier vente", "mardi 14 mai, 10 h", "Ground Control"],
      buttons: [{ id: "rsvp:yes", label: "Je viens" }],
      text: "…",
    });
    expect(wa.sent()[0]).toMatchObject({
      type: "template",
      template: {
        name: "migracoop_reminder_v1",
        language: { code: "fr" },
        components: [
          { type: "body", parameters: [{ type: "text", text: "Atelier vente" }, { type: "text", text: "mardi 14 mai, 10 h" }, { type: "text", text: "Ground Control" }] },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "m1:rsvp:yes" }] },
        ],
      },
    });
  });

  it("uploads a document (multipart) then sends it by media id", async () => {
    const csv = "date,montant\n2024-06-06,36.00\n";
    await adapter.send(to, { type: "document", filename: "ventes.csv", mimeType: "text/csv", contentBase64: Buffer.from(csv).toString("base64"), caption: "Vos ventes" });
    expect(wa.requests.map((r) => r.path)).toEqual([`/${GRAPH_API_VERSION}/${cfg.phoneNumberId}/media`, `/${GRAPH_API_VERSION}/${cfg.phoneNumberId}/messages`]);
    expect(wa.requests[0]!.body).toEqual({ messaging_product: "whatsapp", type: "text/csv", file: { name: "ventes.csv", type: "text/csv", size: csv.length, text: csv } });
    expect(wa.sent()[0]).toMatchObject({ type: "document", document: { id: "media-1", filename: "ventes.csv", caption: "Vos ventes" } });
  });

  it.each([
    ["throughput 130429", { status: 400, code: 130429 }, "retry", "whatsapp.130429", true],
    ["pair rate 131056", { status: 400, code: 131056 }, "retry", "whatsapp.131056", false],
    ["outside the window 131047", { status: 400, code: 131047 }, "template", "whatsapp.131047", false],
    ["not on WhatsApp 131026", { status: 400, code: 131026 }, "unreachable", "whatsapp.131026", false],
    ["invalid parameter 100", { status: 400, code: 100 }, "permanent", "whatsapp.100", false],
    ["server error 500 (Graph body)", { status: 500, code: 1 }, "retry", "whatsapp.1", false],
    ["proxy error 502 (HTML body)", { status: 502, rawBody: "<html><body>502 Bad Gateway</body></html>" }, "retry", "whatsapp.bad_response", false],
  ] as const)("%s → %s", async (_label, failure, errorClass, code, global) => {
    wa.failNext(1, failure);
    const e = await sendError(adapter.send(to, { type: "text", text: "Bonjour" }));
    expect([e.errorClass, e.code, e.global]).toEqual([errorClass, code, global]);
  });

  it("a failed document upload is classified too", async () => {
    const bad = whatsappAdapter({ ...cfg, baseUrl: wa.baseUrl, accessToken: "wrong" }, { timeoutMs: 2000 });
    const e = await sendError(bad.send(to, { type: "document", filename: "a.pdf", mimeType: "application/pdf", contentBase64: "JVBERi0=" }));
    expect([e.errorClass, e.code]).toEqual(["permanent", "whatsapp.190"]);
  });

  it("a wrong token is a permanent 190", async () => {
    const bad = whatsappAdapter({ ...cfg, baseUrl: wa.baseUrl, accessToken: "wrong" });
    const e = await sendError(bad.send(to, { type: "text", text: "x" }));
    expect([e.errorClass, e.code]).toEqual(["permanent", "whatsapp.190"]);
  });

  it("beyond the fake's rate limit, sends fail with a global retry", async () => {
    wa.rateLimit(3);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => adapter.send(to, { type: "text", text: "x" })));
    const failed = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as SendError);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(failed.map((e) => [e.errorClass, e.code, e.global])).toEqual(Array(3).fill(["retry", "whatsapp.130429", true]));
  });

  it("a slow answer times out as a retry", async () => {
    wa.latencyMs = 500;
    const slow = whatsappAdapter({ ...cfg, baseUrl: wa.baseUrl }, { timeoutMs: 100 });
    const e = await sendError(slow.send(to, { type: "text", text: "x" }));
    expect([e.errorClass, e.code]).toEqual(["retry", "whatsapp.timeout"]);
    const eDoc = await sendError(slow.send(to, { type: "document", filename: "a.pdf", mimeType: "application/pdf", contentBase64: "JVBERi0=" }));
    expect([eDoc.errorClass, eDoc.code]).toEqual(["retry", "whatsapp.timeout"]);
  });

  it("an unreachable server is a network retry", async () => {
    const down = whatsappAdapter({ ...cfg, baseUrl: "http://127.0.0.1:9" }, { timeoutMs: 2000 });
    const e = await sendError(down.send(to, { type: "text", text: "x" }));
    expect([e.errorClass, e.code]).toEqual(["retry", "whatsapp.network"]);
  });

  it("an empty message is refused without calling WhatsApp", async () => {
    const e = await sendError(adapter.send(to, { type: "text", text: "" }));
    expect([e.errorClass, e.code]).toEqual(["permanent", "whatsapp.empty_message"]);
    expect(wa.requests).toHaveLength(0);
  });
});

describe("requiresTemplate", () => {
  const now = new Date("2024-06-06T12:00:00Z");
  it.each([
    ["never wrote", null, true],
    ["wrote an hour ago", new Date(now.getTime() - 3600_000), false],
    ["wrote just under 24 h ago", new Date(now.getTime() - WINDOW_MS + 1000), false],
    ["wrote exactly 24 h ago", new Date(now.getTime() - WINDOW_MS), true],
    ["wrote two days ago", new Date(now.getTime() - 2 * WINDOW_MS), true],
  ] as const)("%s → %s", (_label, last, expected) => {
    expect(requiresTemplate(last, now)).toBe(expected);
    expect(whatsappChannel(cfg).rules?.windowClosed(last, now)).toBe(expected);
  });
});
