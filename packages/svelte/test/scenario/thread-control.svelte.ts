/**
 * The scenario harness's `threadId` option: raw state the app reads through a getter.
 */
export class ThreadControl {
  threadId: string | null | undefined = $state.raw(undefined);

  constructor(threadId: string | null | undefined) {
    this.threadId = threadId;
  }
}
