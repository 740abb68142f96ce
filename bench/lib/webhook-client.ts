import http from "node:http";
import { signWhatsAppBody } from "../../src/channels/whatsapp/signature.ts";
import { WA, waTextBody } from "../../tests/support/platforms.ts";

export interface PreparedPost {
  from: string;
  raw: Buffer;
  signature: string;
}

/** A signed WhatsApp webhook POST, made ahead of time (signing is the platform's work, not ours). */
export function prepareText(from: string, text: string, id: string): PreparedPost {
  const raw = Buffer.from(JSON.stringify(waTextBody(from, text, { id, name: `Sender ${from.slice(-4)}` })));
  return { from, raw, signature: signWhatsAppBody(raw, WA.appSecret) };
}

export interface PostResult {
  /** ms since epoch when the request was started and answered. */
  startedAt: number;
  answeredAt: number;
  status: number;
}

/** The service's WhatsApp webhook address. */
export function webhookUrl(baseUrl: string): URL {
  return new URL("/webhooks/whatsapp", baseUrl);
}

/** One signed webhook POST on `agent`'s keep-alive connections; resolves with the status once the answer is read. */
export function postWebhook(url: URL, agent: http.Agent, p: PreparedPost): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": p.raw.length, "x-hub-signature-256": p.signature },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(p.raw);
  });
}

/**
 * POSTs every prepared webhook to the service with `concurrency` clients in parallel on keep-alive
 * connections, like Meta's delivery workers. Non-200 answers are kept (and counted by the caller).
 */
export async function postAll(baseUrl: string, posts: readonly PreparedPost[], concurrency: number): Promise<PostResult[]> {
  const url = webhookUrl(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const results: PostResult[] = new Array(posts.length);
  let next = 0;
  const one = (p: PreparedPost) => postWebhook(url, agent, p);
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= posts.length) return;
      const startedAt = Date.now();
      let status = 0;
      try {
        status = await one(posts[i]!);
      } catch {
        status = -1;
      }
      results[i] = { startedAt, answeredAt: Date.now(), status };
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  return results;
}
