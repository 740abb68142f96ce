/**
 * Operator tool: parse chat messages, one per line on standard input, and
 * print one JSON object per line with exactly these keys, in this order:
 * `{"kind","amountCents","currency","quantity","item"}`. `amountCents` is the
 * transaction total. An empty line prints the all-null object, so output line N
 * always answers input line N.
 *
 *   printf 'vendu 3 plats à 12€\nsold 2 bags for £30\n' | npm run -s parse-sale
 *   {"kind":"sale","amountCents":3600,"currency":"EUR","quantity":3,"item":"plats"}
 *   {"kind":"sale","amountCents":3000,"currency":"GBP","quantity":2,"item":"bags"}
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseTransaction } from "../src/understanding/sales/index.ts";

/** The script's output line for one message. */
function formatLine(message: string): string {
  const t = parseTransaction(message);
  return JSON.stringify({ kind: t.kind, amountCents: t.amountCents, currency: t.currency, quantity: t.quantity, item: t.item });
}

async function main(): Promise<void> {
  // A closed reader (e.g. `| head`) is not an error for a filter.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    if (!process.stdout.write(`${formatLine(line)}\n`)) await once(process.stdout, "drain");
  }
}

await main();
