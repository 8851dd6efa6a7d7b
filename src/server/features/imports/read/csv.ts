/**
 * An incremental CSV parser (RFC 4180, lenient) fed decoded text chunk by chunk. Speed decides
 * whether a million-row sales file imports in seconds: a line without a quote character — nearly
 * every line of a POS export — is one `indexOf` and one `split`; only lines with a quote go
 * through the character-by-character path, which handles delimiters, "" and line breaks inside
 * quotes and counts the physical lines a record spans.
 *
 * Lenient where real exports are sloppy: a quote inside an unquoted field is a literal (`Tubo 1/2"`),
 * text after a closing quote is appended to the field, CRLF and LF both end a line, and blank records
 * (empty, white space or only delimiters) are skipped. Fields are not trimmed. A record longer than
 * 1 MiB — in practice an unclosed quote swallowing the file — is refused, so memory stays bounded.
 */
import { AppError } from '../../../errors.js';

/** Receives each record and the 1-based physical line it starts on. */
export type RecordSink = (fields: string[], line: number) => void;

const MAX_RECORD_CHARS = 1 << 20;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Records of a text: complete ones, and where an incomplete last one starts. */
export class CsvParser {
  /** Text after the last complete record, kept for the next chunk. */
  private rest = '';
  /** Physical line on which `rest` starts. */
  private line = 1;
  private readonly blank: RegExp;

  constructor(
    private readonly delimiter: string,
    private readonly sink: RecordSink,
  ) {
    const d = delimiter.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    this.blank = new RegExp(`^[\\s${d}]*$`);
  }

  /** Parse the complete records of `rest + text`; keep the incomplete tail. */
  push(text: string): void {
    this.parse(this.rest + text, false);
  }

  /** End of input: the tail is the last record. An unclosed quote is an error naming its line. */
  end(): void {
    this.parse(this.rest, true);
  }

  private parse(text: string, final: boolean): void {
    const d = this.delimiter;
    const n = text.length;
    let p = 0;
    while (p < n) {
      let e = text.indexOf('\n', p);
      if (e === -1) {
        if (!final) break;
        e = n;
      }
      const end = e > p && text.charCodeAt(e - 1) === CR ? e - 1 : e;
      const raw = text.slice(p, end);
      if (raw.indexOf('"') === -1) {
        if (raw.length > 0 && !this.isBlank(raw)) this.sink(raw.split(d), this.line);
        this.line++;
        p = e + 1;
        continue;
      }
      const next = this.quoted(text, p, final);
      if (next === -1) break;
      p = next;
    }
    this.rest = p < n ? text.slice(p) : '';
    if (this.rest.length > MAX_RECORD_CHARS) throw this.tooLong();
  }

  private isBlank(raw: string): boolean {
    const c = raw.charCodeAt(0);
    // Only a line that starts with white space or the delimiter can be blank.
    return (c <= 32 || raw[0] === this.delimiter) && this.blank.test(raw);
  }

  /**
   * The record starting at `start`, character by character; returns the index after it, or -1
   * when it continues past the end of a non-final text.
   */
  private quoted(text: string, start: number, final: boolean): number {
    const n = text.length;
    const dc = this.delimiter.charCodeAt(0);
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let field = '';
      if (text.charCodeAt(i) === QUOTE) {
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1 || (q + 1 === n && !final)) {
            if (!final) return -1;
            throw this.unclosed();
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          field += text.slice(from, q);
          i = q + 1;
          break;
        }
      }
      // Unquoted text (or what follows a closing quote) up to the delimiter or the line end.
      const from = i;
      let c = 0;
      while (i < n && (c = text.charCodeAt(i)) !== dc && c !== LF) i++;
      if (i === n && !final) return -1;
      let to = i;
      if (i < n && c === LF && to > from && text.charCodeAt(to - 1) === CR) to--;
      else if (i === n && to > from && text.charCodeAt(to - 1) === CR) to--;
      field += text.slice(from, to);
      fields.push(field);
      if (i < n && c === dc) {
        i++;
        continue;
      }
      // End of record: at a line break or the end of the final text.
      const next = i < n ? i + 1 : n;
      const line = this.line;
      for (let k = text.indexOf('\n', start); k !== -1 && k < next; k = text.indexOf('\n', k + 1)) this.line++;
      if (i === n) this.line++;
      if (fields.some((f) => f.trim() !== '')) this.sink(fields, line);
      return next;
    }
  }

  private unclosed(): AppError {
    return new AppError('validation_error', `Line ${this.line}: a quoted field is opened but never closed.`, { line: this.line });
  }

  private tooLong(): AppError {
    const why = this.rest.includes('"') ? 'a quoted field is probably never closed' : 'it has no line break';
    return new AppError('validation_error', `Line ${this.line}: the record is longer than 1 MiB (${why}).`, { line: this.line });
  }
}
