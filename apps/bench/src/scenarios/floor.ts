/**
 * The floor: what any client must do with the same frames, `JSON.parse` of each plus
 * concatenating the text deltas.
 */
import { ROOT_PUMP_FILTER } from "@agent-stream/core";
import { settleGarbage } from "../harness";
import { ScriptedServer } from "../server/scripted-server";
import { heldMessages, type RunPlanner } from "../server/script";

/**
 * The frames of one run of `planner` a root connection receives, segment by segment.
 *
 * @example
 * const [frames] = await framesOf(replyPlanner(1_000), 200);
 */
export async function framesOf(planner: RunPlanner, held: number): Promise<string[][]> {
  const server = new ScriptedServer(planner, heldMessages(held));
  await server.handleCommand({ id: 1, method: "run.start", params: { input: { messages: [{ type: "human", content: "hi", id: "human-0" }] } } });
  let current: string[] = [];
  const connection = server.openStream(ROOT_PUMP_FILTER, (raw) => current.push(raw));
  await new Promise((resolve) => setImmediate(resolve));
  current = [];
  const segments: string[][] = [];
  while (server.pendingSegments > 0) {
    await server.play("burst");
    segments.push(current);
    current = [];
  }
  connection.close();
  return segments;
}

/** Wall and CPU milliseconds of one floor pass. */
export interface FloorTiming {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * Times parsing every frame and concatenating the text deltas.
 *
 * @example
 * const { wallMs } = measureFloor(frames);
 */
export function measureFloor(frames: readonly string[]): FloorTiming {
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  let text = "";
  for (const raw of frames) {
    const frame = JSON.parse(raw) as { params: { data: { delta?: { type?: string; text?: string } } } };
    const delta = frame.params.data?.delta;
    if (delta?.type === "text-delta" && delta.text !== undefined) text += delta.text;
  }
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuAtStart);
  if (text.length === 0 && frames.length > 100) throw new Error("floor: no text deltas among the frames");
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * The floor as delivered: the same scripted server plays the reply in one burst to a root
 * connection whose callback only parses each frame and concatenates the text deltas. Next to
 * {@link measureFloor} (a tight loop over ready strings) it shows what delivery through the server
 * and parsing between other work cost before any client logic runs.
 *
 * @example
 * const { wallMs } = await measureDeliveredFloor(replyPlanner(20_000), 2_000);
 */
export async function measureDeliveredFloor(planner: RunPlanner, held: number): Promise<FloorTiming> {
  const server = new ScriptedServer(planner, heldMessages(held));
  await server.handleCommand({ id: 1, method: "run.start", params: { input: { messages: [{ type: "human", content: "hi", id: "human-0" }] } } });
  let text = "";
  let frames = 0;
  const connection = server.openStream(ROOT_PUMP_FILTER, (raw) => {
    frames += 1;
    const frame = JSON.parse(raw) as { params: { data: { delta?: { type?: string; text?: string } } } };
    const delta = frame.params.data?.delta;
    if (delta?.type === "text-delta" && delta.text !== undefined) text += delta.text;
  });
  await new Promise((resolve) => setImmediate(resolve));
  text = "";
  frames = 0;
  await settleGarbage();
  const cpuAtStart = process.cpuUsage();
  const timing = await server.play("burst");
  const cpu = process.cpuUsage(cpuAtStart);
  connection.close();
  if (text.length === 0 && frames > 100) throw new Error("delivered floor: no text deltas among the frames");
  return { wallMs: timing.finishedAt - timing.startedAt, cpuMs: (cpu.user + cpu.system) / 1000 };
}
