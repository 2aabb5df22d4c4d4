/** Paths and loaders for the committed fixtures. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');

export function seedNames(): string[] {
  return readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
}

export function readSeed(name: string): string {
  return readFileSync(join(SEEDS, name), 'utf8');
}

/** Replaces the `n`th line (0-based) of `text` through `edit`. */
export function editLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  lines[n] = edit(lines[n]);
  return lines.join('\n');
}

/** 0-based index of the first line containing `needle` (after line `from`). */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`no line contains ${needle}`);
}
