/**
 * Incremental base64 decoding: chunks may split anywhere (even inside a 4-character group),
 * so the decoder carries up to three pending characters as bits. Works in browsers and Node
 * without `Buffer`; cost is O(chunk).
 */

const INVALID = 255;
const PADDING = "=".charCodeAt(0);

/** Character code → 6-bit value; accepts the standard and URL-safe alphabets. */
const DECODE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(INVALID);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let value = 0; value < alphabet.length; value += 1) table[alphabet.charCodeAt(value)] = value;
  table["-".charCodeAt(0)] = 62;
  table["_".charCodeAt(0)] = 63;
  return table;
})();

/**
 * Decodes a base64 stream chunk by chunk. Padding ends a group early, so independently
 * encoded segments concatenated together also decode correctly.
 *
 * @example
 * const decoder = new Base64StreamDecoder();
 * const bytes = [decoder.push("aGVsb"), decoder.push("G8="), decoder.end()]; // "hello"
 */
export class Base64StreamDecoder {
  /** Pending 6-bit values, most significant first. */
  #bits = 0;
  #pendingCount = 0;

  /** Decodes `chunk`; returns the bytes it completed. Characters outside base64 are skipped. */
  push(chunk: string): Uint8Array {
    const output = new Uint8Array(Math.floor(((this.#pendingCount + chunk.length) * 3) / 4) + 3);
    let length = 0;
    for (let position = 0; position < chunk.length; position += 1) {
      const code = chunk.charCodeAt(position);
      if (code === PADDING) {
        length = this.#flushInto(output, length);
        continue;
      }
      // Whitespace and line breaks (MIME-style base64) carry no data.
      const value = code < 256 ? (DECODE_TABLE[code] ?? INVALID) : INVALID;
      if (value === INVALID) continue;
      this.#bits = (this.#bits << 6) | value;
      this.#pendingCount += 1;
      if (this.#pendingCount === 4) {
        output[length] = (this.#bits >> 16) & 0xff;
        output[length + 1] = (this.#bits >> 8) & 0xff;
        output[length + 2] = this.#bits & 0xff;
        length += 3;
        this.#bits = 0;
        this.#pendingCount = 0;
      }
    }
    return output.subarray(0, length);
  }

  /** Ends the stream, decoding an unpadded trailing group. */
  end(): Uint8Array {
    const output = new Uint8Array(2);
    return output.subarray(0, this.#flushInto(output, 0));
  }

  /** Writes the bytes of a partial group (2 chars → 1 byte, 3 → 2) and resets. */
  #flushInto(output: Uint8Array, length: number): number {
    let written = length;
    if (this.#pendingCount === 2) {
      output[written] = (this.#bits >> 4) & 0xff;
      written += 1;
    } else if (this.#pendingCount === 3) {
      output[written] = (this.#bits >> 10) & 0xff;
      output[written + 1] = (this.#bits >> 2) & 0xff;
      written += 2;
    }
    this.#bits = 0;
    this.#pendingCount = 0;
    return written;
  }
}
