import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one process, served at GET /metrics. */
export interface Metrics {
  registry: Registry;
  webhooks: Counter<"channel" | "outcome">;
  inbound: Counter<"channel">;
  outbound: Counter<"channel" | "outcome">;
  /** 1 while this process holds a lease and does its work (task: telegram_polling), else 0. */
  leader: Gauge<"task">;
  /** Leases taken, lost (renewal failed) and released, by task: takeovers show as taken in another process. */
  leaderEvents: Counter<"task" | "event">;
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
    leader: new Gauge({
      name: "migracoop_leader",
      help: "1 while this process holds the lock of a one-process-only task (telegram_polling) and runs it",
      labelNames: ["task"],
      registers: [registry],
    }),
    leaderEvents: new Counter({
      name: "migracoop_leader_events_total",
      help: "Locks of one-process-only tasks taken, lost (renewal failed) and released, by task",
      labelNames: ["task", "event"],
      registers: [registry],
    }),
  };
}
