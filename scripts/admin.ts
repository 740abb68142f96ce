/**
 * `npm run admin -- <command> [args]`: operator commands on the configured database.
 * Run without a command for the list.
 */
import type { Database } from "../src/db/database.ts";
import { openAdminDatabase, UsageError } from "../src/admin/context.ts";
import { COMMANDS } from "../src/admin/commands.ts";
import { loadConfigOrExit } from "../src/config/config.ts";

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
  await run({ config, db: () => (db ??= openAdminDatabase(config)), out: process.stdout, err: process.stderr, cwd: process.env.INIT_CWD ?? process.cwd() }, args);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  exitCode = err instanceof UsageError ? 2 : 1;
} finally {
  // A database that failed to open has nothing to close (and its error was printed above).
  if (db) await db.then((d) => d.close(), () => undefined);
}
process.exit(exitCode);
