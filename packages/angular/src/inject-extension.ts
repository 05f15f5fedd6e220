/**
 * `injectExtension`: the latest payload of a named custom channel.
 */
import { extensionProjection } from "@agent-stream/core";
import type { Signal } from "@angular/core";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { registryOf } from "./internal/root-field";
import { registryProjection } from "./inject-projection";
import { readValue, targetNamespace, type MaybeSignal, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/**
 * The latest payload the graph wrote to `custom:<name>` (`config.writer({ name, ... })`) at
 * `target` (default: the root); `undefined` until the first one. `name` and `target` may be
 * `Signal`s or functions.
 *
 * @example
 * readonly progress = injectExtension<{ percent: number }>(this.stream, "progress");
 * // <progress [value]="progress()?.percent ?? 0" max="100"></progress>
 */
export function injectExtension<T = unknown>(
  stream: StreamSource<any>,
  name: MaybeSignal<string>,
  target?: MaybeSignal<SelectorTarget>,
  options?: InjectOptions,
): Signal<T | undefined> {
  const context = bindingContext("injectExtension", injectExtension, options);
  return registryProjection(
    () => registryOf(stream),
    () => extensionProjection<T>(readValue(name), [...targetNamespace(readValue(target))]),
    context,
  );
}
