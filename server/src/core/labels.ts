/**
 * Label helpers: the comparison key of a row label or heading, its body without the ordinal, and
 * the fuzzy match of a written label against the official ones. Shared by the parser and the rules.
 */
import { VARIANT_CHARS, foldCompat } from './text';

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

/**
 * What each UTF-16 code unit does in a key: 0 dropped, 1 kept as it is, 2 changed by folding
 * (variant characters, radicals, full-width and compatibility forms: the string is folded first).
 * Kept: ASCII letters and digits, Latin letters (not × ÷), CJK ideographs, compatibility
 * ideographs, surrogates (ideographs beyond the BMP), kana.
 */
const KEY_CLASS = (() => {
  const t = new Uint8Array(0x10000);
  const set = (a: number, b: number, v: number) => t.fill(v, a, b + 1);
  set(0x30, 0x39, 1);
  set(0x41, 0x5a, 1);
  set(0x61, 0x7a, 1);
  set(0xc0, 0x24f, 1);
  t[0xd7] = 0;
  t[0xf7] = 0;
  set(0x3400, 0x9fff, 1);
  set(0xf900, 0xfaff, 1);
  set(0xd800, 0xdfff, 1);
  set(0x3040, 0x30ff, 1);
  // What foldCompat changes (VARIANT_CHARS, radicals) or what makes it apply NFKC (NEEDS_NFKC).
  for (const [a, b] of [[0x2460, 0x24ff], [0x2e80, 0x2fdf], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xffef]]) set(a, b, 2);
  for (const ch of Object.keys(VARIANT_CHARS)) t[ch.charCodeAt(0)] = 2;
  return t;
})();

function keyOf(s: string): string {
  // One walk: runs of kept characters are copied whole, and a string with nothing to drop is its
  // own key. A character folding changes sends the string through foldCompat first.
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const k = KEY_CLASS[s.charCodeAt(i)];
    if (k === 1) continue;
    if (k === 2) return foldedKey(foldCompat(s));
    if (i > run) out += s.slice(run, i);
    run = i + 1;
  }
  if (run === 0) return s;
  return run < s.length ? out + s.slice(run) : out;
}

/** The key of a folded string: only what is kept (the loop keyOf's table stands for). */
function foldedKey(f: string): string {
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
  // `^(?:[一二三四五六七八九十]|\d{1,2})(?=.)` removed, by character codes (a hot path of the readers).
  if (key.length < 2) return key;
  const c = key.charCodeAt(0);
  const follows = (i: number) => i < key.length && !isLineTerminator(key.charCodeAt(i));
  if (ORDINAL_NUMERALS.has(c)) return follows(1) ? key.slice(1) : key;
  if (c < 0x30 || c > 0x39) return key;
  const d = key.charCodeAt(1);
  if (d >= 0x30 && d <= 0x39 && follows(2)) return key.slice(2);
  return follows(1) ? key.slice(1) : key;
}

const ORDINAL_NUMERALS = new Set([...'一二三四五六七八九十'].map((ch) => ch.charCodeAt(0)));
const isLineTerminator = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

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
    if (memo.size > 20000) memo.clear();
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
