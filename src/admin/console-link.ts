import { createSignInLink, LINK_TTL_MINUTES } from "../signin/links.ts";
import { UsageError, type AdminContext } from "./context.ts";

const USAGE = "usage: npm run admin -- console:link --channel telegram|whatsapp --id EXTERNAL_ID";

/**
 * `admin -- console:link --channel telegram --id 800000001`: prints a one-time sign-in link to the web
 * console for a coordinator or an admin (the first set-up, or someone without the bot at hand). Anyone
 * else, an unknown address or a console that is off (no PUBLIC_URL) ends with exit code 1 and the reason.
 */
export async function consoleLinkCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const channel = option(args, "--channel");
  const externalId = option(args, "--id");
  if (channel !== "telegram" && channel !== "whatsapp") throw new UsageError(USAGE);
  if (!externalId) throw new UsageError(USAGE);
  const console = ctx.config.console;
  if (!console) throw new Error("The web console is off: set PUBLIC_URL and CONSOLE_SECRET (at least 32 characters).");
  const { prisma } = await ctx.db();
  const identity = await prisma.identity.findUnique({ where: { channel_externalId: { channel, externalId } }, include: { person: { select: { id: true, role: true } } } });
  if (!identity) throw new Error(`Nobody writes from ${channel} ${externalId}.`);
  const made = await createSignInLink(prisma, identity.person.id, console.publicUrl, new Date());
  if ("refused" in made) throw new Error(`${channel} ${externalId} is a ${identity.person.role}: only coordinators and admins may use the console.`);
  await prisma.auditLog.create({ data: { actorId: identity.person.id, action: "console.link", details: { via: "admin" } } });
  ctx.out.write(`${made.url}\n`);
  ctx.err.write(`Single use, valid ${LINK_TTL_MINUTES} minutes, for this person only.\n`);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
