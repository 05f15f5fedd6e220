import type { BaseMessage } from "@langchain/core/messages";
import { describe, expectTypeOf, it } from "vitest";
import type { StreamController } from "../controller/stream-controller";
import type { HeadlessThread } from "../headless-tools/runner";
import type { AcquiredProjection } from "../store/projection";
import type { ThreadStream } from "../thread/thread-stream";
import { acquireChannelEffect } from "./channel-effect";
import { imagesProjection } from "./media";
import type { MediaSnapshot } from "./media-entry";
import { messagesProjection, valuesProjection } from "./messages";
import type { ScopedThread } from "./types";

declare const controller: StreamController<{ messages: BaseMessage[]; topic: string }>;
declare const thread: ThreadStream<{ topic: string }>;

describe("scoped projections on real registries", () => {
  it("are acquired by a controller's registry with their snapshot types", () => {
    expectTypeOf(controller.registry.acquire(messagesProjection(["tools:1"]))).toEqualTypeOf<
      AcquiredProjection<readonly BaseMessage[]>
    >();
    expectTypeOf(controller.registry.acquire(valuesProjection<{ topic: string }>(["research:1"]))).toEqualTypeOf<
      AcquiredProjection<{ topic: string } | undefined>
    >();
    expectTypeOf(controller.registry.acquire(imagesProjection())).toEqualTypeOf<AcquiredProjection<readonly MediaSnapshot[]>>();
  });

  it("accept a ThreadStream wherever a thread is expected", () => {
    expectTypeOf(thread).toExtend<ScopedThread>();
    expectTypeOf(thread).toExtend<HeadlessThread>();
    expectTypeOf(acquireChannelEffect).toBeCallableWith(thread, ["custom"], [], () => undefined);
    expectTypeOf(acquireChannelEffect).toBeCallableWith(controller.registry, ["custom"], [], () => undefined);
  });
});
