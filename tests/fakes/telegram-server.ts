import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";

/**
 * A fake Telegram Bot API on 127.0.0.1 for tests: point grammY at it with `client.apiRoot = fake.apiRoot`.
 *
 * Serves `/bot<token>/<method>` for getMe, sendMessage, sendDocument (multipart), getFile (and
 * `/file/bot<token>/<file_path>`, the file's bytes), answerCallbackQuery,
 * setWebhook, deleteWebhook and getUpdates (queued updates, offset confirmation, a short long-poll),
 * records every call, and fails the next calls on demand with Telegram's real error bodies.
 *
 * Several processes can share one fake and still be told apart: give each an apiRoot of its own,
 * `fake.apiRootFor("a")` (`…/a/bot<token>/<method>`), and each call records that `caller`. As on
 * Telegram, a getUpdates from one caller while another caller's is still waiting ends the waiting one
 * with 409 Conflict; `conflicts()` counts them.
 */

export type FakeFile = { filename: string; content: Buffer };

export interface FakeCall {
  method: string;
  /** JSON body, or the multipart fields as strings (objects JSON-decoded, as Telegram does). */
  params: Record<string, unknown>;
  /** Uploaded files by the parameter that referenced them (`document` for sendDocument). */
  files: Record<string, FakeFile>;
  /** What the fake answered (`result`), or the failure it returned. */
  response?: unknown;
  /** The path segment before `/bot<token>` when the client was given `apiRootFor(caller)`. */
  caller?: string;
  /** When the call arrived (Date.now()). */
  at: number;
}

export interface FakeFailure {
  status: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Failures as Telegram words them. */
export const failures = {
  tooManyRequests: (s: number): FakeFailure => ({ status: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } }),
  blocked: (): FakeFailure => ({ status: 403, description: "Forbidden: bot was blocked by the user" }),
  deactivated: (): FakeFailure => ({ status: 403, description: "Forbidden: user is deactivated" }),
  chatNotFound: (): FakeFailure => ({ status: 400, description: "Bad Request: chat not found" }),
  badRequest: (what = "message text is empty"): FakeFailure => ({ status: 400, description: `Bad Request: ${what}` }),
  serverError: (): FakeFailure => ({ status: 500, description: "Internal Server Error" }),
};

/** What getMe answers; give it as `botInfo` to skip the call. */
export const FAKE_BOT_INFO = {
  id: 7000000001, is_bot: true, first_name: "Migracoop", username: "migracoop_test_bot",
  can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
} as UserFromGetMe;

export const FAKE_TOKEN = "123456:TEST-fake-token-abcdefghijklmnop";

