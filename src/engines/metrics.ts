import { Counter, Histogram, type Registry } from "prom-client";
import type { EngineObserver } from "./http.ts";

/**
 * Prometheus metrics of the translation and transcription services, in the process's registry
 * (core/metrics.ts): give `observe` to the clients. Characters are what DeepL and Google bill.
 */
export function createEngineMetrics(registry: Registry): { observe: EngineObserver } {
  const requests = new Counter({
    name: "migracoop_engine_requests_total",
    help: "Requests to translation and transcription services by engine and outcome (ok, timeout, rate_limited, quota, unauthorized, unsupported, failed)",
    labelNames: ["engine", "outcome"],
    registers: [registry],
  });
  const characters = new Counter({
    name: "migracoop_translate_characters_total",
    help: "Characters sent for translation, by engine (what paid providers bill)",
    labelNames: ["engine"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "migracoop_engine_request_seconds",
    help: "Duration of requests to translation and transcription services",
    labelNames: ["engine"],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    observe(call) {
      requests.inc({ engine: call.engine, outcome: call.outcome });
      duration.observe({ engine: call.engine }, call.durationMs / 1000);
      if (call.characters !== undefined && call.outcome === "ok") characters.inc({ engine: call.engine }, call.characters);
    },
  };
}
