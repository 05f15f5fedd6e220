/**
 * The shape every selector returns.
 */

/**
 * A value read reactively through `.current`: in a template or effect it subscribes (lazily,
 * shared with other readers) and updates; when no effect reads it any more it lets go.
 *
 * @example
 * const messages = useMessages(stream, () => subagent);
 * // template: {#each messages.current as message (message.id)} ... {/each}
 */
export interface ReactiveValue<T> {
  readonly current: T;
}
