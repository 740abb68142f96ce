import type { AdminContext } from "./context.ts";

/** An operator command: its context (configuration, database, output) and its arguments. */
export type Command = (ctx: AdminContext, args: string[]) => Promise<void>;

/** An operator command as listed: how to load it, its line of help, and whether it needs the database. */
export interface CommandEntry {
  load: () => Promise<Command>;
  help: string;
  /** false: works without the database (and runs in the operator's own process, never in the service's). */
  database?: false;
}

/**
 * Each command's module is loaded only when that command runs: loading them all took more than a
 * second per run (the impact report's charts, the understanding model, the channels' clients).
 */
export const COMMANDS: Record<string, CommandEntry> = {
  import: { load: async () => (await import("./import.ts")).importCommand, help: "import FILE.json            create or update a programme (cohorts, sessions, members, coordinators)" },
  "roadmap:import": { load: async () => (await import("./roadmap-import.ts")).roadmapImportCommand, help: "roadmap:import FILE.json     the coordinators' roadmaps, one per entrepreneur" },
  "cohort:end": { load: async () => (await import("./cohort-end.ts")).cohortEndCommand, help: "cohort:end KEY              end a cohort now: roadmaps go out, check-ins are planned" },
  "retention:run": { load: async () => (await import("./retention.ts")).retentionCommand, help: "retention:run [--dry-run]   erase now the people past RETENTION_MONTHS (the service does it daily)" },
  report: { load: async () => (await import("./report.ts")).reportCommand, help: "report impact [--cohort KEY] [--out DIR] [--names]   the funders' impact report, CSV + HTML with charts (anonymous unless --names)" },
  audit: { load: async () => (await import("./audit.ts")).auditCommand, help: "audit [--since DATE]        coordinator actions and refused attempts" },
  broadcasts: { load: async () => (await import("./broadcast-report.ts")).broadcastsCommand, help: "broadcasts                  the latest broadcasts, with their ids" },
  "broadcast:report": { load: async () => (await import("./broadcast-report.ts")).broadcastReportCommand, help: "broadcast:report ID         sent, delivered, read, failed (with reasons) for one broadcast" },
  export: { load: async () => (await import("./export.ts")).exportCommand, help: "export sales|attendance --cohort KEY [--from DATE] [--to DATE]   sales and expenses (for the CAE) or attendance, as CSV" },
  "console:link": { load: async () => (await import("./console-link.ts")).consoleLinkCommand, help: "console:link --channel telegram|whatsapp --id EXTERNAL_ID   a one-time sign-in link to the web console (coordinators and admins)" },
  failures: { load: async () => (await import("./failures.ts")).failuresCommand, help: "failures [--since DATE]     messages that could not be delivered, with the reason" },
  backup: { load: async () => (await import("./backup.ts")).backupCommand, help: "backup FILE [--force]        a copy of the whole database (pg_dump, or the embedded database's folder as .tar.gz)", database: false },
  restore: { load: async () => (await import("./backup.ts")).restoreCommand, help: "restore FILE [--force]      puts a backup back; refuses a database holding data unless --force", database: false },
  "whatsapp:templates": { load: async () => (await import("./whatsapp-templates.ts")).whatsappTemplatesCommand, help: "whatsapp:templates [--submit] the WhatsApp templates as Meta's API takes them; --submit sends them", database: false },
  "telegram:set-webhook": { load: async () => (await import("./telegram.ts")).telegramSetWebhookCommand, help: "telegram:set-webhook URL    registers the Telegram webhook with TELEGRAM_WEBHOOK_SECRET", database: false },
};
