import type { AfterCommitRunner } from "../fires/run-one.ts";
import type { AppDeps } from "../deps.ts";

/** After a commit: messages to the queues, new fires to the timer (when this process has one; else the reconciler arms them). */
export function afterCommit(deps: Pick<AppDeps, "dispatcher" | "fires">): AfterCommitRunner {
  const timer = deps.fires;
  return {
    outbound: (channel, ids) => deps.dispatcher.outbound(channel, ids),
    arm: timer ? (fires) => timer.scheduleMany(fires) : undefined,
  };
}
