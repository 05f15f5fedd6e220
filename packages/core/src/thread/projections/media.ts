import type { MediaKind } from "../../assembly/content-blocks";
import { IterableResult } from "./deferred-iterable";
import type { ProjectionHost } from "./run-reader";

/** Placeholder until the media assembler lands. */
export function openMediaReader(_host: ProjectionHost, _kind: MediaKind): IterableResult<unknown, unknown[]> {
  return new IterableResult<unknown, unknown[]>();
}
