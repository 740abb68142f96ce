/**
 * `npm run demo`: a newcomer's first run. Applies migrations to the embedded database, loads the
 * demo programme, and opens a chat with the bot in the terminal as a new participant.
 * Reads standard input line by line: works in a terminal and with piped input (exits at end of input).
 */
import { createInterface } from "node:readline";
import { inlineDispatcher } from "../src/app/inline-dispatcher.ts";
import type { AppDeps } from "../src/deps.ts";
import { readerFrom } from "../src/app/lexicon.ts";
import { recordInbound } from "../src/app/inbound/record-inbound.ts";
import { handleInboundBatch } from "../src/app/turn/handle-inbound.ts";
import { consoleAdapter, parseConsoleLine } from "../src/channels/console/adapter.ts";
import { sendOnly } from "../src/core/channel.ts";
import { loadConfig } from "../src/config/config.ts";
import { createLogger } from "../src/core/logger.ts";
import { openDatabase } from "../src/db/database.ts";
import { deployMigrations } from "../src/db/migrations.ts";
import { createI18n } from "../src/i18n/i18n.ts";
import { importProgramme } from "../src/programme/import.ts";
import { DEMO_COORDINATOR as COORDINATOR, demoProgramme } from "./demo-programme.ts";

const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
const log = createLogger(process.env.LOG_LEVEL ?? "warn");
const interactive = process.stdin.isTTY === true;
const say = (s: string) => process.stdout.write(s);

if (interactive) say("⏳ Préparation de la démo (base de données embarquée)…\n");
const db = await openDatabase(config.database);
await deployMigrations({ kind: "pglite", pglite: db.pglite! });
await importProgramme(db.prisma, demoProgramme());
const i18n = await createI18n();
const deps: AppDeps = {
  prisma: db.prisma,
  i18n,
  reader: readerFrom(i18n),
  defaultLocale: config.defaultLocale,
  defaultTimezone: config.defaultTimezone,
  channels: { console: sendOnly(consoleAdapter(process.stdout, (id) => (id === COORDINATOR ? "Amina (coordination)" : undefined))) },
  dispatcher: inlineDispatcher(() => deps),
  log,
  now: () => new Date(),
};

// A new participant each run; the conversation is stored like any other. A line starting with "@" is
// typed by the demo programme's coordinator instead, to try the coordinator's side (e.g. "@candidatures").
const me = `demo-${Date.now().toString(36)}`;
if (interactive) {
  say("💬 Écrivez un message au bot (Ctrl+D pour quitter). Essayez « bonjour ».\n");
  say("   Commencez une ligne par @ pour écrire en tant que coordinatrice (par exemple « @candidatures »).\n> ");
}

const lines = createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  const text = line.trim();
  if (text) {
    const asCoordinator = text.startsWith("@");
    const who = asCoordinator ? COORDINATOR : me;
    const typed = asCoordinator ? text.slice(1).trim() : text;
    if (!interactive) say(`\n${asCoordinator ? "🧑‍💼" : "👤"} ${typed}\n`);
    const id = await recordInbound(db.prisma, parseConsoleLine(typed, who, new Date()));
    if (id) await handleInboundBatch(deps, [{ channel: "console", externalId: who }]);
  }
  if (interactive) say("\n> ");
}
await db.close();
if (interactive) say("\n👋 À bientôt !\n");
