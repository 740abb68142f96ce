/**
 * `npm run admin -- <command> [args]`: operator commands on the configured database.
 * Run without a command for the list.
 */
import type { Database } from "../src/db/database.ts";
import { openAdminDatabase, UsageError, type AdminContext } from "../src/admin/context.ts";
import { loadConfigOrExit } from "../src/config/config.ts";

type Command = (ctx: AdminContext, args: string[]) => Promise<void>;

/**
 * Each command's module is loaded only when that command runs: loading them all took more than a
 * second per run (the impact report's charts, the understanding model, the channels' clients).
 */
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string; database?: false }> = {
  import: { load: async () => (await import("../src/admin/import.ts")).importCommand, help: "import FILE.json            create or update a programme (cohorts, sessions, members, coordinators)" },
  "roadmap:import": { load: async () => (await import("../src/admin/roadmap-import.ts")).roadmapImportCommand, help: "roadmap:import FILE.json     the coordinators' roadmaps, one per entrepreneur" },
  "cohort:end": { load: async () => (await import("../src/admin/cohort-end.ts")).cohortEndCommand, help: "cohort:end KEY              end a cohort now: roadmaps go out, check-ins are planned" },
  "retention:run": { load: async () => (await import("../src/admin/retention.ts")).retentionCommand, help: "retention:run [--dry-run]   erase now the people past RETENTION_MONTHS (the service does it daily)" },
  report: { load: async () => (await import("../src/admin/report.ts")).reportCommand, help: "report impact [--cohort KEY] [--out DIR] [--names]   the funders' impact report, CSV + HTML with charts (anonymous unless --names)" },
  audit: { load: async () => (await import("../src/admin/audit.ts")).auditCommand, help: "audit [--since DATE]        coordinator actions and refused attempts" },
  broadcasts: { load: async () => (await import("../src/admin/broadcast-report.ts")).broadcastsCommand, help: "broadcasts                  the latest broadcasts, with their ids" },
  "broadcast:report": { load: async () => (await import("../src/admin/broadcast-report.ts")).broadcastReportCommand, help: "broadcast:report ID         sent, delivered, read, failed (with reasons) for one broadcast" },
  export: { load: async () => (await import("../src/admin/export.ts")).exportCommand, help: "export sales|attendance --cohort KEY [--from DATE] [--to DATE]   sales and expenses (for the CAE) or attendance, as CSV" },
  "console:link": { load: async () => (await import("../src/admin/console-link.ts")).consoleLinkCommand, help: "console:link --channel telegram|whatsapp --id EXTERNAL_ID   a one-time sign-in link to the web console (coordinators and admins)" },
  failures: { load: async () => (await import("../src/admin/failures.ts")).failuresCommand, help: "failures [--since DATE]     messages that could not be delivered, with the reason" },
  backup: { load: async () => (await import("../src/admin/backup.ts")).backupCommand, help: "backup FILE [--force]        a copy of the whole database (pg_dump, or the embedded database's folder as .tar.gz)", database: false },
  restore: { load: async () => (await import("../src/admin/backup.ts")).restoreCommand, help: "restore FILE [--force]      puts a backup back; refuses a database holding data unless --force", database: false },
  "whatsapp:templates": { load: async () => (await import("../src/admin/whatsapp-templates.ts")).whatsappTemplatesCommand, help: "whatsapp:templates [--submit] the WhatsApp templates as Meta's API takes them; --submit sends them", database: false },
  "telegram:set-webhook": { load: async () => (await import("../src/admin/telegram.ts")).telegramSetWebhookCommand, help: "telegram:set-webhook URL    registers the Telegram webhook with TELEGRAM_WEBHOOK_SECRET", database: false },
};

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  process.stderr.write(`${name ? `unknown command "${name}"\n` : ""}usage: npm run admin -- <command>\n${Object.values(COMMANDS).map((c) => `  ${c.help}`).join("\n")}\n`);
  process.exit(2);
}

let exitCode = 0;
const config = loadConfigOrExit();
let db: Promise<Database> | undefined;
// The database opens while the command's code loads: the embedded one takes about 0.35 s to start,
// PostgreSQL a connection; both wait mostly on other threads or the network. Its error is reported
// when the command first asks for it.
if (command.database !== false) (db = openAdminDatabase(config)).catch(() => undefined);
try {
  const run = await command.load();
  await run({ config, db: () => (db ??= openAdminDatabase(config)), out: process.stdout, err: process.stderr }, args);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  exitCode = err instanceof UsageError ? 2 : 1;
} finally {
  // A database that failed to open has nothing to close (and its error was printed above).
  if (db) await db.then((d) => d.close(), () => undefined);
}
process.exit(exitCode);
