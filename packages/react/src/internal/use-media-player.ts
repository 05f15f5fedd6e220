/**
 * The lifetime of a core media player inside a component (shared by the audio and video hooks).
 */
import {
  IDLE_PLAYER_SNAPSHOT,
  type MediaPlayerControls,
  type MediaPlayerSnapshot,
  type PlayableMedia,
  type ReadableStore,
} from "@agent-stream/core";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";

/** What the hooks need from `AudioPlayer` / `VideoPlayer`. */
export interface PlayerLike extends MediaPlayerControls {
  readonly store: ReadableStore<MediaPlayerSnapshot>;
  setSource(media: PlayableMedia | undefined): void;
  dispose(): void;
}

const subscribeToNothing = (): (() => void) => () => undefined;
const readIdle = (): MediaPlayerSnapshot => IDLE_PLAYER_SNAPSHOT;

/**
 * Creates the player when the component mounts (an effect, so StrictMode's simulated unmount
 * disposes a player that is then created again), feeds it every version of `media`, and reads its
 * snapshot. Before the first effect the player is `undefined` and the snapshot idle. `handle` is
 * the snapshot plus controls (stable per player) for the hooks to return.
 */
export function useMediaPlayer<TPlayer extends PlayerLike>(
  create: () => TPlayer,
  media: PlayableMedia | undefined,
): { player: TPlayer | undefined; handle: MediaPlayerSnapshot & MediaPlayerControls } {
  const [player, setPlayer] = useState<TPlayer | undefined>(undefined);
  useEffect(() => {
    const created = create();
    setPlayer(created);
    return () => created.dispose();
    // The player is created once per mount; options are read then.
  }, []);
  useEffect(() => player?.setSource(media), [player, media]);
  const store = player?.store;
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? subscribeToNothing,
    store?.getSnapshot ?? readIdle,
    store?.getSnapshot ?? readIdle,
  );
  const controls = useMemo<MediaPlayerControls>(
    () => ({
      play: async () => player?.play(),
      pause: () => player?.pause(),
      stop: () => player?.stop(),
      toggle: async () => player?.toggle(),
    }),
    [player],
  );
  const handle = useMemo(() => ({ ...snapshot, ...controls }), [snapshot, controls]);
  return { player, handle };
}
