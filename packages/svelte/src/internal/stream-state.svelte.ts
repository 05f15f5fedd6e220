/**
 * The object `useStream` returns: reactive getters over the current controller's stores, the
 * methods, and the Svelte store contract.
 */
import {
  controllerRebuildKey,
  bindStreamActions,
  createStreamController,
  forwardCallbacks,
  type RootSnapshot,
  type StreamCallbacks,
  type StreamController,
} from "@agent-stream/core";
import { toStore, type Readable } from "svelte/store";
import { untrack } from "svelte";
import type { StreamHandle, StreamSnapshot, UseStreamOptions } from "../stream-handle.js";
import { sharedStoreValue } from "./store-value.js";

type AnyState = Record<string, unknown>;

/** The options' rebuild key (the core decides what needs a new controller; `threadId` never does). */
export function rebuildKeyOf(options: UseStreamOptions<any>): string {
  return controllerRebuildKey({ ...options, threadId: undefined });
}

const identity = <T>(value: T): T => value;

/**
 * Backs a `useStream` handle. The controller lives in `$state.raw` (a rebuild swaps it; it is never
 * proxied); every field reads the current controller's store through a shared `createSubscriber`
 * value, so a template re-runs only when the field it reads changes.
 */
export class StreamState<TState extends AnyState = AnyState, TInterrupt = unknown> implements StreamHandle<TState, TInterrupt> {
  #controller: StreamController<TState, TInterrupt> = $state.raw(undefined!);
  #options: UseStreamOptions<TState>;
  #rebuildKey: string;
  #cached: { root: RootSnapshot<TState, TInterrupt>; snapshot: StreamSnapshot<TState, TInterrupt> } | undefined;
  /** Calls the latest options' callbacks, so new callbacks never need a new controller. */
  readonly #callbacks: StreamCallbacks = forwardCallbacks(() => this.#options);
  readonly subscribe: Readable<StreamSnapshot<TState, TInterrupt>>["subscribe"];

  constructor(options: UseStreamOptions<TState>) {
    this.#options = options;
    this.#rebuildKey = rebuildKeyOf(options);
    this.#controller = this.#build(options);
    this.subscribe = untrack(() => toStore(() => this.#snapshot())).subscribe;
  }

  /** Takes the latest options; builds a new controller when the core says they need one. */
  update(options: UseStreamOptions<TState>): void {
    this.#options = options;
    const key = rebuildKeyOf(options);
    if (key === this.#rebuildKey) return;
    this.#rebuildKey = key;
    this.#controller = this.#build(options);
  }

  get controller(): StreamController<TState, TInterrupt> {
    return this.#controller;
  }
  get values(): TState {
    return this.#field("values");
  }
  get messages(): RootSnapshot<TState>["messages"] {
    return this.#field("messages");
  }
  get toolCalls(): RootSnapshot<TState>["toolCalls"] {
    return this.#field("toolCalls");
  }
  get interrupts(): RootSnapshot<TState, TInterrupt>["interrupts"] {
    return this.#field("interrupts");
  }
  get interrupt(): RootSnapshot<TState, TInterrupt>["interrupt"] {
    return this.#field("interrupt");
  }
  get isLoading(): boolean {
    return this.#field("isLoading");
  }
  get isThreadLoading(): boolean {
    return this.#field("isThreadLoading");
  }
  get error(): unknown {
    return this.#field("error");
  }
  get threadId(): string | null {
    return this.#field("threadId");
  }
  get hydrationPromise(): Promise<void> {
    // A new promise comes with each thread switch and each load.
    this.#field("threadId");
    this.#field("isThreadLoading");
    return this.controller.hydrationPromise;
  }
  get subagents(): StreamSnapshot<TState>["subagents"] {
    return sharedStoreValue(this.controller.subagentStore, "", identity).current;
  }
  get subgraphs(): StreamSnapshot<TState>["subgraphs"] {
    return sharedStoreValue(this.controller.subgraphStore, "", identity).current;
  }
  get subgraphsByNode(): StreamSnapshot<TState>["subgraphsByNode"] {
    return sharedStoreValue(this.controller.subgraphByNodeStore, "", identity).current;
  }

  readonly #actions = bindStreamActions<TState>(() => this.#controller);
  readonly submit = this.#actions.submit;
  readonly stop = this.#actions.stop;
  readonly disconnect = this.#actions.disconnect;
  readonly respond = this.#actions.respond;
  readonly respondAll = this.#actions.respondAll;
  readonly getThread = this.#actions.getThread;

  #field<K extends keyof RootSnapshot<TState, TInterrupt>>(key: K): RootSnapshot<TState, TInterrupt>[K] {
    const store = this.controller.rootStore;
    return sharedStoreValue(store, key as string, (snapshot: RootSnapshot<TState, TInterrupt>) => snapshot[key]).current;
  }

  /** The store contract's value: one immutable object per change of any store. */
  #snapshot(): StreamSnapshot<TState, TInterrupt> {
    const root = sharedStoreValue(this.controller.rootStore, "", identity).current;
    const discovery = { subagents: this.subagents, subgraphs: this.subgraphs, subgraphsByNode: this.subgraphsByNode };
    const cached = this.#cached;
    if (
      cached !== undefined &&
      cached.root === root &&
      cached.snapshot.subagents === discovery.subagents &&
      cached.snapshot.subgraphs === discovery.subgraphs &&
      cached.snapshot.subgraphsByNode === discovery.subgraphsByNode &&
      cached.snapshot.controller === this.controller
    ) {
      return cached.snapshot;
    }
    const snapshot: StreamSnapshot<TState, TInterrupt> = Object.freeze({
      ...root,
      ...discovery,
      hydrationPromise: this.controller.hydrationPromise,
      controller: this.controller,
      submit: this.submit,
      stop: this.stop,
      disconnect: this.disconnect,
      respond: this.respond,
      respondAll: this.respondAll,
      getThread: this.getThread,
    });
    this.#cached = { root, snapshot };
    return snapshot;
  }

  /** Builds a controller without a thread: binding the thread is the `threadId` effect's job. */
  #build(options: UseStreamOptions<TState>): StreamController<TState, TInterrupt> {
    return createStreamController<TState, TInterrupt>({ ...options, ...this.#callbacks, threadId: undefined });
  }
}
