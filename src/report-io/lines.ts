/** Reading a file line by line in blocks, looking at a line's bytes before decoding any. */
import { closeSync, openSync, readSync } from 'node:fs';

const BLOCK = 4 << 20;
const SPACE = 0x20;
const NL = 0x0a;

/** The lines of a byte range of a file, read in blocks; a line's bytes are not decoded. */
export class Lines {
  private buf = Buffer.alloc(0);
  /** Bytes of buf that hold data. */
  private len = 0;
  /** File offset of buf[0]. */
  private base: number;
  private pos = 0;
  private readAt: number;
  /** File offset from which the bytes are kept across reads (an element being gathered). */
  private keep = -1;
  /** The current line: buf[s, e), without its line break. */
  s = 0;
  e = 0;

  constructor(
    private readonly fd: number,
    from: number,
    private to: number,
    /** How much is read at a time: less where many files are read side by side (merge). */
    private readonly block = BLOCK,
  ) {
    this.base = from;
    this.readAt = from;
  }

  next(): boolean {
    for (;;) {
      const nl = this.pos < this.len ? this.buf.indexOf(NL, this.pos) : -1;
      if (nl >= 0 && nl < this.len) {
        this.s = this.pos;
        this.e = nl > this.pos && this.buf[nl - 1] === 0x0d ? nl - 1 : nl;
        this.pos = nl + 1;
        return true;
      }
      if (this.readAt >= this.to) {
        if (this.pos >= this.len) return false;
        this.s = this.pos;
        this.e = this.pos = this.len;
        return true;
      }
      this.fill();
    }
  }

  /**
   * Reads the next block behind what is still needed (from the held line, else the unread
   * rest), into the same buffer: it is moved to the front, and the buffer grows only when one
   * element is larger than it. Reading into fresh buffers would make garbage at the speed of
   * the disk.
   */
  private fill(): void {
    const from = this.keep >= 0 ? Math.min(this.keep, this.base + this.pos) : this.base + this.pos;
    const shift = from - this.base;
    const kept = this.len - shift;
    const want = Math.min(this.block, this.to - this.readAt);
    if (kept + want > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, kept + want, this.block));
      this.buf.copy(bigger, 0, shift, this.len);
      this.buf = bigger;
    } else {
      this.buf.copy(this.buf, 0, shift, this.len);
    }
    let got = 0;
    while (got < want) {
      const r = readSync(this.fd, this.buf, kept + got, want - got, this.readAt + got);
      if (r === 0) break;
      got += r;
    }
    this.readAt += got;
    if (got < want) this.to = this.readAt; // the file is shorter than the range
    this.len = kept + got;
    this.pos -= shift;
    this.base = from;
  }

  /** Spaces before the line's first other byte. */
  indent(): number {
    let i = this.s;
    while (i < this.e && this.buf[i] === SPACE) i++;
    return i - this.s;
  }

  byte(at: number): number | undefined {
    return this.s + at < this.e ? this.buf[this.s + at] : undefined;
  }

  last(): number | undefined {
    return this.e > this.s ? this.buf[this.e - 1] : undefined;
  }

  /** Where the line after this one starts in the file. */
  after(): number {
    return this.base + this.pos;
  }

  start(): number {
    return this.base + this.s;
  }

  text(): string {
    return this.buf.toString('utf8', this.s, this.e);
  }

  hold(): void {
    this.keep = this.base + this.s;
  }

  /** The text from the held line to the end of this one. */
  release(): string {
    const text = this.buf.toString('utf8', this.keep - this.base, this.e);
    this.keep = -1;
    return text;
  }
}

/** The lines of a file as text, read in blocks (a JSON Lines file, for one). */
export function* textLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const lines = new Lines(fd, 0, Number.MAX_SAFE_INTEGER);
    while (lines.next()) yield lines.text();
  } finally {
    closeSync(fd);
  }
}
