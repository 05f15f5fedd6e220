/**
 * Optional views of the React scenario app (see `ScenarioViews`): each mounts one selector hook.
 */
import type { MediaSnapshot } from "@agent-stream/core";
import { useExtension, useImages, useMediaURL, useMessages, type StreamHandle } from "../src/index";

export function ExtensionView({ stream, name }: { stream: StreamHandle; name: string }) {
  const value = useExtension(stream, name);
  return <pre data-testid="extension">{value === undefined ? "" : JSON.stringify(value)}</pre>;
}

function ImageView({ media }: { media: MediaSnapshot }) {
  const src = useMediaURL(media);
  return <img data-testid="image" data-id={media.key} src={src} alt="" />;
}

export function ImagesView({ stream }: { stream: StreamHandle }) {
  const images = useImages(stream);
  return (
    <div>
      {images.map((media) => (
        <ImageView key={media.key} media={media} />
      ))}
    </div>
  );
}

function SubagentCard({ stream, subagent }: { stream: StreamHandle; subagent: StreamHandle["subagents"] extends ReadonlyMap<string, infer S> ? S : never }) {
  const messages = useMessages(stream, subagent);
  return (
    <section data-testid="subagent" data-name={subagent.name} data-status={subagent.status}>
      {messages.map((message, index) => (
        <p key={message.id ?? index} data-testid="subagent-message">
          {message.text}
        </p>
      ))}
    </section>
  );
}

export function SubagentsView({ stream }: { stream: StreamHandle }) {
  return (
    <div>
      {[...stream.subagents.values()].map((subagent) => (
        <SubagentCard key={subagent.id} stream={stream} subagent={subagent} />
      ))}
    </div>
  );
}
