/**
 * Pending interrupts: recorded from `input.requested` events of any namespace and from stored state.
 */
import type { ThreadState } from "../client/client";
import type { InputRequestedData, ProtocolEvent } from "../protocol/types";
import { normalizeInterruptValue } from "./hitl-payload";
import type { Interrupt } from "./types";

/** Remembered answered ids; older ones are forgotten (a replay that old is already gated out). */
const MAX_RESOLVED_IDS = 256;

const EMPTY_INTERRUPTS: readonly Interrupt[] = Object.freeze([]);

/**
 * The list behind `rootStore.interrupts`: de-duplicated by id, oldest first, and never showing
 * an interrupt this controller already answered.
 *
 * @example
 * if (interrupts.record(event)) patch({ interrupts: interrupts.list });
 */
export class InterruptList {
  #list: readonly Interrupt[] = EMPTY_INTERRUPTS;
  readonly #resolved = new Set<string>();

  /** `hidden`: interrupts answered by the client itself (headless tools) never enter the list. */
  constructor(private readonly hidden: (interrupt: Interrupt) => boolean = () => false) {}

  get list(): readonly Interrupt[] {
    return this.#list;
  }

  /** Records an `input.requested` event; true when the list changed. */
  record(event: ProtocolEvent): boolean {
    if (event.method !== "input.requested") return false;
    const data = event.params.data as InputRequestedData | null;
    const id = typeof data?.interrupt_id === "string" ? data.interrupt_id : `interrupt_${event.seq ?? this.#list.length}`;
    if (this.#resolved.has(id) || this.#list.some((entry) => entry.id === id)) return false;
    const entry: Interrupt = { id, value: normalizeInterruptValue(data?.payload), namespace: [...event.params.namespace] };
    if (this.hidden(entry)) return false;
    this.#list = [...this.#list, entry];
    return true;
  }

  /** Replaces the list (stored state). */
  replace(list: readonly Interrupt[]): void {
    this.#list = list.filter((entry) => !this.#resolved.has(entry.id) && !this.hidden(entry));
  }

  /** Removes answered interrupts and remembers their ids. */
  resolve(ids: readonly string[]): void {
    for (const id of ids) {
      this.#resolved.add(id);
      if (this.#resolved.size > MAX_RESOLVED_IDS) {
        const oldest = this.#resolved.values().next().value;
        if (oldest !== undefined) this.#resolved.delete(oldest);
      }
    }
    const answered = new Set(ids);
    this.#list = this.#list.filter((entry) => !answered.has(entry.id));
  }

  /** Empties the list (a new run starts); answered ids are kept. */
  clear(): void {
    this.#list = EMPTY_INTERRUPTS;
  }

  /** Empties everything (thread switch). */
  reset(): void {
    this.#list = EMPTY_INTERRUPTS;
    this.#resolved.clear();
  }

  find(id: string): Interrupt | undefined {
    return this.#list.find((entry) => entry.id === id);
  }
}

interface TaskWithCheckpoint {
  interrupts?: { id?: unknown; value?: unknown; namespace?: unknown }[];
  checkpoint?: { checkpoint_ns?: unknown } | null;
}

/** A task's namespace from its checkpoint namespace (`"a:1|b:2"` → `["a:1", "b:2"]`). */
function namespaceOfTask(task: TaskWithCheckpoint): string[] {
  const ns = task.checkpoint?.checkpoint_ns;
  return typeof ns === "string" && ns.length > 0 ? ns.split("|") : [];
}

/**
 * The pending interrupts of a stored thread state, de-duplicated by id.
 *
 * @example
 * const interrupts = interruptsFromState(await client.threads.getState(threadId));
 */
export function interruptsFromState(state: ThreadState): Interrupt[] {
  const result: Interrupt[] = [];
  const seen = new Set<string>();
  for (const task of (Array.isArray(state.tasks) ? state.tasks : []) as TaskWithCheckpoint[]) {
    for (const entry of Array.isArray(task.interrupts) ? task.interrupts : []) {
      if (typeof entry.id !== "string" || seen.has(entry.id)) continue;
      seen.add(entry.id);
      const namespace = Array.isArray(entry.namespace)
        ? entry.namespace.filter((segment): segment is string => typeof segment === "string")
        : namespaceOfTask(task);
      result.push({ id: entry.id, value: normalizeInterruptValue(entry.value), namespace });
    }
  }
  return result;
}

/**
 * Whether a stored thread still has a run in flight: it has next nodes and no pending interrupt.
 * A state without a `next` list (a server that leaves it out) counts as in flight: attaching to an
 * idle thread costs one connection, missing a running one loses its output.
 *
 * @example
 * if (isRunInFlight(state)) attachToRun();
 */
export function isRunInFlight(state: ThreadState): boolean {
  if (!Array.isArray(state.next)) return true;
  return state.next.length > 0 && interruptsFromState(state).length === 0;
}
