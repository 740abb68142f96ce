import http from "node:http";
import { postWebhook, webhookUrl, type PostResult, type PreparedPost } from "./webhook-client.ts";

export interface PacedPosting {
  /** One per post, in order: when it was started and when its answer arrived (ms since epoch), its status (−1: no answer). */
  results: PostResult[];
  /** Posts per second actually started: the schedule's rate unless the in-flight cap held posts back. */
  sentRate: number;
  /** How late the latest post started against its slot in the schedule, in ms. */
  maxBehindMs: number;
}

/**
 * POSTs the prepared webhooks open-loop at a steady `ratePerSecond`: post i is due at t0 + i / rate,
 * whatever the earlier answers are doing, on up to `maxInFlight` keep-alive connections, as a platform
 * delivering a steady flow does. A slow answer delays the schedule only when every connection is busy;
 * `sentRate` and `maxBehindMs` show when that happened.
 */
export async function postPaced(baseUrl: string, posts: readonly PreparedPost[], opts: { ratePerSecond: number; maxInFlight: number }): Promise<PacedPosting> {
  const url = webhookUrl(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxInFlight });
  const interval = 1000 / opts.ratePerSecond;
  const results: PostResult[] = new Array(posts.length);
  const t0 = performance.now();
  let next = 0;
  let inFlight = 0;
  let maxBehindMs = 0;
  let lastStart = t0;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve) => {
      const start = (i: number) => {
        inFlight++;
        const now = performance.now();
        maxBehindMs = Math.max(maxBehindMs, now - (t0 + i * interval));
        lastStart = now;
        const startedAt = Date.now();
        postWebhook(url, agent, posts[i]!)
          .catch(() => -1)
          .then((status) => {
            results[i] = { startedAt, answeredAt: Date.now(), status };
            inFlight--;
            pump();
          });
      };
      const pump = () => {
        const now = performance.now();
        while (next < posts.length && inFlight < opts.maxInFlight && t0 + next * interval <= now) start(next++);
        if (next >= posts.length) {
          if (inFlight === 0) resolve();
          return;
        }
        // All connections busy: the next answer calls pump again.
        if (inFlight >= opts.maxInFlight) return;
        clearTimeout(timer);
        timer = setTimeout(pump, Math.max(0, t0 + next * interval - performance.now()));
      };
      pump();
    });
  } finally {
    clearTimeout(timer);
    agent.destroy();
  }
  const spanS = (lastStart - t0 + interval) / 1000;
  return { results, sentRate: posts.length / spanS, maxBehindMs };
}
