"use client";
/**
 * `useVideoPlayer`: plays a video block in a `<video>` element.
 */
import { VideoPlayer, type MediaSnapshot, type MediaPlayerControls, type MediaPlayerSnapshot } from "@agent-stream/core";
import { useEffect, type RefObject } from "react";
import { useMediaPlayer } from "./internal/use-media-player";

/** The state of the player plus its controls. */
export interface VideoPlayerHandle extends MediaPlayerSnapshot, MediaPlayerControls {}

/**
 * Plays `media` (a handle from `useVideo`) in the element `videoRef` points at, once the block is
 * complete (a partial video cannot be decoded).
 *
 * @example
 * const videoRef = useRef<HTMLVideoElement>(null);
 * const player = useVideoPlayer(videoRef, video);
 * return <><video ref={videoRef} /><button onClick={player.toggle}>Play</button></>;
 */
export function useVideoPlayer(videoRef: RefObject<HTMLVideoElement | null>, media: MediaSnapshot | undefined): VideoPlayerHandle {
  const { player, handle } = useMediaPlayer(() => new VideoPlayer(), media);
  // Runs after the player exists (it is created in an effect), when the element is mounted too.
  useEffect(() => {
    const element = videoRef.current;
    return player !== undefined && element !== null ? player.attach(element) : undefined;
  }, [player, videoRef]);
  return handle;
}
