import { startFakeWhatsApp, type FakeWhatsApp } from "../../tests/fakes/whatsapp-server.ts";
import { WA } from "../../tests/support/platforms.ts";
import type { Cleanup } from "./cleanup.ts";

export interface AcceptedSend {
  to: string;
  /** When the fake received the request (ms since epoch). */
  at: number;
  body: Record<string, unknown>;
}

export interface BenchWhatsApp {
  fake: FakeWhatsApp;
  /** Sends the fake accepted (2xx), with the time each arrived, oldest first. */
  accepted(): AcceptedSend[];
  /** Requests refused with 130429 (over the rate limit). */
  throttled(): number;
}

/**
 * The fake Graph API of the tests (tests/fakes/whatsapp-server.ts) on 127.0.0.1, closed by the cleanup.
 * Its `requests` carry arrival times and its `sent()` the accepted bodies (the same objects), so each
 * accepted send gets its arrival time without touching the fake.
 */
export async function startBenchWhatsApp(cleanup: Cleanup): Promise<BenchWhatsApp> {
  const fake = await startFakeWhatsApp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
  cleanup.add("close fake WhatsApp", () => fake.close());
  let seenRequests = 0;
  const accepted: AcceptedSend[] = [];
  const acceptedBodies = () => new Set<unknown>(fake.sent());
  return {
    fake,
    accepted() {
      const sent = fake.sent();
      if (accepted.length < sent.length) {
        const bodies = acceptedBodies();
        const requests = fake.requests;
        for (; seenRequests < requests.length; seenRequests++) {
          const r = requests[seenRequests]!;
          if (r.body !== undefined && bodies.has(r.body)) {
            const body = r.body as Record<string, unknown>;
            accepted.push({ to: String(body["to"]), at: r.at, body });
          }
        }
      }
      return accepted;
    },
    throttled() {
      const bodies = acceptedBodies();
      return fake.requests.filter((r) => r.body !== undefined && !bodies.has(r.body)).length;
    },
  };
}
