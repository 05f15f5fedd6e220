import type { CustomEventData } from "../../protocol/types";
import { IterableResult } from "./deferred-iterable";
import { openRunReader, type ProjectionHost } from "./run-reader";

/** Payloads of `custom:<name>` events for the current run; awaitable for the last one. */
export type ExtensionReader<TPayload = unknown> = IterableResult<TPayload, TPayload | undefined>;

/** Opens a reader of `custom:<name>` payloads from any namespace. */
export function openExtensionReader<TPayload = unknown>(host: ProjectionHost, name: string): ExtensionReader<TPayload> {
  const reader = new IterableResult<TPayload, TPayload | undefined>();
  let latest: TPayload | undefined;
  openRunReader(host, {
    scope: [],
    filter: { channels: [`custom:${name}`] },
    onEvent(event) {
      if (event.method !== "custom") return;
      const data = event.params.data as CustomEventData;
      latest = ("payload" in data ? data.payload : data) as TPayload;
      reader.push(latest);
    },
    onEnd(outcome) {
      if (outcome.error) reader.fail(outcome.error);
      else reader.finish(latest);
    },
  });
  return reader;
}

/** `extensions.<name>` as a lazy property bag: each access opens a fresh reader. */
export function extensionsProxy(host: ProjectionHost): Record<string, ExtensionReader> {
  return new Proxy({} as Record<string, ExtensionReader>, {
    get(_target, property) {
      if (typeof property !== "string" || property === "then") return undefined;
      return openExtensionReader(host, property);
    },
  });
}
