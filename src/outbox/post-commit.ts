import type { OutboundBatch } from "../core/outbound-batch.ts";
import { applyFireChanges, type FireChanges } from "../fires/changes.ts";
import type { AppDeps } from "../deps.ts";

/**
 * What a turn or a fire leaves for after its commit, gathered in one place (as mailroom's post-commit hooks):
 * messages to other people to hand to the queues, fires to arm or disarm, broadcasts to fan out. The
 * effects add to it inside the transaction; the caller runs it once the transaction has committed, so
 * nothing leaves for a change that was rolled back.
 */
export class PostCommit {
  readonly batches: OutboundBatch[] = [];
  readonly fireChanges: FireChanges[] = [];
  readonly broadcasts: string[] = [];

  send(batches: readonly OutboundBatch[]): void {
    this.batches.push(...batches);
  }

  arm(changes: FireChanges): void {
    this.fireChanges.push(changes);
  }

  startBroadcast(broadcastId: string): void {
    this.broadcasts.push(broadcastId);
  }

  /** Runs the work gathered: broadcasts first (the coordinator's confirmation is among the batches), then timers, then messages. */
  async run(deps: Pick<AppDeps, "dispatcher" | "fires">): Promise<void> {
    for (const id of this.broadcasts) await deps.dispatcher.broadcast(id);
    if (deps.fires) for (const changes of this.fireChanges) await applyFireChanges(deps.fires, changes);
    for (const b of this.batches) if (b.ids.length) await deps.dispatcher.outbound(b.channel, b.ids);
  }
}
