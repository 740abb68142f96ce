import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { graphError } from "../fakes/whatsapp-server.ts";

/**
 * A time-based outage in front of the fake WhatsApp Graph API (tests/fakes/whatsapp-server.ts, whose
 * `failNext` counts requests, not time). Point `WHATSAPP_API_BASE_URL` here: requests are forwarded to
 * the fake, except message sends during an outage, which get the next answer of `answers` in turn.
 * Every message send is recorded with its recipient and time, so a test can count attempts per message.
 */
export interface OutageAnswer {
  status: number;
  /** A Graph error code for Meta's error body; without it, `raw` is sent as text/html. */
  code?: number;
  raw?: string;
}

export const answers = {
  throughput: { status: 429, code: 130429 } as OutageAnswer,
  internal: { status: 500, code: 131000 } as OutageAnswer,
  unavailable: { status: 503, code: 2 } as OutageAnswer,
  badGatewayHtml: { status: 502, raw: "<html><body><h1>502 Bad Gateway</h1></body></html>" } as OutageAnswer,
};

export interface FlakyPlatform {
  baseUrl: string;
  /** Every message send that reached this server: recipient, time, and whether the outage answered it. */
  attempts: { to: string; at: number; failed: boolean }[];
  /** Fails every message send for `ms` from now, cycling through `answers`. */
  outage(ms: number, cycle: OutageAnswer[]): void;
  outageEndsAt(): number;
  close(): Promise<void>;
}

export async function startFlakyPlatform(upstream: string): Promise<FlakyPlatform> {
  let until = 0;
  let cycle: OutageAnswer[] = [];
  let turn = 0;
  const attempts: FlakyPlatform["attempts"] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const isSend = req.method === "POST" && /\/messages$/u.test(req.url ?? "");
    let to = "";
    if (isSend) {
      try {
        to = String((JSON.parse(body.toString("utf8")) as { to?: unknown }).to ?? "");
      } catch {
        to = "?";
      }
    }
    const failing = isSend && Date.now() < until && cycle.length > 0;
    if (isSend) attempts.push({ to, at: Date.now(), failed: failing });
    if (failing) {
      const answer = cycle[turn++ % cycle.length]!;
      const payload = answer.code !== undefined ? JSON.stringify(graphError(answer.code)) : (answer.raw ?? "");
      res.writeHead(answer.status, { "content-type": answer.code !== undefined ? "application/json" : "text/html", "content-length": Buffer.byteLength(payload) });
      res.end(payload);
      return;
    }
    const headers: Record<string, string> = {};
    for (const h of ["authorization", "content-type"]) if (typeof req.headers[h] === "string") headers[h] = req.headers[h] as string;
    const answer = await fetch(`${upstream}${req.url}`, { method: req.method, headers, body: req.method === "GET" ? undefined : body });
    const text = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json", "content-length": text.length });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts,
    outage(ms, answersCycle) {
      until = Date.now() + ms;
      cycle = answersCycle;
      turn = 0;
    },
    outageEndsAt: () => until,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
