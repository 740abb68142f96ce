import { PostCommit } from "../outbox/post-commit.ts";
import type { AppDeps } from "../deps.ts";
import { eachInTurn, runOneFire } from "../fires/run-one.ts";
import type { FireHandler } from "../fires/types.ts";
import { endCohort } from "./end-cohort.ts";
import { sendCheckIn } from "./check-in.ts";
import { ALUMNI_KINDS, CHECK_IN, CHECK_IN_NUDGE, COHORT_END } from "./kinds.ts";

/** The programme's end and the months after it: each fire in its own transaction (src/fires/run-one.ts). */
export function alumniFires(deps: AppDeps): FireHandler {
  return {
    kinds: ALUMNI_KINDS,
    run: (ids) =>
      eachInTurn(ids, (id) =>
        runOneFire(
          deps,
          id,
          ALUMNI_KINDS,
          async (tx, fire) => {
            const after = new PostCommit();
            const payload = fire.payload as { checkInId?: string };
            if (fire.kind === COHORT_END && fire.cohortId) await endCohort(deps, tx, fire.cohortId, after);
            else if (fire.kind === CHECK_IN && payload.checkInId) await sendCheckIn(deps, tx, payload.checkInId, false, after);
            else if (fire.kind === CHECK_IN_NUDGE && payload.checkInId) await sendCheckIn(deps, tx, payload.checkInId, true, after);
            return after;
          },
          (after) => after.run(deps),
        ),
      ),
  };
}
