import { measureReply } from "./harness";
for (let index = 0; index < 3; index += 1) await measureReply("ours", { tokens: 20_000, held: 2_000, mode: "burst" });
const start = performance.now();
for (let index = 0; index < 8; index += 1) {
  const m = await measureReply("ours", { tokens: 20_000, held: 2_000, mode: "burst" });
  console.log(m.elapsedMs.toFixed(1));
}
console.log("total", (performance.now() - start).toFixed(0));
