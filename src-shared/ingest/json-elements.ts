/**
 * Streaming splitters for dump files: text goes in chunk by chunk (so they
 * sit behind a gunzip stream), and the exact text of each instance comes out,
 * to be `JSON.parse`d by the caller.
 *
 * Why hand-written rather than a streaming JSON parser from npm: a dump of a
 * million users is gigabytes of JSON, and a general streaming parser builds
 * every value token by token in JavaScript. This splitter only follows strings
 * (skipping to the next `"` with `indexOf`), escapes and bracket depth, and
 * leaves each instance to V8's native `JSON.parse`. Measured on this project's
 * generated dumps (Node 20, 2-core VM; test/ingest/dump-throughput.test.ts),
 * file stream → split → `JSON.parse` of every element:
 *   - this splitter: 150–190 MB/s (a 136 MB data.User.json: 147–171 MB/s);
 *   - stream-json 3.8 (`parser()` + `streamArray()`), same files, measured
 *     once outside the project: 23–35 MB/s, 5–7× slower;
 *   - one `JSON.parse` of the whole file: 35–90 MB/s, and it needs the file as
 *     one string, which a multi-GB dump cannot be.
 *
 * Offsets are in characters (UTF-16 code units) of the decompressed text,
 * 0-based; the caller turns them into bytes if it can.
 */

export interface SplitError {
  message: string;
  /** Character offset (0-based) in the whole text where the problem was found. */
  offset: number;
}

