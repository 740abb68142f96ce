import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small fake of the WhatsApp Cloud API (Graph) on 127.0.0.1, speaking the real protocol:
 * `POST /{version}/{phone-number-id}/messages` and `/media`, `GET /{version}/{media-id}` and its download
 * URL (a person's voice notes), bearer token checked, request bodies
 * checked against Meta's rules, answers shaped like Meta's. Every request is recorded.
 *
 * Failures are programmable: `failNext(n, failure)` makes the next n message sends fail with a
 * Graph error (or a raw body), `rateLimit(perSecond)` answers 130429 beyond that throughput,
 * `latencyMs` delays every answer (timeouts).
 *
 * @example
 * const wa = await startFakeWhatsApp({ token: "t", phoneNumberId: "123" });
 * const adapter = whatsappAdapter({ ...cfg, baseUrl: wa.baseUrl });
 */
export interface FakeRequest {
  method: string;
  path: string;
  version: string;
  authorization?: string;
  /** Parsed JSON for /messages; the form fields (file as {name, type, size}) for /media. */
  body: unknown;
  at: number;
}

export interface Failure {
  status: number;
  /** Graph error code (130429, 131047, 131026, 100…): the body is Meta's error shape. */
  code?: number;
  message?: string;
  details?: string;
  /** A raw body instead (e.g. an HTML page from a proxy). */
  rawBody?: string;
}

export interface FakeWhatsApp {
  baseUrl: string;
  requests: FakeRequest[];
  /** Bodies of the message sends that were accepted, in order. */
  sent(): Record<string, unknown>[];
  /** The next n message sends fail with `failure`, after `after` more that succeed (a long text's later part). */
  failNext(n: number, failure: Failure, opts?: { after?: number }): void;
  rateLimit(perSecond: number | undefined): void;
  latencyMs: number;
  /**
   * A person's media, as the Cloud API keeps it: `GET /{version}/{media-id}` answers its URL, type and
   * size, and that URL serves the bytes to the same bearer token. Returns the media id.
   */
  addMedia(media: { content: Buffer; mimeType: string; id?: string }): string;
  /** The next n media downloads (the bytes, not the URL look-up) answer this HTTP status. */
  failDownloads(n: number, status: number): void;
  close(): Promise<void>;
}

const TITLES: Record<number, string> = {
  100: "Invalid parameter",
  190: "Invalid OAuth access token",
  130429: "Rate limit hit",
  131026: "Message undeliverable",
  131047: "Re-engagement message",
  131056: "(Business Account, Consumer Account) pair rate limit hit",
  131000: "Something went wrong",
};

export function graphError(code: number, message = TITLES[code] ?? "Error", details = message) {
  return {
    error: {
      message: `(#${code}) ${message}`,
      type: "OAuthException",
      code,
      error_data: { messaging_product: "whatsapp", details },
      fbtrace_id: "A" + randomBytes(8).toString("hex"),
    },
  };
}

export async function startFakeWhatsApp(opts: { token: string; phoneNumberId: string }): Promise<FakeWhatsApp> {
  const requests: FakeRequest[] = [];
  const accepted: Record<string, unknown>[] = [];
  const failures: (Failure | null)[] = [];
  let perSecond: number | undefined;
  const window: number[] = [];
  let mediaCount = 0;
  const media = new Map<string, { content: Buffer; mimeType: string }>();
  const downloadFailures: number[] = [];

  const fake: FakeWhatsApp = {
    baseUrl: "",
    requests,
    sent: () => accepted,
    failNext(n, failure, opts = {}) {
      for (let i = 0; i < (opts.after ?? 0); i++) failures.push(null);
      for (let i = 0; i < n; i++) failures.push(failure);
    },
    rateLimit(limit) {
      perSecond = limit;
    },
    latencyMs: 0,
    addMedia(m) {
      const id = m.id ?? String(1_000_000_000_000_000 + ++mediaCount);
      media.set(id, { content: m.content, mimeType: m.mimeType });
      return id;
    },
    failDownloads(n, status) {
      downloadFailures.push(...Array.from({ length: n }, () => status));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/(v\d+\.\d+)\/([^/]+)\/(messages|media)$/u.exec(url.pathname);
    const record: FakeRequest = { method: req.method ?? "", path: url.pathname, version: match?.[1] ?? "", authorization: req.headers.authorization, body: undefined, at: Date.now() };
    requests.push(record);
    if (fake.latencyMs > 0) await new Promise((r) => setTimeout(r, fake.latencyMs));

    if (req.method === "GET") return serveMedia(req, res, url);
    if (!match || req.method !== "POST") return send(res, 404, graphError(100, "Unsupported request", `Unknown path components: ${url.pathname}`));
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, graphError(190));
    if (match[2] !== opts.phoneNumberId) return send(res, 400, graphError(100, "Invalid parameter", `Object with ID '${match[2]}' does not exist`));

    if (match[3] === "media") {
      const form = await new Response(raw, { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData().catch(() => undefined);
      const file = form?.get("file");
      record.body = form && {
        messaging_product: form.get("messaging_product"),
        type: form.get("type"),
        file: file instanceof Blob ? { name: (file as File).name, type: file.type, size: file.size, text: await file.text() } : null,
      };
      if (!form || form.get("messaging_product") !== "whatsapp" || !(file instanceof Blob)) {
        return send(res, 400, graphError(100, "Invalid parameter", "file and messaging_product are required"));
      }
      return send(res, 200, { id: `media-${++mediaCount}` });
    }

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch {
      return send(res, 400, graphError(100, "Invalid parameter", "request body is not JSON"));
    }
    record.body = body;
    const problem = checkMessage(body);
    if (problem) return send(res, 400, graphError(100, "Invalid parameter", problem));

    const failure = failures.shift();
    if (failure) {
      if (failure.rawBody !== undefined) return send(res, failure.status, failure.rawBody, "text/html");
      return send(res, failure.status, graphError(failure.code ?? 131000, failure.message, failure.details));
    }
    if (perSecond !== undefined) {
      const now = Date.now();
      while (window.length && window[0]! <= now - 1000) window.shift();
      if (window.length >= perSecond) return send(res, 400, graphError(130429));
      window.push(now);
    }
    accepted.push(body);
    const to = String(body.to);
    return send(res, 200, {
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: to.replace(/^\+/u, "") }],
      messages: [{ id: `wamid.${randomBytes(12).toString("base64url")}` }],
    });
  }

  /**
   * `GET /{version}/{media-id}` → {messaging_product, url, mime_type, sha256, file_size, id}, as Meta
   * answers (an unknown id: error 100); `GET /download/{media-id}` → the bytes (Meta's lookaside URL).
   */
  function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, graphError(190));
    const info = /^\/(v\d+\.\d+)\/([^/]+)$/u.exec(url.pathname);
    if (info) {
      const m = media.get(info[2]!);
      if (!m) return send(res, 400, graphError(100, "Invalid parameter", `Unsupported get request. Object with ID '${info[2]}' does not exist`));
      return send(res, 200, {
        messaging_product: "whatsapp",
        url: `${fake.baseUrl}/download/${info[2]}?ext=${Date.now()}`,
        mime_type: m.mimeType,
        sha256: createHash("sha256").update(m.content).digest("hex"),
        file_size: String(m.content.length),
        id: info[2],
      });
    }
    const download = /^\/download\/([^/]+)$/u.exec(url.pathname);
    const m = download && media.get(download[1]!);
    if (!m) return send(res, 404, "Not Found", "text/plain");
    const failure = downloadFailures.shift();
    if (failure) return send(res, failure, "Server Error", "text/plain");
    res.writeHead(200, { "content-type": m.mimeType, "content-length": m.content.length });
    res.end(m.content);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: { message: String(err), code: 1 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Meta's rules for the message types we send; returns what is wrong, or undefined. */
function checkMessage(b: Record<string, unknown>): string | undefined {
  if (b.messaging_product !== "whatsapp") return "messaging_product must be whatsapp";
  if (typeof b.to !== "string" || b.to === "") return "to is required";
  const obj = (k: string) => b[k] as Record<string, any> | undefined;
  switch (b.type) {
    case "text": {
      const text = obj("text")?.body;
      return typeof text === "string" && text.length > 0 && text.length <= 4096 ? undefined : "text.body must be 1-4096 characters";
    }
    case "interactive": {
      const i = obj("interactive");
      const body = i?.body?.text;
      if (typeof body !== "string" || body.length === 0 || body.length > 1024) return "interactive.body.text must be 1-1024 characters";
      if (i?.type === "button") {
        const buttons = i.action?.buttons as { reply: { id: string; title: string } }[] | undefined;
        if (!buttons || buttons.length < 1 || buttons.length > 3) return "1-3 buttons";
        if (buttons.some((x) => !x.reply?.id || !x.reply.title || x.reply.title.length > 20)) return "button title 1-20 characters";
        return undefined;
      }
      if (i?.type === "list") {
        const button = i.action?.button as string | undefined;
        const rows = (i.action?.sections as { rows: { id: string; title: string; description?: string }[] }[] | undefined)?.flatMap((s) => s.rows) ?? [];
        if (!button || button.length > 20) return "list button 1-20 characters";
        if (rows.length < 1 || rows.length > 10) return "1-10 rows";
        if (rows.some((r) => !r.id || !r.title || r.title.length > 24 || (r.description?.length ?? 0) > 72)) return "row title 1-24, description ≤ 72";
        return undefined;
      }
      return "interactive.type must be button or list";
    }
    case "template": {
      const t = obj("template");
      if (typeof t?.name !== "string" || typeof t?.language?.code !== "string") return "template.name and template.language.code are required";
      for (const c of (t.components ?? []) as { type: string; parameters: { type: string; text?: string }[] }[]) {
        for (const p of c.parameters ?? []) {
          if (p.type === "text" && (!p.text || /[\n\t]| {5,}/u.test(p.text))) return "Param text cannot have new-line/tab characters or more than 4 consecutive spaces";
        }
      }
      return undefined;
    }
    case "document": {
      const d = obj("document");
      return d?.id || d?.link ? undefined : "document.id or document.link is required";
    }
    default:
      return `unsupported type ${String(b.type)}`;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, type = "application/json"): void {
  if (res.headersSent) return;
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