export interface FakeTelegram {
  /** The apiRoot to give grammY (no trailing slash). */
  apiRoot: string;
  /** An apiRoot whose calls are recorded with `caller`: one per process sharing this fake. */
  apiRootFor(caller: string): string;
  /** getUpdates calls from one caller that ended another caller's waiting getUpdates (409 Conflict). */
  conflicts(): number;
  token: string;
  calls: FakeCall[];
  callsTo(method: string): FakeCall[];
  /** The next `times` calls to `method` ("*" for any) fail with this error. */
  /** The next `times` calls of `method` fail with `failure`, after `after` more that succeed. */
  failNext(method: string, failure: FakeFailure, times?: number, after?: number): void;
  /** Makes updates available to getUpdates (and wakes a waiting long poll). */
  queueUpdates(...updates: Update[]): void;
  /** Updates not yet confirmed by a getUpdates offset. */
  pendingUpdates(): Update[];
  /**
   * A person's file, as Telegram keeps it: `getFile` answers its `file_path` and `file_size`, and
   * `{apiRoot}/file/bot<token>/<file_path>` serves the bytes. Returns the file_id.
   */
  addFile(content: Buffer, opts?: { fileId?: string; path?: string }): string;
  /** Resolves once `method` has been called `count` times in all. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<FakeCall[]>;
  close(): Promise<void>;
}

export async function startFakeTelegram(opts: { token?: string; longPollMs?: number; botInfo?: UserFromGetMe } = {}): Promise<FakeTelegram> {
  const token = opts.token ?? FAKE_TOKEN;
  const longPollMs = opts.longPollMs ?? 100;
  const botInfo = opts.botInfo ?? FAKE_BOT_INFO;
  const calls: FakeCall[] = [];
  const planned: { method: string; failure: FakeFailure; left: number; skip: number }[] = [];
  let queue: Update[] = [];
  let wakeUp: (() => void)[] = [];
  let callWatchers: (() => void)[] = [];
  let nextMessageId = 1000;
  const files = new Map<string, { content: Buffer; path: string }>();
  /** getUpdates calls waiting for updates, with a way to end each with 409. */
  const waiting = new Map<object, { caller?: string; conflict(): void }>();
  let conflicts = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, 500, { ok: false, error_code: 500, description: String(err) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^(?:\/[A-Za-z0-9_-]+)?\/file\/bot([^/]+)\/(.+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (download) {
      const file = [...files.values()].find((f) => f.path === download[2]);
      if (download[1] !== token || !file) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.content.length }).end(file.content);
      return;
    }
    const match = /^(?:\/([A-Za-z0-9_-]+))?\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, caller, callToken, method] = match as unknown as [string, string | undefined, string, string];
    if (callToken !== token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const call: FakeCall = { ...(await readCall(req, method)), at: Date.now(), ...(caller ? { caller } : {}) };
    calls.push(call);
    for (const notify of callWatchers) notify();

    const respond = (status: number, body: { ok: boolean; result?: unknown; [field: string]: unknown }) => {
      call.response = body.ok ? body.result : body;
      reply(res, status, body);
    };
    const ok = (result: unknown) => respond(200, { ok: true, result });
    const plan = planned.find((p) => p.left > 0 && (p.method === method || p.method === "*"));
    if (plan && plan.skip > 0) plan.skip--;
    else if (plan) {
      plan.left--;
      const { status, description, parameters } = plan.failure;
      return respond(status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });
    }
    const chat = { id: Number(call.params.chat_id), type: "private", first_name: "Test" };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case "getMe":
        return ok(botInfo);
      case "sendMessage":
        return ok({ message_id: nextMessageId++, date, chat, from: botInfo, text: call.params.text });
      case "sendDocument": {
        const file = call.files.document;
        const document = { file_id: `doc-${nextMessageId}`, file_unique_id: `u${nextMessageId}`, file_name: file?.filename, file_size: file?.content.length };
        return ok({ message_id: nextMessageId++, date, chat, from: botInfo, document, caption: call.params.caption });
      }
      case "getFile": {
        const fileId = String(call.params.file_id);
        const file = files.get(fileId);
        if (!file) return respond(400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        return ok({ file_id: fileId, file_unique_id: `u-${fileId.slice(-8)}`, file_size: file.content.length, file_path: file.path });
      }
      case "answerCallbackQuery":
      case "setWebhook":
      case "deleteWebhook":
        return ok(true);
      case "getUpdates": {
        const updates = await getUpdates(call, res);
        if (updates === "conflict") {
          return respond(409, { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
        }
        return ok(updates);
      }
      default:
        return respond(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
  }

  async function getUpdates(call: FakeCall, res: ServerResponse): Promise<Update[] | "conflict"> {
    const { params } = call;
    // Another caller still waiting: Telegram ends its request (one getUpdates at a time per bot).
    for (const other of [...waiting.values()]) if (other.caller !== call.caller) other.conflict();
    const offset = typeof params.offset === "number" ? params.offset : undefined;
    // An offset confirms every update below it: Telegram forgets them.
    if (offset !== undefined) queue = queue.filter((u) => u.update_id >= offset);
    const limit = typeof params.limit === "number" ? params.limit : 100;
    const timeoutMs = Math.min((typeof params.timeout === "number" ? params.timeout : 0) * 1000, longPollMs);
    if (queue.length === 0 && timeoutMs > 0) {
      let conflicted = false;
      const key = {};
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        // The client gave up (aborted poll): stop waiting.
        res.once("close", done);
        wakeUp.push(done);
        waiting.set(key, {
          caller: call.caller,
          conflict() {
            conflicted = true;
            conflicts++;
            done();
          },
        });
        function done() {
          clearTimeout(timer);
          res.removeListener("close", done);
          wakeUp = wakeUp.filter((w) => w !== done);
          waiting.delete(key);
          resolve();
        }
      });
      if (conflicted) return "conflict";
    }
    return queue.slice(0, limit);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    apiRootFor: (caller) => `http://127.0.0.1:${port}/${caller}`,
    conflicts: () => conflicts,
    token,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, failure, times = 1, after = 0) {
      planned.push({ method, failure, left: times, skip: after });
    },
    queueUpdates(...updates) {
      queue.push(...updates);
      for (const wake of [...wakeUp]) wake();
    },
    pendingUpdates: () => [...queue],
    addFile(content, opts = {}) {
      const fileId = opts.fileId ?? `AwACAgQAAxkBAAI${files.size + 1}${Date.now().toString(36)}`;
      files.set(fileId, { content, path: opts.path ?? `voice/file_${files.size + 1}.oga` });
      return fileId;
    },
    waitForCalls(method, count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const seen = calls.filter((c) => c.method === method);
          if (seen.length < count) return false;
          clearTimeout(timer);
          callWatchers = callWatchers.filter((w) => w !== watcher);
          resolve(seen);
          return true;
        };
        const watcher = () => void check();
        const timer = setTimeout(() => {
          callWatchers = callWatchers.filter((w) => w !== watcher);
          reject(new Error(`fake Telegram: ${method} called ${calls.filter((c) => c.method === method).length} times, expected ${count}`));
        }, timeoutMs);
        if (!check()) callWatchers.push(watcher);
      });
    },
    close() {
      for (const wake of [...wakeUp]) wake();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

async function readCall(req: IncomingMessage, method: string): Promise<Pick<FakeCall, "method" | "params" | "files">> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) return { method, ...parseMultipart(body, type) };
  const params = body.length > 0 && type.includes("json") ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
  return { method, params, files: {} };
}

