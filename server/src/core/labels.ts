/**
 * Label helpers: the comparison key of a row label or heading, its body without the ordinal, and
 * the fuzzy match of a written label against the official ones. Shared by the parser and the rules.
 */
import { foldCompat } from './text';

/**
 * The comparison key of a label: NFKC, variant characters mapped, then only CJK ideographs,
 * letters and digits kept. `（二）部分公开 (区分处理的, …)` and `(二)部分公开（区分处理的，…）` share a key.
 */
/** Cell and label texts recur (every report has the same row labels): keys of short texts are kept. */
const KEYS = new Map<string, string>();

export function labelKey(s: string): string {
  if (s.length > 80) return keyOf(s);
  let k = KEYS.get(s);
  if (k === undefined) {
    if (KEYS.size > 20000) KEYS.clear();
    k = keyOf(s);
    KEYS.set(s, k);
  }
  return k;
}

function keyOf(s: string): string {
  const f = foldCompat(s);
  // A char-code loop: the Unicode-property regex this replaces was the parser's hottest spot.
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    const keep =
      (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
      (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0x3040 && c <= 0x30ff);
    if (keep) out += f[i];
  }
  return out;
}

/** Strips one leading ordinal (`七总计` → `总计`, `3危及…` → `危及…`). */
export function labelBody(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]|\d{1,2})(?=.)/, '');
}

/**
 * Edit distance of two short strings, or `max + 1` once it must exceed `max` (the band keeps
 * it linear in the length for a fixed budget).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The one candidate within the edit budget of `s` (one wrong, missing or extra character in a short label, two in a long one), or -1. */
const CLOSEST = new WeakMap<string[], Map<string, number>>();

export function closestLabel(s: string, candidates: string[]): number {
  // Header words and label fragments recur in every report: remember each answer per label list.
  let memo = CLOSEST.get(candidates);
  if (!memo) CLOSEST.set(candidates, (memo = new Map()));
  let hit = memo.get(s);
  if (hit === undefined) {
    if (memo.size > 5000) memo.clear();
    hit = closest(s, candidates);
    memo.set(s, hit);
  }
  return hit;
}

function closest(s: string, candidates: string[]): number {
  const max = s.length <= 6 ? 1 : 2;
  let best = -1;
  let bestD = max + 1;
  let tie = false;
  candidates.forEach((c, i) => {
    const d = editDistance(s, c, max);
    if (d < bestD) { best = i; bestD = d; tie = false; } else if (d === bestD && d <= max) tie = true;
  });
  return bestD <= max && !tie ? best : -1;
}
