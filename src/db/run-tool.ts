import { spawn } from "node:child_process";
import { AppError } from "../core/errors.ts";

/**
 * Runs a command-line tool (pg_dump, pg_restore, tar) to its end. Its standard error is kept: on
 * failure it is the only explanation there is, so the thrown AppError carries its last lines.
 * @example await runTool("tar", ["-czf", "backup.tar.gz", "-C", "data", "pglite"], "backup.archive_failed")
 */
export async function runTool(command: string, args: string[], failureCode: string, env: Record<string, string> = {}): Promise<void> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") {
      throw new AppError("backup.tool_missing", `${command} was not found: install it (PostgreSQL's client tools for pg_dump and pg_restore, of the server's major version or newer)`, { command });
    }
    throw err;
  });
  if (code !== 0) {
    const why = stderr.trim().split("\n").slice(-5).join(" | ");
    throw new AppError(failureCode, `${command} failed (exit code ${code})${why ? `: ${why}` : ""}`, { command, exitCode: code });
  }
}
