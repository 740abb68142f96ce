// Where the running service listens for operator commands (src/admin/operator-socket.ts), computed the
// same way by the service and by `npm run admin` (scripts/admin-launch.mjs, which must decide before
// loading anything heavy): OPERATOR_SOCKET when set; with the embedded database, operator.sock in its
// DATA_DIR; with PostgreSQL, a name in the system's temporary folder drawn from the database and the
// queue prefix, so two services on one machine never share one.
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

/**
 * @param {Record<string, string | undefined>} env the process's environment
 * @returns {string} the socket's path
 */
export function operatorSocketPath(env) {
  if (env.OPERATOR_SOCKET?.trim()) return path.resolve(env.OPERATOR_SOCKET.trim());
  const url = env.DATABASE_URL?.trim();
  if (!url) return path.resolve(env.DATA_DIR?.trim() || "./data", "operator.sock");
  const id = createHash("sha256").update(`${url}\n${env.QUEUE_PREFIX?.trim() || "migracoop"}`).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `migracoop-operator-${id}.sock`);
}
