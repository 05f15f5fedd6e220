import { MEDIA_IMAGE_URL, MEDIA_PAYLOADS } from "@agent-stream/agent-server";
import { agentServerUrl, startFaultProxy } from "@agent-stream/test-kit";
import { describe, expect, it, vi } from "vitest";
import { MediaAssemblyError } from "../../src/assembly/media-item";
import { AudioPlayer } from "../../src/media-player/index";
import { audioProjection, imagesProjection, type MediaSnapshot } from "../../src/projections/index";
import { humanRun, TRANSPORTS } from "../support";
import { makeController, tokenDelay } from "../controller/harness";
import { useThreads, waitForStore } from "./support";

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));
const settled = (handles: readonly MediaSnapshot[]) => handles.length > 0 && handles.every((handle) => handle.status !== "streaming");

describe.each(TRANSPORTS)("media over %s", (transport) => {
  const threads = useThreads(transport);

  it("assembles images from the model node and streamed audio into blobs of the right type and size", async () => {
    const thread = threads.open("media");
    const registry = threads.registry(thread);
    const imageFetch = vi.fn(async () => new Response(bytesOf(MEDIA_PAYLOADS.png), { status: 200 }));
    const images = registry.acquire(imagesProjection([], { fetch: imageFetch })).store;
    const audio = registry.acquire(audioProjection()).store;
    await thread.run.start(humanRun("show me", 5));

    const [inline, linked] = await waitForStore(images, (handles) => handles.length === 2 && settled(handles));
    expect(inline!.namespace[0]).toMatch(/^agent:/);
    const inlineBlob = await inline!.blob();
    expect(inlineBlob.type).toBe("image/png");
    expect(new Uint8Array(await inlineBlob.arrayBuffer())).toEqual(bytesOf(MEDIA_PAYLOADS.png));
    expect(linked!.url).toBe(MEDIA_IMAGE_URL);
    expect((await linked!.blob()).size).toBe(bytesOf(MEDIA_PAYLOADS.png).length);
    expect(imageFetch).toHaveBeenCalledWith(MEDIA_IMAGE_URL);

    const [clip] = await waitForStore(audio, settled);
    expect(clip).toMatchObject({ status: "complete", mimeType: "audio/wav", transcript: "a short tone" });
    const audioBlob = await clip!.blob();
    expect(audioBlob.type).toBe("audio/wav");
    expect(audioBlob.size).toBe(bytesOf(MEDIA_PAYLOADS.wav).length);

    // The player core reads the streamed WAV (no Web Audio in Node: a stand-in context).
    const player = new AudioPlayer({ createAudioContext: () => ({ currentTime: 0, state: "running" }) as never });
    player.setSource(clip);
    expect(player.store.getSnapshot()).toMatchObject({ status: "paused", mode: "web-audio", error: undefined });
    expect(player.store.getSnapshot().duration).toBeGreaterThan(0);
    player.dispose();
  });

  it("on a controller, the images store is final in the same notification that shows the run finished", async () => {
    const controller = makeController(transport, "media");
    threads.defer(() => controller.dispose());
    const images = controller.registry.acquire(imagesProjection([], { fetch: async () => new Response(bytesOf(MEDIA_PAYLOADS.png)) })).store;
    const atFinish: (readonly MediaSnapshot[])[] = [];
    let wasLoading = false;
    controller.rootStore.subscribe(() => {
      const { isLoading } = controller.rootStore.getSnapshot();
      if (wasLoading && !isLoading) atFinish.push(images.getSnapshot());
      wasLoading = isLoading;
    });

    await controller.submit({ messages: [{ type: "human", content: "show me" }] }, tokenDelay(2));

    expect(atFinish).toHaveLength(1);
    expect(atFinish[0]!.map((image) => [image.url === undefined ? "inline" : "url", image.status])).toEqual([
      ["inline", "complete"],
      ["url", "complete"],
    ]);
  });

  it("fails audio cut off mid-message with MediaAssemblyError holding the bytes received", async () => {
    const proxy = await startFaultProxy({ target: agentServerUrl() });
    threads.defer(() => proxy.close());
    const thread = threads.open("media", { apiUrl: proxy.url, reconnect: { maxAttempts: 0 } });
    const registry = threads.registry(thread);
    const audio = registry.acquire(audioProjection()).store;
    await thread.run.start(humanRun("show me", 150));

    const [partial] = await waitForStore(audio, (handles) => (handles[0]?.byteLength ?? 0) > 0);
    expect(partial!.status).toBe("streaming");
    proxy.setFaults({ cutAfterFrames: 0 });

    const [failed] = await waitForStore(audio, settled);
    expect(failed!.status).toBe("error");
    const error = await failed!.blob().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaAssemblyError);
    expect((error as MediaAssemblyError).reason).toBe("stream-closed");
    const total = bytesOf(MEDIA_PAYLOADS.wav);
    const received = (error as MediaAssemblyError).partialBytes;
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(total.length);
    expect(received).toEqual(total.subarray(0, received.length));
  });
});