/** What the text turned out to be: a plain array, or a VOSS API list answer `{"pagination": …, "resources": […]}`. */
export type SplitShape = 'array' | 'api-list';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isBlank(c: number): boolean {
  // JSON white space, plus the byte order mark a file may start with.
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

/**
 * Splits a JSON array, or the `resources` array of an API list answer, into
 * the text of its elements. Feed it with `push` and finish with `end`; each
 * returns the elements completed so far. After a structure error (`failure()` is
 * set) it returns nothing more: the rest of the text cannot be trusted.
 *
 * It checks structure (brackets, what is at the top level, text after the
 * end) but not the elements' insides: `JSON.parse` of each element does that.
 */
export class JsonElementSplitter {
  /** The structure error that stopped the splitting, if any (a method, so callers re-read it after each push). */
  failure(): SplitError | undefined {
    return this.error;
  }

  /** Set once the first character is seen. */
  shape: SplitShape | undefined;
  private error: SplitError | undefined;

  /** Open brackets, innermost last. */
  private readonly open: number[] = [];
  /** The depth elements live at: 1 for an array, 2 for the `resources` array; 0 until known. */
  private elementDepth = 0;
  private inString = false;
  /** The previous chunk ended with an escaping backslash inside a string. */
  private escapePending = false;
  /** Inside an element (between its first character and the `,` or `]` after it). */
  private inElement = false;
  /** The last thing at element depth was a comma: an element must follow. */
  private afterComma = false;
  /** Pieces of the current element from earlier chunks. */
  private elementParts: string[] = [];
  /** The top-level value is closed; only blanks may follow. */
  private done = false;
  /** Characters in the chunks before the current one. */
  private consumed = 0;
  /** API list answer: the text of the last string at depth 1 (a key, if a `:` follows), and the key in force. */
  private lastString: string | undefined;
  private stringParts: string[] | undefined;
  private currentKey: string | undefined;
  private resourcesSeen = false;

  push(chunk: string): string[] {
    const out: string[] = [];
    if (this.error !== undefined) return out;
    const n = chunk.length;
    if (n === 0) return out;
    let i = 0;
    // Where the current element (or depth-1 string) starts in this chunk.
    let elementStart = 0;
    let stringStart = 0;

    if (this.escapePending) {
      this.escapePending = false;
      i = 1;
    }

    while (i < n) {
      if (this.inString) {
        // Jump to the next quote; it ends the string unless an odd run of backslashes escapes it.
        const q = chunk.indexOf('"', i);
        if (q === -1) {
          this.escapePending = oddBackslashRunBefore(chunk, n, i);
          i = n;
          break;
        }
        if (oddBackslashRunBefore(chunk, q, i)) {
          i = q + 1;
          continue;
        }
        this.inString = false;
        if (this.stringParts !== undefined) {
          this.stringParts.push(chunk.slice(stringStart, q));
          this.lastString = this.stringParts.join('');
          this.stringParts = undefined;
        }
        i = q + 1;
        continue;
      }

      const c = chunk.charCodeAt(i);
      const depth = this.open.length;

      if (depth > this.elementDepth && this.elementDepth !== 0) {
        // Inside an element: only strings and brackets matter. This is the hot
        // loop, so it runs on locals until the element's outer bracket closes.
        const open = this.open;
        const elementDepth = this.elementDepth;
        let d = depth;
        while (i < n) {
          const k = chunk.charCodeAt(i);
          if (k === QUOTE) {
            let from = i + 1;
            let q = chunk.indexOf('"', from);
            while (q !== -1 && oddBackslashRunBefore(chunk, q, from)) {
              from = q + 1;
              q = chunk.indexOf('"', from);
            }
            if (q === -1) {
              this.inString = true;
              this.escapePending = oddBackslashRunBefore(chunk, n, from);
              i = n;
              break;
            }
            i = q + 1;
            continue;
          }
          if (k === OPEN_BRACE || k === OPEN_BRACKET) {
            open.push(k);
            d++;
          } else if (k === CLOSE_BRACE || k === CLOSE_BRACKET) {
            if (!this.close(k, i)) return out;
            d--;
            if (d === elementDepth) {
              i++;
              break;
            }
          }
          i++;
        }
        continue;
      }

      if (depth === this.elementDepth && this.elementDepth !== 0) {
        // Between elements, or in a scalar element.
        if (c === COMMA) {
          if (!this.inElement) return this.fail(out, 'a value is missing before ","', i);
          out.push(this.takeElement(chunk, elementStart, i));
          this.inElement = false;
          this.afterComma = true;
        } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
          if (this.inElement) out.push(this.takeElement(chunk, elementStart, i));
          else if (this.afterComma) return this.fail(out, `a value is missing after the last "," (a trailing comma before "${String.fromCharCode(c)}")`, i);
          this.inElement = false;
          this.afterComma = false;
          if (!this.close(c, i)) return out;
          if (this.elementDepth === 2) {
            // Back in the API answer's top object.
            this.elementDepth = 0;
            this.currentKey = undefined;
          }
        } else if (!isBlank(c)) {
          if (!this.inElement) {
            this.inElement = true;
            this.afterComma = false;
            elementStart = i;
          }
          if (c === QUOTE) this.inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.open.push(c);
        }
        i++;
        continue;
      }

      // Outside the elements: the top level, or the API answer's other members.
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (this.done) {
        const hint = this.shape === 'api-list' && c === OPEN_BRACE ? ' (one object per line? then name the file .jsonl)' : '';
        return this.fail(out, `there is more text after the end of the JSON value${hint}`, i);
      }
      if (depth === 0) {
        if (c === OPEN_BRACKET) {
          this.shape = 'array';
          this.elementDepth = 1;
        } else if (c === OPEN_BRACE) {
          this.shape = 'api-list';
        } else {
          return this.fail(out, `the text is not a JSON array or object: it starts with ${JSON.stringify(chunk.slice(i, i + 20))}`, i);
        }
        this.open.push(c);
        i++;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (depth === 1) {
          this.stringParts = [];
          stringStart = i + 1;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth === 1 && c === OPEN_BRACKET && this.currentKey === 'resources') {
          this.elementDepth = 2;
          this.resourcesSeen = true;
        }
        this.open.push(c);
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (!this.close(c, i)) return out;
      } else if (depth === 1 && c === COLON) {
        this.currentKey = this.lastString;
      } else if (depth === 1 && c === COMMA) {
        this.currentKey = undefined;
      }
      i++;
    }

    // Carry what is still open into the next chunk.
    if (this.inElement) this.elementParts.push(elementStart === 0 ? chunk : chunk.slice(elementStart));
    if (this.stringParts !== undefined) this.stringParts.push(chunk.slice(stringStart));
    this.consumed += n;
    return out;
  }

  /** The text is complete: report what is still open. */
  end(): string[] {
    const out: string[] = [];
    if (this.error !== undefined) return out;
    // Offsets past the last chunk: the end of the text (fail() adds what was consumed).
    const at = 0;
    if (this.shape === undefined) return this.fail(out, 'the file holds no JSON value (it is empty or blank)', at);
    if (this.inString || this.open.length > 0) {
      return this.fail(
        out,
        `the JSON ends early: ${this.inString ? 'a string and ' : ''}${this.open.length} bracket(s) are still open; the file may be truncated`,
        at,
      );
    }
    if (this.shape === 'api-list' && !this.resourcesSeen) {
      return this.fail(out, 'the file holds a JSON object without a "resources" list, so it is not a VOSS API list answer', at);
    }
    return out;
  }

  private close(c: number, at: number): boolean {
    const opener = this.open.pop();
    const expected = opener === OPEN_BRACE ? CLOSE_BRACE : opener === OPEN_BRACKET ? CLOSE_BRACKET : undefined;
    if (expected !== c) {
      this.fail(
        [],
        expected === undefined
          ? `"${String.fromCharCode(c)}" closes nothing`
          : `"${String.fromCharCode(c)}" where "${String.fromCharCode(expected)}" was expected (unbalanced brackets)`,
        at,
      );
      return false;
    }
    if (this.open.length === 0) this.done = true;
    return true;
  }

  private takeElement(chunk: string, start: number, end: number): string {
    let text: string;
    if (this.elementParts.length > 0) {
      this.elementParts.push(chunk.slice(0, end));
      text = this.elementParts.join('');
      this.elementParts = [];
    } else {
      text = chunk.slice(start, end);
    }
    // A scalar element or an object followed by blanks ends at the separator: drop the blanks.
    return isBlank(text.charCodeAt(text.length - 1)) ? text.trimEnd() : text;
  }

  private fail(out: string[], message: string, localOffset: number): string[] {
    this.error = { message, offset: this.consumed + localOffset };
    this.elementParts = [];
    return out;
  }
}

