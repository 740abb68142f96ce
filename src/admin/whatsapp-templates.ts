import { GRAPH_API_VERSION, normalizeBaseUrl } from "../channels/whatsapp/graph.ts";
import { whatsappTemplates } from "../channels/whatsapp/templates.ts";
import { createI18n } from "../i18n/i18n.ts";
import type { AdminContext } from "./context.ts";

/**
 * `admin -- whatsapp:templates [--submit]`: prints every template in the form Meta's template API takes
 * (one JSON object per line); with `--submit` and WHATSAPP_BUSINESS_ACCOUNT_ID set, submits each one
 * and prints Meta's answer (a template already submitted is reported, not an error).
 */
export async function whatsappTemplatesCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const templates = whatsappTemplates(await createI18n());
  if (!args.includes("--submit")) {
    for (const t of templates) ctx.out.write(`${JSON.stringify(t)}\n`);
    return;
  }
  const wa = ctx.config.whatsapp;
  if (!wa?.businessAccountId) throw new Error("--submit needs WhatsApp enabled and WHATSAPP_BUSINESS_ACCOUNT_ID set");
  const url = `${normalizeBaseUrl(wa.baseUrl)}/${GRAPH_API_VERSION}/${wa.businessAccountId}/message_templates`;
  let failed = 0;
  for (const t of templates) {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${wa.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify(t),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = await res.text();
    if (!res.ok) failed++;
    ctx.out.write(`${t.name} ${t.language}: ${res.ok ? "submitted" : `HTTP ${res.status}`} ${answer.slice(0, 300)}\n`);
  }
  if (failed) throw new Error(`${failed} of ${templates.length} templates were not accepted`);
}
