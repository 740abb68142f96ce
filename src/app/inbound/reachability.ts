import type { ChannelName } from "../../core/inbound.ts";
import type { AppDeps } from "../../deps.ts";

/**
 * A person blocked the bot on their platform (unreachable: nothing is sent there, reminders skip that
 * address) or unblocked it. Unblocking clears only what the same reason set.
 */
export async function setReachable(deps: Pick<AppDeps, "prisma" | "now">, channel: ChannelName, externalId: string, reachable: boolean, reason: string): Promise<void> {
  if (reachable) {
    await deps.prisma.identity.updateMany({ where: { channel, externalId, unreachableReason: reason }, data: { unreachableAt: null, unreachableReason: null } });
  } else {
    await deps.prisma.identity.updateMany({ where: { channel, externalId }, data: { unreachableAt: deps.now(), unreachableReason: reason } });
  }
}
