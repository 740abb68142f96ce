import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the fake translation and transcription servers share: a node:http server on 127.0.0.1 with
 * a free port, a log of every request (JSON or multipart body decoded), failures planned ahead
 * (`failNext`), and slow answers (`delayMs`) for timeouts. Each fake adds its protocol on top.
 */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The decoded JSON body, for application/json requests. */
  json?: unknown;
  /** The text fields of a multipart/form-data or urlencoded body. */
  form?: Record<string, string>;
  /** The files of a multipart body, by field name. */
  files?: Record<string, FakeFile>;
  at: number;
}

export interface FakeFile {
  filename: string;
  type: string;
  size: number;
  bytes: Uint8Array;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface EngineFake {
  url: string;
  requests: FakeRequest[];
  /** Requests to one path (`/translate`, `/v2/languages`, …). */
  requestsTo(path: string): FakeRequest[];
  /** The next `times` requests (to `path` when given) get `answer` instead of the real thing. */
  failNext(answer: FakeAnswer, times?: number, path?: string): void;
  /** Every answer waits this long first (a timeout test sets it above the client's deadline). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startEngineFake(handle: (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<EngineFake> {
  const requests: FakeRequest[] = [];
  const planned: Array<{ answer: FakeAnswer; left: number; path?: string }> = [];

  const fake: EngineFake = {
    url: "",
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    failNext(answer, times = 1, path) {
      planned.push({ answer, left: times, path });
    },
    delayMs: 0,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => send(res, { status: 500, body: { error: `fake server: ${String(err)}` } }));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record = await readRequest(req);
    requests.push(record);
    if (fake.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fake.delayMs);
        res.once("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const plan = planned.find((p) => p.left > 0 && (p.path === undefined || p.path === record.path));
    if (plan) {
      plan.left--;
      return send(res, plan.answer);
    }
    send(res, await handle(record));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const record: FakeRequest = {
    method: req.method ?? "",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    at: Date.now(),
  };
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return record;
  if (type.startsWith("application/json")) {
    try {
      record.json = JSON.parse(raw.toString("utf8"));
    } catch {
      record.json = { unparsable: raw.toString("utf8") };
    }
  } else if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
    // undici parses multipart like a real server would: boundaries, quoting, binary parts.
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    record.form = {};
    record.files = {};
    for (const [name, value] of form) {
      if (typeof value === "string") record.form[name] = value;
      else record.files[name] = { filename: value.name, type: value.type, size: value.size, bytes: new Uint8Array(await value.arrayBuffer()) };
    }
  }
  return record;
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  if (res.writableEnded || res.destroyed) return;
  const isText = typeof answer.body === "string";
  res.writeHead(answer.status, { "content-type": isText ? "text/plain; charset=utf-8" : "application/json", ...answer.headers });
  res.end(isText ? (answer.body as string) : JSON.stringify(answer.body));
}

/** The fakes' deterministic "translation": easy to assert, shows the codes the client sent. */
export function fakeTranslation(source: string, target: string, text: string): string {
  return `[${source}→${target}] ${text}`;
}
