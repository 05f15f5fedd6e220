/**
 * Media handles of any namespace: `imagesProjection`, `audioProjection`, `videoProjection`,
 * `filesProjection`.
 */
import type { MediaKind } from "../assembly/content-blocks";
import { MediaAssembler } from "../assembly/media-assembler";
import type { MediaItem } from "../assembly/media-item";
import type { Namespace } from "../protocol/types";
import type { FetchLike } from "../transport/adapter";
import { MediaEntry, type MediaSnapshot } from "./media-entry";
import { isDirectChild, isSameScope } from "./namespace";
import { namespaceKey } from "../protocol/filter";
import { BatchedFlush, openScopedSubscription } from "./runtime";
import type { ScopedContext, ScopedProjectionSpec } from "./types";

/** Options of the media projections. */
export interface MediaProjectionOptions {
  /** Fetches URL-backed media in `blob()` (auth shims); part of the projection key. */
  fetch?: FetchLike;
}

const EMPTY_HANDLES: readonly MediaSnapshot[] = Object.freeze([]);
const KEY_PREFIX: Readonly<Record<MediaKind, string>> = { image: "images", audio: "audio", video: "video", file: "files" };

const fetchIds = new WeakMap<FetchLike, number>();
let nextFetchId = 0;

/** A key part identifying a custom fetch: consumers with different fetchers must not share a runtime. */
function fetchKey(fetch: FetchLike | undefined): string {
  if (fetch === undefined) return "fetch:default";
  let id = fetchIds.get(fetch);
  if (id === undefined) {
    nextFetchId += 1;
    id = nextFetchId;
    fetchIds.set(fetch, id);
  }
  return `fetch:${id}`;
}

function openMedia(
  context: ScopedContext<readonly MediaSnapshot[]>,
  kind: MediaKind,
  namespace: Namespace,
  fetch: FetchLike | undefined,
) {
  const assembler = new MediaAssembler();
  const entries = new Map<string, MediaEntry>();
  const flush = new BatchedFlush(() => context.store.setValue([...entries.values()].map((entry) => entry.view)), context.scheduler);
  const touch = (items: readonly MediaItem[]): void => {
    for (const item of items) {
      if (item.kind !== kind) continue;
      let entry = entries.get(item.key);
      if (entry === undefined) {
        entry = new MediaEntry(item, fetch);
        entries.set(item.key, entry);
      }
      entry.update();
      flush.request();
    }
  };
  const stop = openScopedSubscription(
    context,
    { channels: ["messages"], namespaces: [namespace], depth: 1 },
    {
      onEvent(event) {
        const eventNamespace = event.params.namespace;
        // Media of the namespace and of its nodes (a model node streams under `<node>:<id>`).
        if (isSameScope(namespace, eventNamespace) || isDirectChild(namespace, eventNamespace)) {
          touch(assembler.consume(event));
        }
      },
      onEnd(error) {
        touch(assembler.closeAll(`The stream ended before the media finished${error ? `: ${String(error)}` : ""}`));
        flush.runNow();
      },
    },
  );
  return {
    dispose() {
      stop();
      flush.cancel();
      for (const entry of entries.values()) entry.release();
    },
  };
}

/**
 * Media blocks of one kind streamed at `namespace` or by its nodes, oldest first, as
 * {@link MediaSnapshot}s. A stream that ends mid-block fails it with a `MediaAssemblyError` holding
 * the bytes received. Object URLs are revoked when the projection is released.
 *
 * @example
 * const { store } = registry.acquire(mediaProjection("image", [], { fetch: authFetch }));
 */
export function mediaProjection(
  kind: MediaKind,
  namespace: Namespace = [],
  options: MediaProjectionOptions = {},
): ScopedProjectionSpec<readonly MediaSnapshot[]> {
  return {
    key: `${KEY_PREFIX[kind]}|${fetchKey(options.fetch)}|${namespaceKey(namespace)}`,
    initial: () => EMPTY_HANDLES,
    open: (context) => openMedia(context, kind, namespace, options.fetch),
  };
}

/**
 * Image blocks of `namespace` and its nodes.
 *
 * @example
 * const { store } = controller.registry.acquire(imagesProjection());
 */
export function imagesProjection(namespace: Namespace = [], options: MediaProjectionOptions = {}) {
  return mediaProjection("image", namespace, options);
}

/**
 * Audio blocks of `namespace` and its nodes; feed a handle to `AudioPlayer` to play it as it streams.
 *
 * @example
 * const { store } = controller.registry.acquire(audioProjection());
 */
export function audioProjection(namespace: Namespace = [], options: MediaProjectionOptions = {}) {
  return mediaProjection("audio", namespace, options);
}

/**
 * Video blocks of `namespace` and its nodes.
 *
 * @example
 * const { store } = controller.registry.acquire(videoProjection());
 */
export function videoProjection(namespace: Namespace = [], options: MediaProjectionOptions = {}) {
  return mediaProjection("video", namespace, options);
}

/**
 * File blocks of `namespace` and its nodes.
 *
 * @example
 * const { store } = controller.registry.acquire(filesProjection());
 */
export function filesProjection(namespace: Namespace = [], options: MediaProjectionOptions = {}) {
  return mediaProjection("file", namespace, options);
}
