import { afterEach, describe, expect, it, vi } from "vitest";
import { AudioPlayer } from "./audio-player";
import { FakeAudioContext, FakeElement, FakeMedia, makeWav } from "./test-support/fakes";
import { VideoPlayer } from "./video-player";
import { AudioChunkScheduler } from "./web-audio";

/** One second of mono 16-bit audio at 8 kHz: 16,000 sample bytes after the 44-byte header. */
const ONE_SECOND = makeWav(Array.from({ length: 8_000 }, (_, index) => [Math.sin(index / 10)]));
const HALF = 44 + 8_000;

afterEach(() => vi.useRealTimers());

describe("AudioChunkScheduler", () => {
  it("plays chunks back to back, and leaves a gap after the stream fell behind", () => {
    const context = new FakeAudioContext();
    const scheduler = new AudioChunkScheduler(context, { leadSeconds: 0.05 });
    const chunk = (frames: number) => ({ channels: [new Float32Array(frames)], sampleRate: 1_000, frames });
    scheduler.enqueue(chunk(500));
    scheduler.enqueue(chunk(500));
    expect(context.sources.map((source) => source.startedAt)).toEqual([0.05, 0.55]);
    context.advance(0.8);
    expect(scheduler.mediaTime()).toBeCloseTo(0.75);
    context.advance(0.5); // past everything scheduled: an underrun
    expect(scheduler.isStarved()).toBe(true);
    scheduler.enqueue(chunk(250));
    expect(context.sources[2]!.startedAt).toBeCloseTo(1.35);
    expect(scheduler.mediaTime()).toBeCloseTo(1);
    context.advance(0.2);
    expect(scheduler.mediaTime()).toBeCloseTo(1.15);
    scheduler.reset();
    expect(context.sources.every((source) => source.stopped)).toBe(true);
    expect(scheduler.scheduledDuration).toBe(0);
  });
});

describe("AudioPlayer (Web Audio)", () => {
  it("plays WAV while it streams: buffering when behind, ended when the last sample played", async () => {
    vi.useFakeTimers();
    const context = new FakeAudioContext();
    const player = new AudioPlayer({ createAudioContext: () => context });
    const media = new FakeMedia(ONE_SECOND, "audio/wav");
    player.setSource(media.receive(HALF));
    expect(player.store.getSnapshot()).toMatchObject({ status: "paused", mode: "web-audio", duration: 1 });
    expect(player.store.getSnapshot().buffered).toBeCloseTo(0.5);

    await player.play();
    expect(context.sources).toHaveLength(1);
    expect(player.store.getSnapshot().status).toBe("playing");
    context.advance(0.6);
    vi.advanceTimersByTime(100);
    expect(player.store.getSnapshot().status).toBe("buffering");

    player.setSource(media.receive(ONE_SECOND.length, "complete"));
    expect(context.sources).toHaveLength(2);
    expect(player.store.getSnapshot().status).toBe("playing");
    context.advance(0.3);
    vi.advanceTimersByTime(100);
    expect(player.store.getSnapshot().currentTime).toBeCloseTo(0.75, 1);
    context.advance(1);
    vi.advanceTimersByTime(100);
    expect(player.store.getSnapshot()).toMatchObject({ status: "ended", duration: 1 });
    expect(player.store.getSnapshot().currentTime).toBeCloseTo(1);
  });

  it("pauses by suspending the context, rewinds on stop, and replays from the start", async () => {
    const context = new FakeAudioContext();
    const player = new AudioPlayer({ createAudioContext: () => context });
    player.setSource(new FakeMedia(ONE_SECOND, "audio/wav").receive(ONE_SECOND.length, "complete"));
    await player.play();
    player.pause();
    expect(context.state).toBe("suspended");
    expect(player.store.getSnapshot().status).toBe("paused");
    player.stop();
    expect(context.sources[0]!.stopped).toBe(true);
    expect(player.store.getSnapshot()).toMatchObject({ status: "paused", currentTime: 0 });
    await player.play();
    expect(context.state).toBe("running");
    expect(context.sources).toHaveLength(2);
    player.dispose();
    expect(context.closed).toBe(true);
    expect(player.store.getSnapshot().status).toBe("idle");
  });

  it("toggle() pauses a playing clip and resumes a paused one", async () => {
    const context = new FakeAudioContext();
    const player = new AudioPlayer({ createAudioContext: () => context });
    player.setSource(new FakeMedia(ONE_SECOND, "audio/wav").receive(ONE_SECOND.length, "complete"));
    await player.toggle();
    expect(player.store.getSnapshot().status).toBe("playing");
    await player.toggle();
    expect(player.store.getSnapshot().status).toBe("paused");
    expect(context.state).toBe("suspended");
    await player.toggle();
    expect(player.store.getSnapshot().status).toBe("playing");
    player.dispose();
  });

  it("reports a stream that broke off after playing what arrived", async () => {
    const context = new FakeAudioContext();
    const player = new AudioPlayer({ createAudioContext: () => context });
    const media = new FakeMedia(ONE_SECOND, "audio/wav");
    player.setSource(media.receive(HALF));
    await player.play();
    const broken = media.receive(HALF, "error");
    broken.error = new Error("stream-closed");
    player.setSource(broken);
    expect(player.store.getSnapshot().status).toBe("playing");
    context.advance(1);
    expect(player.store.getSnapshot()).toMatchObject({ status: "error", error: broken.error });
  });

  it("reports bytes that are not WAV", () => {
    const player = new AudioPlayer({ createAudioContext: () => new FakeAudioContext() });
    player.setSource(new FakeMedia(new TextEncoder().encode("not a riff header"), "audio/wav").receive(17));
    expect(player.store.getSnapshot().status).toBe("error");
  });
});

describe("element playback", () => {
  it("plays other audio formats through an element once complete, and revokes the URL on unload", async () => {
    const element = new FakeElement();
    const revoke = vi.spyOn(URL, "revokeObjectURL");
    const player = new AudioPlayer({ createAudioContext: () => new FakeAudioContext(), createAudioElement: () => element });
    const mp3 = new FakeMedia(new Uint8Array([1, 2, 3]), "audio/mpeg");
    player.setSource(mp3.receive(1));
    await player.play();
    expect(player.store.getSnapshot()).toMatchObject({ mode: "element", status: "loading" });
    player.setSource(mp3.receive(3, "complete"));
    await vi.waitFor(() => expect(element.played).toHaveLength(1));
    expect(element.src).toMatch(/^blob:/);
    expect(player.store.getSnapshot().status).toBe("playing");
    element.duration = 2;
    element.fire("durationchange");
    element.currentTime = 2;
    element.fire("ended");
    expect(player.store.getSnapshot()).toMatchObject({ status: "ended", duration: 2, currentTime: 2 });
    const url = element.src;
    player.setSource(undefined);
    expect(revoke).toHaveBeenCalledWith(url);
    expect(player.store.getSnapshot().status).toBe("idle");
  });

  it("plays video into the element the binding attaches", async () => {
    const element = new FakeElement();
    const player = new VideoPlayer();
    player.attach(element);
    const video = new FakeMedia(new Uint8Array([0, 0, 0, 24]), "video/mp4", "m:0:video");
    player.setSource(video.receive(4, "complete"));
    await player.play();
    await vi.waitFor(() => expect(element.played).toHaveLength(1));
    expect(player.store.getSnapshot()).toMatchObject({ status: "playing", mode: "element", sourceKey: "m:0:video" });
    player.pause();
    expect(player.store.getSnapshot().status).toBe("paused");
    player.dispose();
    expect(element.src).toBe("");
  });
});
