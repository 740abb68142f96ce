/**
 * `npm run admin -- <command> [args]`: operator commands on the configured database.
 * Run without a command for the list.
 */
import { broadcastReportCommand, broadcastsCommand } from "../src/admin/broadcast-report.ts";
import { auditCommand } from "../src/admin/audit.ts";
import { cohortEndCommand } from "../src/admin/cohort-end.ts";
import { retentionCommand } from "../src/admin/retention.ts";
import { roadmapImportCommand } from "../src/admin/roadmap-import.ts";
import { reportCommand } from "../src/admin/report.ts";
import { exportCommand } from "../src/admin/export.ts";
import { failuresCommand } from "../src/admin/failures.ts";
import { importCommand } from "../src/admin/import.ts";
import { telegramSetWebhookCommand } from "../src/admin/telegram.ts";
import { whatsappTemplatesCommand } from "../src/admin/whatsapp-templates.ts";
import type { Database } from "../src/db/database.ts";
import { openAdminDatabase, UsageError, type AdminContext } from "../src/admin/context.ts";
import { loadConfigOrExit } from "../src/config/config.ts";

type Command = (ctx: AdminContext, args: string[]) => Promise<void>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  import: { run: importCommand, help: "import FILE.json            create or update a programme (cohorts, sessions, members, coordinators)" },
  "roadmap:import": { run: roadmapImportCommand, help: "roadmap:import FILE.json     the coordinators' roadmaps, one per entrepreneur" },
  "cohort:end": { run: cohortEndCommand, help: "cohort:end KEY              end a cohort now: roadmaps go out, check-ins are planned" },
  "retention:run": { run: retentionCommand, help: "retention:run [--dry-run]   erase now the people past RETENTION_MONTHS (the service does it daily)" },
  report: { run: reportCommand, help: "report impact [--cohort KEY] [--out DIR] [--names]   the funders' impact report, CSV + HTML with charts (anonymous unless --names)" },
  audit: { run: auditCommand, help: "audit [--since DATE]        coordinator actions and refused attempts" },
  broadcasts: { run: broadcastsCommand, help: "broadcasts                  the latest broadcasts, with their ids" },
  "broadcast:report": { run: broadcastReportCommand, help: "broadcast:report ID         sent, delivered, read, failed (with reasons) for one broadcast" },
  export: { run: exportCommand, help: "export sales|attendance --cohort KEY [--from DATE] [--to DATE]   sales and expenses (for the CAE) or attendance, as CSV" },
  failures: { run: failuresCommand, help: "failures [--since DATE]     messages that could not be delivered, with the reason" },
  "whatsapp:templates": { run: whatsappTemplatesCommand, help: "whatsapp:templates [--submit] the WhatsApp templates as Meta's API takes them; --submit sends them" },
  "telegram:set-webhook": { run: telegramSetWebhookCommand, help: "telegram:set-webhook URL    registers the Telegram webhook with TELEGRAM_WEBHOOK_SECRET" },
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
try {
  await command.run({ config, db: () => (db ??= openAdminDatabase(config)), out: process.stdout, err: process.stderr }, args);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  exitCode = err instanceof UsageError ? 2 : 1;
} finally {
  if (db) await (await db).close();
}
process.exit(exitCode);
