import { AppError } from "../core/errors.ts";
import { LINK_TTL_MINUTES, linkForAddress } from "../signin/links.ts";
import { operatorSignature } from "../signin/operator-request.ts";
import { UsageError, type AdminContext } from "./context.ts";

const USAGE = "usage: npm run admin -- console:link --channel telegram|whatsapp --id EXTERNAL_ID";

type Made = Awaited<ReturnType<typeof linkForAddress>>;

/**
 * `admin -- console:link --channel telegram --id 800000001`: prints a one-time sign-in link to the web
 * console for a coordinator or an admin (the first set-up, or someone without the bot at hand). Anyone
 * else, an unknown address or a console that is off (no PUBLIC_URL) ends with exit code 1 and the reason.
 * On the embedded database while the service runs (only one process may open it), the running service
 * makes the link: a request to it on this machine, signed with CONSOLE_SECRET.
 */
export async function consoleLinkCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const channel = option(args, "--channel");
  const externalId = option(args, "--id");
  if (channel !== "telegram" && channel !== "whatsapp") throw new UsageError(USAGE);
  if (!externalId) throw new UsageError(USAGE);
  const console = ctx.config.console;
  if (!console) throw new Error("The web console is off: set PUBLIC_URL and CONSOLE_SECRET (at least 32 characters).");
  let made: Made;
  try {
    const { prisma } = await ctx.db();
    made = await linkForAddress(prisma, { channel, externalId }, console.publicUrl, new Date());
  } catch (err) {
    if (!(err instanceof AppError && err.code === "database.embedded_in_use")) throw err;
    made = await askTheService(ctx, console.secret, channel, externalId);
  }
  if ("refused" in made) {
    throw new Error(made.refused === "unknown_address" ? `Nobody writes from ${channel} ${externalId}.` : `${channel} ${externalId} is a ${made.role}: only coordinators and admins may use the console.`);
  }
  ctx.out.write(`${made.url}\n`);
  ctx.err.write(`Single use, valid ${LINK_TTL_MINUTES} minutes, for this person only.\n`);
}

async function askTheService(ctx: AdminContext, secret: string, channel: string, externalId: string): Promise<Made> {
  const at = Date.now();
  const url = `http://127.0.0.1:${ctx.config.http.port}/console/operator/link`;
  const body = new URLSearchParams({ channel, id: externalId, at: String(at), sig: operatorSignature(secret, channel, externalId, at) });
  const res = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(10_000) }).catch((err: Error) => {
    throw new Error(`The embedded database is held by the service, which did not answer at ${url} (${err.message}).`);
  });
  if (res.status !== 200 && res.status !== 422) throw new Error(`The embedded database is held by the service, which refused to make the link (${res.status}): is it this configuration's service?`);
  return (await res.json()) as Made;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
