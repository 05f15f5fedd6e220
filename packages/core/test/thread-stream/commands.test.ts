import { agentServerUrl } from "@agent-stream/test-kit";
import { describe, expect, it } from "vitest";
import { Client, HttpError, ProtocolError, ThreadClosedError } from "../../src/index";
import { TRANSPORTS, humanRun, openThread } from "../support";

describe.each(TRANSPORTS)("commands over %s", (transport) => {
  it("rejects an unknown command with a typed ProtocolError carrying the code", async () => {
    const thread = openThread(transport, "text");
    try {
      await thread.run.start(humanRun("hi"));
      await thread.output;
      const error = await thread.command("no.such.command", {}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toMatch(/unknown_command|no_such_run/);
    } finally {
      await thread.close();
    }
  });

  it("surfaces an unknown assistant as an error, never as a silent success", async () => {
    const thread = openThread(transport, "no_such_assistant");
    try {
      // Over HTTP the server refuses the command; over WebSocket it accepts it and fails the run.
      const error = await thread.run
        .start(humanRun("hi"))
        .then(() => thread.output)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      if (transport === "sse") expect((error as Error).message).toMatch(/assistant|not found|404/i);
    } finally {
      await thread.close();
    }
  });

  it("rejects commands after close() with ThreadClosedError and close() is idempotent", async () => {
    const thread = openThread(transport, "text");
    await thread.close();
    await thread.close();
    await expect(thread.run.start(humanRun("hi"))).rejects.toBeInstanceOf(ThreadClosedError);
  });

  it("keeps one thread across runs: a second run streams only its own messages", async () => {
    const thread = openThread(transport, "text");
    try {
      await thread.run.start(humanRun("first"));
      await thread.output;
      const messages = thread.messages;
      await thread.run.start(humanRun("second"));
      const texts = await Promise.all((await messages).map((message) => message.text));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain("second");
      const output = (await thread.output) as { messages: unknown[] };
      expect(output.messages).toHaveLength(4);
    } finally {
      await thread.close();
    }
  });
});

describe("REST helpers", () => {
  it("reads thread state and history, and returns null for a missing thread", async () => {
    const client = new Client({ apiUrl: agentServerUrl() });
    const thread = openThread("sse", "text");
    try {
      await thread.run.start(humanRun("state please"));
      await thread.output;
      const state = await client.threads.getState<{ messages: unknown[] }>(thread.threadId);
      expect(state?.values.messages).toHaveLength(2);
      const history = await client.threads.getHistory(thread.threadId, { limit: 5 });
      expect(history.length).toBeGreaterThan(1);
      expect(await client.threads.getState("00000000-0000-4000-8000-000000000000")).toBeNull();
    } finally {
      await thread.close();
    }
  });

  it("gets a thread's record and finds it by search: filtered by metadata, paged, sorted", async () => {
    const client = new Client({ apiUrl: agentServerUrl() });
    const thread = openThread("sse", "text");
    try {
      await thread.run.start(humanRun("find me"));
      await thread.output;
      const record = await client.threads.get(thread.threadId);
      expect(record).toMatchObject({ thread_id: thread.threadId, metadata: { assistant_id: "text" } });
      expect(await client.threads.get("00000000-0000-4000-8000-000000000000")).toBeNull();
      // The server tags each thread with the assistant that ran on it.
      const mine = await client.threads.search({ metadata: { assistant_id: "text" }, limit: 1000 });
      expect(mine.map((entry) => entry.thread_id)).toContain(thread.threadId);
      expect(mine.every((entry) => entry.metadata.assistant_id === "text")).toBe(true);
      const others = await client.threads.search({ metadata: { assistant_id: `never-used-${thread.threadId}` } });
      expect(others).toEqual([]);
      const newest = await client.threads.search({ limit: 3, sortBy: "created_at", sortOrder: "desc" });
      expect(newest.length).toBeGreaterThan(0);
      expect(newest.length).toBeLessThanOrEqual(3);
      const times = newest.map((entry) => Date.parse(entry.created_at));
      expect([...times].sort((left, right) => right - left)).toEqual(times);
    } finally {
      await thread.close();
    }
  });

  it("carries status and the server message on HTTP errors", async () => {
    const client = new Client({ apiUrl: agentServerUrl() });
    const error = await client.threads.getHistory("not-a-uuid").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBeGreaterThanOrEqual(400);
  });
});
