import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Runs `npx tsx scripts/parse-sale.ts` with `input` on standard input. */
function runScript(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/parse-sale.ts"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const NULL_LINE = '{"kind":null,"amountCents":null,"currency":null,"quantity":null,"item":null}';

describe("scripts/parse-sale.ts", () => {
  it("prints one JSON object per input line, keys in order", async () => {
    const input = [
      "vendu 3 plats à 12€",
      "بعت ٣ وجبات ب ٤٥ يورو",
      "",
      "sold 2 bags for £30",
      "acheté farine 12,50€",
      "j'ai 3 enfants",
      "taxi 15€",
      "vendí cinco empanadas a 2,50 €",
    ].join("\n");
    const { code, stdout, stderr } = await runScript(`${input}\n`);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      '{"kind":"sale","amountCents":3600,"currency":"EUR","quantity":3,"item":"plats"}',
      '{"kind":"sale","amountCents":4500,"currency":"EUR","quantity":3,"item":"وجبات"}',
      NULL_LINE,
      '{"kind":"sale","amountCents":3000,"currency":"GBP","quantity":2,"item":"bags"}',
      '{"kind":"expense","amountCents":1250,"currency":"EUR","quantity":null,"item":"farine"}',
      NULL_LINE,
      '{"kind":null,"amountCents":1500,"currency":"EUR","quantity":null,"item":"taxi"}',
      '{"kind":"sale","amountCents":1250,"currency":"EUR","quantity":5,"item":"empanadas"}',
      "",
    ]);
    for (const line of stdout.trim().split("\n")) {
      expect(Object.keys(JSON.parse(line) as object)).toEqual(["kind", "amountCents", "currency", "quantity", "item"]);
    }
  }, 60_000);

  it("handles CRLF, a last line without newline, and empty lines", async () => {
    const { code, stdout } = await runScript("\r\nvendu 2 robes 30€\r\n\r\n3 plats à 12€");
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      NULL_LINE,
      '{"kind":"sale","amountCents":3000,"currency":"EUR","quantity":2,"item":"robes"}',
      NULL_LINE,
      '{"kind":"sale","amountCents":3600,"currency":"EUR","quantity":3,"item":"plats"}',
      "",
    ]);
  }, 60_000);

  it("prints nothing for empty input and exits cleanly", async () => {
    const { code, stdout } = await runScript("");
    expect(code).toBe(0);
    expect(stdout).toBe("");
  }, 60_000);
});