/**
 * A small multipart reader: grammY writes the filename unquoted (`filename=report.csv`), which
 * stricter parsers refuse. Fields holding JSON (reply_markup) are decoded; `attach://id` values are
 * replaced by the file they point to, keyed by the field name.
 */
function parseMultipart(body: Buffer, contentType: string): Pick<FakeCall, "params" | "files"> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1]?.replace(/^"|"$/g, "");
  if (!boundary) throw new Error("multipart without boundary");
  const params: Record<string, unknown> = {};
  const byId: Record<string, FakeFile> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    const end = body.indexOf(delimiter, partStart);
    if (end === -1) break;
    const part = body.subarray(partStart, end);
    start = end;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers = part.subarray(0, headerEnd).toString("utf8");
    let content = part.subarray(headerEnd + 4);
    if (content.subarray(-2).toString() === "\r\n") content = content.subarray(0, -2);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (!name) continue;
    const filename = /filename="?([^"\r\n;]+)"?/.exec(headers)?.[1];
    if (filename !== undefined) {
      byId[name] = { filename, content: Buffer.from(content) };
    } else {
      const text = content.toString("utf8");
      params[name] = /^[[{]/.test(text) ? JSON.parse(text) : text;
    }
  }
  const files: Record<string, FakeFile> = {};
  for (const [key, value] of Object.entries(params)) {
    const id = typeof value === "string" && value.startsWith("attach://") ? value.slice("attach://".length) : undefined;
    if (id && byId[id]) files[key] = byId[id];
  }
  return { params, files };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
