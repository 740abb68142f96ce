import type { EngineContext } from "./types.ts";

/** Thrown by a flow that needs the coordinators' lists when the app did not load them: it loads them and runs the step again. */
export class WorkloadNeeded extends Error {
  constructor() {
    super("the coordinators' lists are needed for this turn");
  }
}

type Workload = Required<Pick<EngineContext, "openThreads" | "roadmapMembers" | "pendingApplications" | "cohorts" | "ownCohorts">>;

/**
 * The coordinators' lists: open threads, members whose roadmaps they write, applications waiting,
 * cohorts, and their own cohorts. Most of a coordinator's messages need none of them, so the app loads them only when a flow
 * reads them (`workloadLoaded: false` until then). The step is pure: running it again with the lists
 * gives the answer it would have given with them from the start.
 */
export function workload(context: EngineContext): Workload {
  if (context.workloadLoaded === false) throw new WorkloadNeeded();
  return {
    openThreads: context.openThreads ?? [],
    roadmapMembers: context.roadmapMembers ?? [],
    pendingApplications: context.pendingApplications ?? [],
    cohorts: context.cohorts ?? [],
    ownCohorts: context.ownCohorts ?? [],
  };
}
