import { WhatsAppCloudAPIVersion } from "@whatsapp-cloudapi/client";
import { WhatsAppHttpError, WhatsAppTimeoutError } from "./errors.ts";

/**
 * The few Graph API calls the client library does not make: uploading any kind of media (its
 * `uploadMedia` accepts only JPEG and PNG images up to 5 MB) and sending a document by media id
 * (it has no document helper). Same base URL and API version as the library, so a fake server
 * and Meta see one consistent client.
 */
export interface GraphTarget {
  baseUrl: string;
  accessToken: string;
  phoneNumberId: string;
  timeoutMs: number;
}

/** The API version every request uses: the client library's, which it does not let us change. */
export const GRAPH_API_VERSION = WhatsAppCloudAPIVersion;

/** "https://graph.facebook.com/" → "https://graph.facebook.com", so paths never get a double slash. */
export function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/u, "");
}

/**
 * Uploads a file to `POST /{version}/{phone-number-id}/media` (multipart) and returns its media id.
 * @example await uploadMedia(target, { filename: "ventes.csv", mimeType: "text/csv", content })
 */
export async function uploadMedia(target: GraphTarget, file: { filename: string; mimeType: string; content: Buffer }): Promise<string> {
  const form = new FormData();
  form.append("messaging_product", "whatsapp");
  form.append("type", file.mimeType);
  form.append("file", new Blob([file.content], { type: file.mimeType }), file.filename);
  const body = await graphRequest(target, `${target.phoneNumberId}/media`, { method: "POST", body: form });
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || id === "") throw new WhatsAppHttpError(200, body);
  return id;
}

/** Sends an uploaded document; returns Graph's answer (the same shape as a client library send). */
export async function sendDocumentMessage(
  target: GraphTarget,
  to: string,
  doc: { mediaId: string; filename: string; caption?: string },
): Promise<unknown> {
  const message = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to,
    type: "document",
    document: { id: doc.mediaId, filename: doc.filename, ...(doc.caption ? { caption: doc.caption } : {}) },
  };
  return graphRequest(target, `${target.phoneNumberId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
  });
}

/** One authenticated request with a timeout; a non-2xx answer becomes a `WhatsAppHttpError` with status and body. */
async function graphRequest(target: GraphTarget, path: string, init: RequestInit): Promise<unknown> {
  const url = `${normalizeBaseUrl(target.baseUrl)}/${GRAPH_API_VERSION}/${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${target.accessToken}` },
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (err) {
    if ((err as { name?: string }).name === "TimeoutError") throw new WhatsAppTimeoutError(target.timeoutMs);
    throw err;
  }
  const text = await res.text();
  const body = parseJson(text);
  if (!res.ok) throw new WhatsAppHttpError(res.status, body, retryAfter(res.headers.get("retry-after")));
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Retry-After in seconds (the only form Graph uses), in milliseconds. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Rejects with `WhatsAppTimeoutError` when `promise` is not settled within `ms`. The client library
 * takes no AbortSignal, so the request itself goes on; its late outcome is ignored.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined); // a late failure must not become an unhandled rejection
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WhatsAppTimeoutError(ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
