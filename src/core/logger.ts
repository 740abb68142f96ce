import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs on stderr, so standard output stays free for the demo chat and the scripts. */
export function createLogger(level = "info"): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
