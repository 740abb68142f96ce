import { Counter, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one process, served at GET /metrics. */
export interface Metrics {
  registry: Registry;
  webhooks: Counter<"channel" | "outcome">;
  inbound: Counter<"channel">;
  outbound: Counter<"channel" | "outcome">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    webhooks: new Counter({
      name: "migracoop_webhook_requests_total",
      help: "Webhook requests by channel and outcome (accepted, duplicate, unauthorized, invalid, error)",
      labelNames: ["channel", "outcome"],
      registers: [registry],
    }),
    inbound: new Counter({
      name: "migracoop_inbound_messages_total",
      help: "New inbound messages recorded (duplicates excluded)",
      labelNames: ["channel"],
      registers: [registry],
    }),
    outbound: new Counter({
      name: "migracoop_outbound_messages_total",
      help: "Outbound send attempts by outcome (sent, failed, retry)",
      labelNames: ["channel", "outcome"],
      registers: [registry],
    }),
  };
}
