/**
 * One Aho–Corasick automaton over every pattern, stored as a double array.
 *
 * Characters are first mapped to dense alphabet classes (a 64K-entry table; a character that is in no
 * pattern maps to 0 and sends the automaton straight back to the root, which is what most characters of
 * an ordinary reply do). A state s moves on class c to t = base[s] + c when check[t] === s; otherwise it
 * follows its failure link. Every state knows the pattern ending there (term) and the nearest state on
 * its failure chain that ends a pattern too (dict), so reporting all matches never walks dead links.
 * All arrays are typed; a scan allocates nothing.
 */

export interface Hits {
  /** Pattern index of hit k at [2k], exclusive end offset at [2k + 1]. */
  data: Int32Array;
  count: number;
}

export function createHits(capacity = 64): Hits {
  return { data: new Int32Array(capacity * 2), count: 0 };
}

function growHits(h: Hits): void {
  const next = new Int32Array(h.data.length * 2);
  next.set(h.data);
  h.data = next;
}

let stringBuffer = new Uint16Array(1024);

export class Matcher {
  private constructor(
    /** Alphabet class per UTF-16 unit (0: in no pattern). */
    readonly alphabet: Uint16Array,
    private readonly base: Int32Array,
    private readonly check: Int32Array,
    private readonly fail: Int32Array,
    private readonly term: Int32Array,
    private readonly dict: Int32Array,
    /** Length (in units) of each pattern. */
    readonly lengths: Int32Array,
    readonly states: number,
  ) {}

