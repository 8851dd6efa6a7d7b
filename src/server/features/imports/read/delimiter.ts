/**
 * Which character separates the fields of a CSV file, guessed from its first lines. Spreadsheets
 * in Spanish-speaking locales export ';' (the comma is their decimal separator), POS systems often
 * use tabs or '|', and nobody labels it: the candidate whose count per line is the most consistent
 * wins. Works on the raw bytes decoded as Latin-1: every candidate and the quote are ASCII, which
 * UTF-8 never uses inside a multi-byte character.
 */

const DELIMITERS = [',', ';', '\t', '|'] as const;
type Delimiter = (typeof DELIMITERS)[number];

const MAX_LINES = 20;
const FIELD_START = new Set<string>([...DELIMITERS, '\n', '\r']);

/**
 * Up to 20 non-blank records of `text`, with quoted parts removed (a delimiter between quotes
 * does not count). With `cutLast` a last line without a line break is ignored (a cut sample),
 * unless it is the only one.
 */
function unquotedLines(text: string, cutLast: boolean): string[] {
  const lines: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < MAX_LINES; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch !== '"') continue;
      if (text[i + 1] === '"') i++;
      else inQuotes = false;
    } else if (ch === '"' && FIELD_START.has(text[i - 1] ?? '\n')) {
      // A quote opens a quoted field only at the start of a field; elsewhere it is a literal (1/2").
      inQuotes = true;
    } else if (ch === '\n') {
      if (current.trim() !== '') lines.push(current);
      current = '';
    } else if (ch !== '\r') {
      current += ch;
    }
  }
  if (lines.length < MAX_LINES && current.trim() !== '' && (!cutLast || lines.length === 0)) lines.push(current);
  return lines;
}

const count = (line: string, ch: string): number => {
  let n = 0;
  for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) n++;
  return n;
};

interface Score {
  delimiter: Delimiter;
  /** Share of lines whose count equals the most common non-zero count. */
  consistency: number;
  mode: number;
}

function score(lines: readonly string[], delimiter: Delimiter): Score | null {
  const freq = new Map<number, number>();
  for (const line of lines) {
    const n = count(line, delimiter);
    if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
  }
  let mode = 0;
  let best = 0;
  for (const [n, f] of freq) {
    if (f > best || (f === best && n > mode)) [mode, best] = [n, f];
  }
  return mode === 0 ? null : { delimiter, consistency: best / lines.length, mode };
}

/** '12,50' as a field of a ';'-separated line: a decimal comma, which makes ';' the likelier delimiter. */
const DECIMAL_COMMA = /^\s*-?\d+,\d+\s*$/;
const hasDecimalCommas = (lines: readonly string[]) => lines.some((l) => l.split(';').some((f) => DECIMAL_COMMA.test(f)));

/** The delimiter of `head` (raw bytes as Latin-1 text); ',' when no candidate occurs at all. */
export function sniffDelimiter(head: string, cutLast: boolean): Delimiter {
  const lines = unquotedLines(head, cutLast);
  if (lines.length === 0) return ',';
  const scores = DELIMITERS.map((d) => score(lines, d)).filter((s): s is Score => s !== null);
  if (scores.length === 0) return ',';
  const decimalCommas = hasDecimalCommas(lines);
  scores.sort((a, b) => {
    if (a.consistency !== b.consistency) return b.consistency - a.consistency;
    const pair = a.delimiter + b.delimiter;
    if (decimalCommas && (pair === ',;' || pair === ';,')) return a.delimiter === ';' ? -1 : 1;
    if (a.mode !== b.mode) return b.mode - a.mode;
    return DELIMITERS.indexOf(a.delimiter) - DELIMITERS.indexOf(b.delimiter);
  });
  return scores[0]!.delimiter;
}