/** Whether the backslashes right before `end` (back to `from` at most) form an odd run, i.e. escape what is at `end`. */
function oddBackslashRunBefore(chunk: string, end: number, from: number): boolean {
  let j = end - 1;
  while (j >= from && chunk.charCodeAt(j) === BACKSLASH) j--;
  return (end - 1 - j) % 2 === 1;
}

export interface JsonLine {
  text: string;
  /** 1-based line number. */
  line: number;
}

/**
 * Splits JSON lines text (`.jsonl`, `.ndjson`) into its non-blank lines, with
 * their numbers. `\r\n` endings are fine; a leading byte order mark is dropped.
 */
export class JsonLinesSplitter {
  private parts: string[] = [];
  private line = 1;
  private first = true;

  push(chunk: string): JsonLine[] {
    const out: JsonLine[] = [];
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      let text = chunk.slice(start, nl);
      if (this.parts.length > 0) {
        this.parts.push(text);
        text = this.parts.join('');
        this.parts = [];
      }
      this.emit(text, out);
      start = nl + 1;
    }
    if (start < chunk.length) this.parts.push(start === 0 ? chunk : chunk.slice(start));
    return out;
  }

  end(): JsonLine[] {
    const out: JsonLine[] = [];
    if (this.parts.length > 0) {
      this.emit(this.parts.join(''), out);
      this.parts = [];
    }
    return out;
  }

  private emit(text: string, out: JsonLine[]): void {
    const trimmed = text.trim();
    if (trimmed !== '') out.push({ text: trimmed, line: this.line });
    this.line++;
  }
}