  /** Build from distinct patterns in any order (pattern index = position in the list); sorted ones build fastest. */
  static compile(patterns: readonly string[]): Matcher {
    // 1. Alphabet: classes by descending frequency so common characters get small, dense ids.
    const counts = new Uint32Array(0x10000);
    const seen: number[] = [];
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (counts[c] === 0) seen.push(c);
        counts[c]!++;
      }
    }
    seen.sort((a, b) => counts[b]! - counts[a]! || a - b);
    const alphabet = new Uint16Array(0x10000);
    for (let k = 0; k < seen.length; k++) alphabet[seen[k]!] = k + 1;
    const classes = seen.length;

    // 2. Trie, in typed arrays sized for the worst case (one node per pattern character), children kept
    //    as linked lists (first child / next sibling, newest first) for the placement below. Patterns
    //    are inserted in sorted order, so a pattern shares with the one before it exactly their common
    //    prefix: its nodes hang off the node at that depth, and no child is ever looked up (no table,
    //    no Map, no growing arrays: the first build in a page runs cold, and lookups and allocation were
    //    much of its time). The lexicon stores its patterns sorted, so that order is free; any other
    //    list is put in order first.
    let total = 1;
    let longest = 0;
    for (const p of patterns) {
      total += p.length;
      if (p.length > longest) longest = p.length;
    }
    const label = new Int32Array(total);
    const termOf = new Int32Array(total).fill(-1);
    const firstChild = new Int32Array(total).fill(-1);
    const sibling = new Int32Array(total).fill(-1);
    const lengths = new Int32Array(patterns.length);
    /** The node of the previous pattern at each depth. */
    const path = new Int32Array(longest + 1);
    let nodes = 1;
    let prev = '';
    for (const index of sortedOrder(patterns)) {
      const p = patterns[index]!;
      lengths[index] = p.length;
      if (p.length === 0) continue;
      const shorter = Math.min(prev.length, p.length);
      let common = 0;
      while (common < shorter && prev.charCodeAt(common) === p.charCodeAt(common)) common++;
      if (common === p.length) throw new Error('Matcher.compile: duplicate patterns; deduplicate before compiling');
      let node = path[common]!;
      for (let i = common; i < p.length; i++) {
        const child = nodes++;
        label[child] = alphabet[p.charCodeAt(i)]!;
        sibling[child] = firstChild[node]!;
        firstChild[node] = child;
        path[i + 1] = node = child;
      }
      termOf[node] = index;
      prev = p;
    }

    // 3. Double array, placing nodes in breadth-first order. Free cells form a linked list, so the
    //    search for a base that fits a node's children only visits free cells. A free cell that has
    //    failed as a first child's place many times leaves the list (it stays free, and a later node
    //    can still get it as another child's place): without this the search walks the same crowded
    //    cells again for every node, most of the build's time on a dense array.
    let size = nodes + 2 * classes + 64;
    let base = new Int32Array(size);
    let check = new Int32Array(size).fill(-1);
    let nextFree = new Int32Array(size);
    let prevFree = new Int32Array(size);
    let listed = new Uint8Array(size).fill(1);
    let tries = new Uint8Array(size);
    const TRIES = 16;
    // Cell 0 is the root and the list's sentinel: nextFree[0] is the first free cell, 0 ends the list.
    for (let i = 1; i < size; i++) {
      nextFree[i] = i + 1 < size ? i + 1 : 0;
      prevFree[i] = i - 1;
    }
    nextFree[0] = 1;
    prevFree[0] = size - 1;
    const ensure = (need: number) => {
      if (need < size) return;
      let next = size;
      while (next <= need) next *= 2;
      const grow = (a: Int32Array, fillValue: number) => {
        const g = new Int32Array(next).fill(fillValue);
        g.set(a);
        return g;
      };
      base = grow(base, 0);
      check = grow(check, -1);
      nextFree = grow(nextFree, 0);
      prevFree = grow(prevFree, 0);
      const bytes = (a: Uint8Array, fillValue: number) => {
        const g = new Uint8Array(next).fill(fillValue);
        g.set(a);
        return g;
      };
      listed = bytes(listed, 1);
      tries = bytes(tries, 0);
      const last = prevFree[0]!; // last free cell (0 when none)
      let prev = last;
      for (let i = size; i < next; i++) {
        nextFree[prev] = i;
        prevFree[i] = prev;
        prev = i;
      }
      nextFree[prev] = 0;
      prevFree[0] = prev;
      size = next;
    };
    const unlist = (t: number) => {
      if (!listed[t]) return;
      listed[t] = 0;
      const p = prevFree[t]!;
      const n = nextFree[t]!;
      nextFree[p] = n;
      prevFree[n] = p;
    };
    check[0] = 0x7fffffff; // the root's cell is taken
    const position = new Int32Array(nodes);
    const queue = new Int32Array(nodes);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    while (head < tail) {
      const node = queue[head++]!;
      const s = position[node]!;
      const first = firstChild[node]!;
      if (first === -1) continue;
      let c0 = label[first]!;
      for (let k = sibling[first]!; k !== -1; k = sibling[k]!) if (label[k]! < c0) c0 = label[k]!;
      let b = 0;
      for (let cell = nextFree[0]!; ; cell = nextFree[cell]!) {
        if (cell === 0) {
          // No free cell fits: grow and continue from the new cells.
          const from = size;
          ensure(size + classes + 1);
          cell = from;
        }
        b = cell - c0;
        if (b < 1) continue;
        if (b + classes + 1 >= size) ensure(b + classes + 1);
        let k = first;
        while (k !== -1 && check[b + label[k]!] === -1) k = sibling[k]!;
        if (k === -1) break;
        if (++tries[cell]! >= TRIES) unlist(cell); // nextFree[cell] still leads on
      }
      base[s] = b;
      for (let k = first; k !== -1; k = sibling[k]!) {
        const t = b + label[k]!;
        check[t] = s;
        // Off the free list (inlined: this runs once per state, cold, on a page's first build).
        if (listed[t]) {
          listed[t] = 0;
          const p = prevFree[t]!;
          const n = nextFree[t]!;
          nextFree[p] = n;
          prevFree[n] = p;
        }
        position[k] = t;
        queue[tail++] = k;
      }
    }
    let used = 0;
    for (let i = 0; i < nodes; i++) used = Math.max(used, position[i]!);
    const finalSize = used + classes + 2;
    ensure(finalSize);
    base = base.slice(0, finalSize);
    check = check.slice(0, finalSize);

    // 4. Failure and dictionary links, breadth first (the queue order above).
    const fail = new Int32Array(finalSize);
    const term = new Int32Array(finalSize).fill(-1);
    const dict = new Int32Array(finalSize);
    for (let i = 0; i < nodes; i++) term[position[i]!] = termOf[i]!;
    for (let q = 1; q < tail; q++) {
      const node = queue[q]!;
      const t = position[node]!;
      const cls = label[node]!;
      const parent = check[t]!;
      let f = parent === 0 ? -1 : fail[parent]!;
      let target = 0;
      while (f !== -1) {
        const u = base[f]! + cls;
        if (u < finalSize && check[u] === f) {
          target = u;
          break;
        }
        f = f === 0 ? -1 : fail[f]!;
      }
      fail[t] = target;
      dict[t] = term[target]! >= 0 ? target : dict[target]!;
    }
    return new Matcher(alphabet, base, check, fail, term, dict, lengths, nodes);
  }

  /** All occurrences in codes[from, to), appended to hits (end offsets are in the same coordinates). */
  scanCodes(codes: Uint16Array, from: number, to: number, hits: Hits): void {
    const { alphabet, base, check, fail, term, dict } = this;
    let s = 0;
    for (let i = from; i < to; i++) {
      const c = alphabet[codes[i]!]!;
      if (c === 0) {
        s = 0;
        continue;
      }
      let t = base[s]! + c;
      while (check[t] !== s) {
        if (s === 0) {
          t = -1;
          break;
        }
        s = fail[s]!;
        t = base[s]! + c;
      }
      if (t < 0) continue;
      s = t;
      let o = term[s]! >= 0 ? s : dict[s]!;
      while (o !== 0) {
        if (hits.count * 2 === hits.data.length) growHits(hits);
        hits.data[hits.count * 2] = term[o]!;
        hits.data[hits.count * 2 + 1] = i + 1;
        hits.count++;
        o = dict[o]!;
      }
    }
  }

  /** Same as scanCodes, on a string (benchmarks and simple callers): copied into a reused buffer first. */
  scanString(text: string, hits: Hits): void {
    if (stringBuffer.length < text.length) stringBuffer = new Uint16Array(text.length * 2);
    for (let i = 0; i < text.length; i++) stringBuffer[i] = text.charCodeAt(i);
    this.scanCodes(stringBuffer, 0, text.length, hits);
  }
}

/**
 * The pattern indices in code-unit order: the list's longest sorted head as it is, merged with the rest
 * sorted (the lexicon's sorted patterns, then a shop's few words).
 */
export function sortedOrder(patterns: readonly string[]): Int32Array {
  const n = patterns.length;
  const order = new Int32Array(n);
  let head = 1;
  while (head < n && patterns[head - 1]! < patterns[head]!) head++;
  if (head >= n) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  const rest: number[] = [];
  for (let i = head; i < n; i++) rest.push(i);
  rest.sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : a - b));
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    order[k] = j >= rest.length || (i < head && patterns[i]! <= patterns[rest[j]!]!) ? i++ : rest[j++]!;
  }
  return order;
}
