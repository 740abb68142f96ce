import { parseArgs } from "node:util";
import { loadConfigOrExit } from "./config/config.ts";
import { createLogger } from "./core/logger.ts";
import { startService, type Role } from "./service.ts";

/** Time allowed for a graceful stop before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

function readRole(): Role {
  const { values } = parseArgs({ options: { role: { type: "string", default: "all" } }, allowPositionals: false });
  if (values.role === "all" || values.role === "web" || values.role === "worker") return values.role;
  console.error(`--role must be web, worker or all (got "${values.role}")`);
  process.exit(2);
}

const role = readRole();
const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
const { enabledChannels } = await import("./channels/enabled.ts");
const service = await startService(config, {
  role,
  log,
  channels: enabledChannels(config),
}).catch((err: unknown) => {
  log.fatal({ err }, "could not start");
  process.exit(1);
});
log.info({ role, port: role === "worker" ? undefined : config.http.port, database: service.db.kind }, "migracoop assistant started");

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    setTimeout(() => {
      log.error("graceful stop took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "error while stopping");
        process.exit(1);
      },
    );
  });
}
