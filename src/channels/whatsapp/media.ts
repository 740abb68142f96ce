import { checkDeclaredSize, checkType, MEDIA_DOWNLOAD_TIMEOUT_MS, MediaError, readLimited, type MediaSource } from "../../core/media.ts";
import { GRAPH_API_VERSION, normalizeBaseUrl, type GraphTarget } from "./graph.ts";

/**
 * A person's media through the Cloud API: `GET /{version}/{media-id}?phone_number_id=…` answers
 * `{messaging_product, url, mime_type, sha256, file_size, id}` (file_size a number or a string);
 * the URL (valid 5 minutes) is downloaded with the same bearer token. The size and type Meta gives
 * are checked before the download, and the bytes received again after.
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media
 */
export function whatsappMedia(target: Omit<GraphTarget, "timeoutMs"> & { timeoutMs?: number }): MediaSource {
  const timeoutMs = target.timeoutMs ?? MEDIA_DOWNLOAD_TIMEOUT_MS;
  const auth = { authorization: `Bearer ${target.accessToken}` };
  return {
    async download(mediaId, limits) {
      const what = `whatsapp media ${mediaId}`;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const url = `${normalizeBaseUrl(target.baseUrl)}/${GRAPH_API_VERSION}/${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(target.phoneNumberId)}`;
        const res = await fetch(url, { headers: auth, signal });
        const info = (await res.json().catch(() => null)) as { url?: unknown; mime_type?: unknown; file_size?: unknown; error?: { code?: unknown; message?: unknown } } | null;
        if (!res.ok || typeof info?.url !== "string") {
          throw new MediaError("download_failed", `${what}: HTTP ${res.status} ${String(info?.error?.message ?? "no url")}`, { status: res.status, code: info?.error?.code });
        }
        const mimeType = typeof info.mime_type === "string" ? info.mime_type : "";
        checkType(mimeType, limits, what);
        checkDeclaredSize(info.file_size, limits, what);
        const file = await fetch(info.url, { headers: auth, signal });
        if (!file.ok) {
          await file.body?.cancel();
          throw new MediaError("download_failed", `${what}: download answered HTTP ${file.status}`, { status: file.status });
        }
        return { content: await readLimited(file, limits.maxBytes, what), mimeType };
      } catch (err) {
        if (err instanceof MediaError) throw err;
        const name = (err as { name?: string }).name;
        const timeout = name === "TimeoutError" || name === "AbortError";
        throw new MediaError("download_failed", `${what}: ${timeout ? `no answer within ${timeoutMs} ms` : String((err as Error).message)}`, { timeout });
      }
    },
  };
}
