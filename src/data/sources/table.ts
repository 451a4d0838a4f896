/**
 * Numeric tables: CSV (or any single-character delimiter, with "quoted" fields) and
 * whitespace-separated text such as the UCI `data.txt` files.
 *
 *   const t = readTableSync('iris.csv', {columns: ['sepal_length_(cm)', -1]});   // t.data is Float64Array
 *   const x = tableToTensor(t);                                                    // [rows, 2] float32
 *
 * Only the selected columns are parsed, so other columns may hold text. A missing value (empty,
 * NA, NaN, ?, null) or a non-number in a selected column is an error naming the file, the row
 * (data row and file line) and the column; so is a row with the wrong number of fields. Blank
 * lines and lines starting with the comment marker (default '#') are skipped.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';

export interface TableOptions {
  /** ',' ';' '\t' … or 'whitespace' (runs of spaces/tabs). Default: detected from the first line. */
  delimiter?: string;
  /** Whether the first line holds column names. Default 'auto': yes if one of its fields is not a number. */
  header?: boolean | 'auto';
  /** Columns to keep, in this order: indices (negative counts from the end) or header names. Default all. */
  columns?: readonly (number | string)[];
  /** Lines starting with this are skipped. Default '#'; '' turns it off. */
  comment?: string;
  /** Used in error messages (readTable passes the path). */
  name?: string;
}

export interface Table {
  /** Names of the kept columns (the header's, or their indices as strings). */
  columns: string[];
  /** Index of each kept column in the file. */
  columnIndices: number[];
  rows: number;
  cols: number;
  /** rows × cols values, row-major. */
  data: Float64Array;
}

const MISSING = new Set(['', 'na', 'nan', 'n/a', '?', 'null', 'none']);

function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === 'whitespace') return line.trim().split(/[ \t]+/);
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

/** A strict number parser: the whole field must be a finite decimal number. */
function parseNumber(s: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

function detectDelimiter(line: string): string {
  for (const d of [',', '\t', ';']) if (line.includes(d)) return d;
  return 'whitespace';
}

export function parseTable(text: string, options: TableOptions = {}): Table {
  const name = options.name ?? 'table';
  const comment = options.comment ?? '#';
  const lines = text.split(/\r?\n/);
  const content: number[] = []; // line indices holding data (or the header)
  lines.forEach((l, i) => {
    const t = l.trim();
    if (t !== '' && !(comment !== '' && t.startsWith(comment))) content.push(i);
  });
  if (content.length === 0) throw new Error(`${name}: no data (the file is empty or only comments)`);
  const delimiter = options.delimiter ?? detectDelimiter(lines[content[0]!]!);
  if (delimiter !== 'whitespace' && delimiter.length !== 1) throw new Error(`${name}: delimiter must be one character or 'whitespace', got ${JSON.stringify(delimiter)}`);
  const first = splitLine(lines[content[0]!]!, delimiter);
  const header = options.header === undefined || options.header === 'auto'
    ? first.some((f) => !MISSING.has(f.toLowerCase()) && Number.isNaN(parseNumber(f)))
    : options.header;
  const width = first.length;
  const names = header ? first : first.map((_, i) => String(i));
  const select = (options.columns ?? names.map((_, i) => i)).map((c) => {
    if (typeof c === 'number') {
      if (!Number.isInteger(c) || c < -width || c >= width) throw new Error(`${name}: column ${c} is out of range for ${width} columns`);
      return c < 0 ? c + width : c;
    }
    if (!header) throw new Error(`${name}: column '${c}' selected by name, but the file has no header row`);
    const i = names.indexOf(c);
    if (i < 0) throw new Error(`${name}: no column named '${c}' (columns: ${names.join(', ')})`);
    return i;
  });
  const dataLines = header ? content.slice(1) : content;
  const cols = select.length;
  const data = new Float64Array(dataLines.length * cols);
  dataLines.forEach((li, r) => {
    const fields = splitLine(lines[li]!, delimiter);
    if (fields.length !== width) throw new Error(`${name}: data row ${r + 1} (line ${li + 1}) has ${fields.length} fields, expected ${width} (as on line ${content[0]! + 1})`);
    select.forEach((c, k) => {
      const f = fields[c]!;
      const v = parseNumber(f);
      if (Number.isNaN(v)) {
        const where = `${name}: data row ${r + 1} (line ${li + 1}), column ${c + 1}${header ? ` ('${names[c]}')` : ''}`;
        if (MISSING.has(f.toLowerCase())) throw new Error(`${where}: missing value${f === '' ? '' : ` '${f}'`}`);
        throw new Error(`${where}: '${f}' is not a number`);
      }
      data[r * cols + k] = v;
    });
  });
  return { columns: select.map((c) => names[c]!), columnIndices: select, rows: dataLines.length, cols, data };
}

/** Reads and parses a table file (see {@link parseTable}); errors name the path. */
export async function readTable(path: string, options: Omit<TableOptions, 'name'> = {}): Promise<Table> {
  return parseTable(await readFile(path, 'utf8'), { ...options, name: path });
}

/** Synchronous readTable. */
export function readTableSync(path: string, options: Omit<TableOptions, 'name'> = {}): Table {
  return parseTable(readFileSync(path, 'utf8'), { ...options, name: path });
}

/** Some (default all) columns of a table as a [rows, k] tensor (float32 by default). */
export function tableToTensor(table: Table, options: { columns?: readonly number[]; dtype?: 'float32' | 'float64' | 'int32' } = {}): Tensor {
  const cols = options.columns ?? table.columnIndices.map((_, k) => k);
  cols.forEach((k) => {
    if (!Number.isInteger(k) || k < 0 || k >= table.cols) throw new Error(`tableToTensor: column ${k} is out of range for a table with ${table.cols} columns`);
  });
  const dtype = options.dtype ?? 'float32';
  const out = dtype === 'float64' ? new Float64Array(table.rows * cols.length) : dtype === 'int32' ? new Int32Array(table.rows * cols.length) : new Float32Array(table.rows * cols.length);
  for (let r = 0; r < table.rows; r++) {
    cols.forEach((k, j) => {
      const v = table.data[r * table.cols + k]!;
      if (dtype === 'int32' && !Number.isInteger(v)) throw new Error(`tableToTensor: row ${r}, column '${table.columns[k]}' is ${v}, not an integer (dtype int32)`);
      out[r * cols.length + j] = v;
    });
  }
  return fromTyped(out, [table.rows, cols.length]);
}
