import { HttpError } from "../protocol/errors";
import type { FetchLike } from "./adapter";

/**
 * `fetch`, or the global one, looked up at call time (tests and polyfills may replace it later).
 *
 * @example
 * const response = await resolveFetch(options.fetch)(url, { method: "POST" });
 */
export function resolveFetch(fetch: FetchLike | undefined): FetchLike {
  return fetch ?? ((input, init) => globalThis.fetch(input, init));
}

/** Joins an API base URL (keeping any path prefix) with a path. */
export function joinUrl(apiUrl: string, path: string): string {
  return apiUrl.replace(/\/+$/, "") + path;
}

/** The WebSocket URL for an HTTP URL: same host and path, `ws(s)` scheme, no query or fragment. */
export function toWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  url.hash = "";
  return url.toString();
}

/** Headers for a request to `url`: configured headers go only to the configured origin. */
export function headersFor(
  url: string,
  apiUrl: string,
  configured: Record<string, string>,
  extra: Record<string, string>,
): Record<string, string> {
  const sameOrigin = new URL(url).origin === new URL(apiUrl).origin;
  return sameOrigin ? { ...configured, ...extra } : { ...extra };
}

/** Builds an `HttpError` from a failed response, preferring the server's own message. */
export async function httpErrorFrom(response: Response, url: string): Promise<HttpError> {
  let message = response.statusText;
  try {
    const text = await response.text();
    message = text;
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; detail?: unknown };
    const candidate = body.message ?? body.detail ?? body.error;
    if (typeof candidate === "string") message = candidate;
  } catch {
    // Not JSON (or no body): the raw text or status text is the best message we have.
  }
  return new HttpError(response.status, message, url);
}
