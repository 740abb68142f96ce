import type { Prisma } from "./generated/client.ts";

/** A transaction of the Prisma client: what code that runs inside one takes (the whole client fits too). */
export type Tx = Prisma.TransactionClient;
