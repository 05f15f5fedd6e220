import { afterEach, describe, expect, it, vi } from "vitest";
import { blockStartEvent, deltaEvent, messagesEvent } from "../assembly/test-support/events";
import { MediaAssemblyError } from "../assembly/media-item";
import { ChannelRegistry } from "../store/channel-registry";
import { audioProjection, imagesProjection, mediaProjection } from "./media";
import { FakeThread, nextMacrotask } from "./test-support/fake-thread";
import type { ProjectionShared, ScopedThread } from "./types";

const MODEL = ["agent:1"];
const BYTES = Uint8Array.from({ length: 30 }, (_, index) => index * 7);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

function setup() {
  const thread = new FakeThread();
  const registry = new ChannelRegistry<ScopedThread, ProjectionShared>();
  registry.bind(thread);
  return { thread, registry };
}

function startMessage(thread: FakeThread, namespace = MODEL, id = "m-1") {
  thread.emit(messagesEvent({ event: "message-start", id }, { namespace }));
}

afterEach(() => vi.restoreAllMocks());

describe("media projections", () => {
  it("include images streamed by a model node under the root, with blob type and size", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(imagesProjection());
    startMessage(thread);
    thread.emit(blockStartEvent(1, { type: "image", data: base64(BYTES), mime_type: "image/png" }, { namespace: MODEL }));
    thread.emit(messagesEvent({ event: "message-finish" }, { namespace: MODEL }));
    await nextMacrotask();
    const [image] = store.getSnapshot();
    expect(image).toMatchObject({ kind: "image", status: "complete", mimeType: "image/png", byteLength: 30 });
    const blob = await image!.blob();
    expect(blob.type).toBe("image/png");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(BYTES);
  });

  it("publishes a new handle object per change and keeps unchanged ones", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(audioProjection());
    startMessage(thread);
    thread.emit(blockStartEvent(0, { type: "audio", data: base64(BYTES.subarray(0, 12)), mime_type: "audio/wav" }, { namespace: MODEL }));
    await nextMacrotask();
    const first = store.getSnapshot()[0]!;
    expect(first.partialBytes()).toEqual(BYTES.subarray(0, 12));
    thread.emit(deltaEvent(0, { type: "data-delta", data: base64(BYTES.subarray(12)) }, { namespace: MODEL }));
    await nextMacrotask();
    const second = store.getSnapshot()[0]!;
    expect(second).not.toBe(first);
    expect(second.byteLength).toBe(30);
    expect(first.partialBytes()).toHaveLength(12);
  });

  it("fails a block cut mid-stream with MediaAssemblyError carrying the partial bytes", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(audioProjection());
    startMessage(thread);
    thread.emit(blockStartEvent(0, { type: "audio", data: base64(BYTES.subarray(0, 12)), mime_type: "audio/wav" }, { namespace: MODEL }));
    await nextMacrotask();
    const pending = store.getSnapshot()[0]!.blob();
    thread.fail(new Error("connection lost"));
    await nextMacrotask();
    const [audio] = store.getSnapshot();
    expect(audio!.status).toBe("error");
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaAssemblyError);
    expect((error as MediaAssemblyError).reason).toBe("stream-closed");
    expect((error as MediaAssemblyError).partialBytes).toEqual(BYTES.subarray(0, 12));
  });

  // Regression (reference): media keys left out `fetch`, so consumers with different fetchers shared one.
  it("keys the custom fetch and fetches URL-backed media with it", async () => {
    const authFetch = vi.fn(async () => new Response(BYTES, { status: 200 }));
    const otherFetch = vi.fn(async () => new Response("no"));
    expect(imagesProjection([], { fetch: authFetch }).key).toBe(imagesProjection([], { fetch: authFetch }).key);
    expect(imagesProjection([], { fetch: authFetch }).key).not.toBe(imagesProjection([], { fetch: otherFetch }).key);
    expect(imagesProjection([], { fetch: authFetch }).key).not.toBe(imagesProjection().key);

    const { thread, registry } = setup();
    const { store } = registry.acquire(imagesProjection([], { fetch: authFetch }));
    registry.acquire(imagesProjection([], { fetch: otherFetch }));
    startMessage(thread);
    thread.emit(blockStartEvent(0, { type: "image", url: "https://example.com/a.png", mime_type: "image/png" }, { namespace: MODEL }));
    thread.emit(messagesEvent({ event: "message-finish" }, { namespace: MODEL }));
    await nextMacrotask();
    const blob = await store.getSnapshot()[0]!.blob();
    expect(authFetch).toHaveBeenCalledWith("https://example.com/a.png");
    expect(otherFetch).not.toHaveBeenCalled();
    expect(blob.type).toBe("image/png");
    expect(blob.size).toBe(30);
  });

  it("revokes object URLs when the projection is released", async () => {
    const revoke = vi.spyOn(URL, "revokeObjectURL");
    const { thread, registry } = setup();
    const acquired = registry.acquire(mediaProjection("file", MODEL.slice(0, 0)));
    startMessage(thread);
    thread.emit(blockStartEvent(0, { type: "file", data: base64(BYTES), mime_type: "application/pdf" }, { namespace: MODEL }));
    thread.emit(messagesEvent({ event: "message-finish" }, { namespace: MODEL }));
    await nextMacrotask();
    const url = await acquired.store.getSnapshot()[0]!.objectURL();
    expect(url).toMatch(/^blob:/);
    acquired.release();
    await nextMacrotask();
    expect(revoke).toHaveBeenCalledWith(url);
  });

  it("leaves media of other namespaces out of a scoped projection", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(imagesProjection(["tools:sub-1"]));
    startMessage(thread, ["tools:sub-1", "model_request:2"]);
    thread.emit(blockStartEvent(0, { type: "image", data: base64(BYTES), mime_type: "image/png" }, { namespace: ["tools:sub-1", "model_request:2"] }));
    startMessage(thread, MODEL, "m-2");
    thread.emit(blockStartEvent(0, { type: "image", data: base64(BYTES), mime_type: "image/png" }, { namespace: MODEL }));
    await nextMacrotask();
    expect(store.getSnapshot().map((image) => image.namespace)).toEqual([["tools:sub-1", "model_request:2"]]);
  });
});
