/**
 * `injectFiles`: file blocks streamed by the agent.
 */
import type { MediaSnapshot } from "@agent-stream/core";
import type { Signal } from "@angular/core";
import { bindingContext } from "./internal/binding-context";
import { mediaSelector, type InjectMediaOptions } from "./internal/media-selector";
import type { MaybeSignal, SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/**
 * File blocks of the messages at `target` (default: the root) and its nodes, oldest first, as
 * snapshots that grow while they stream (`status`, `byteLength`, `blob()`, `objectURL()`).
 * Held until the injection context is destroyed; object URLs are revoked then. `target` may be
 * a `Signal` or function.
 *
 * @example
 * readonly files = injectFiles(this.stream);
 * // one child component per block: readonly src = injectMediaUrl(this.block);
 */
export function injectFiles(
  stream: StreamSource<any>,
  target?: MaybeSignal<SelectorTarget>,
  options: InjectMediaOptions = {},
): Signal<readonly MediaSnapshot[]> {
  const { injector, ...mediaOptions } = options;
  const context = bindingContext("injectFiles", injectFiles, { injector });
  return mediaSelector("file", stream, target, mediaOptions, context);
}
