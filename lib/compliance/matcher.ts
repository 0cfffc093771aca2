/**
 * One Aho–Corasick automaton over every pattern, its states numbered breadth first.
 *
 * Numbered so, the children of a state are consecutive states, in code-unit order: state s moves on
 * unit u to the child in [first[s], first[s + 1]) whose label is u (a short scan, a binary search for
 * the few states with many children), or follows its failure link. The root, where the scan of an
 * ordinary reply spends most of its time, has a dense table instead (one entry per character that
 * starts a pattern). A character that is in no pattern at all (alphabet 0) sends the automaton straight
 * back to the root. Every state knows the pattern ending there (term) and the nearest state on its
 * failure chain that ends a pattern too (dict), so reporting all matches never walks dead links.
 *
 * Building it is one pass over the sorted patterns (the trie), one breadth-first numbering and one pass
 * for the failure links: no search for free cells as a double array needs, which was most of a page's
 * first build. All arrays are typed; a scan allocates nothing.
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
    /** Non-zero for every UTF-16 unit that is in some pattern: its index into `root`. */
    readonly alphabet: Uint16Array,
    /** The root's child on each alphabet index (0: none). */
    private readonly root: Int32Array,
    /** Children of state s: states [first[s], first[s + 1]). */
    private readonly first: Int32Array,
    /** The unit that leads into each state. */
    private readonly label: Uint16Array,
    private readonly fail: Int32Array,
    private readonly term: Int32Array,
    private readonly dict: Int32Array,
    /** Length (in units) of each pattern. */
    readonly lengths: Int32Array,
    readonly states: number,
  ) {}

  /** Build from distinct patterns in any order (pattern index = position in the list); sorted ones build fastest. */
  static compile(patterns: readonly string[]): Matcher {
    // 1. Alphabet: an index per unit that is in some pattern (the root's table is indexed by it).
    const alphabet = new Uint16Array(0x10000);
    let classes = 0;
    let total = 1;
    let longest = 0;
    for (const p of patterns) {
      total += p.length;
      if (p.length > longest) longest = p.length;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (alphabet[c] === 0) alphabet[c] = ++classes;
      }
    }

    // 2. Trie, in typed arrays sized for the worst case (one node per pattern character). Patterns are
    //    inserted in sorted order, so a pattern shares with the one before it exactly their common
    //    prefix: its nodes hang off the node at that depth, no child is ever looked up, and each node's
    //    children are made in code-unit order (kept as first child / next sibling, appended at the end).
    const unit = new Uint16Array(total);
    const termOf = new Int32Array(total).fill(-1);
    const firstChild = new Int32Array(total).fill(-1);
    const lastChild = new Int32Array(total).fill(-1);
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
        unit[child] = p.charCodeAt(i);
        if (lastChild[node] === -1) firstChild[node] = child;
        else sibling[lastChild[node]!] = child;
        lastChild[node] = child;
        path[i + 1] = node = child;
      }
      termOf[node] = index;
      prev = p;
    }

    // 3. Breadth-first numbering: the queue position of a node is its state, so a state's children
    //    are the consecutive states enqueued while it was taken off the queue.
    const queue = new Int32Array(nodes);
    const first = new Int32Array(nodes + 1);
    const label = new Uint16Array(nodes);
    const term = new Int32Array(nodes);
    const parent = new Int32Array(nodes);
    let tail = 1;
    term[0] = termOf[0]!;
    for (let s = 0; s < nodes; s++) {
      first[s] = tail;
      for (let k = firstChild[queue[s]!]!; k !== -1; k = sibling[k]!) {
        queue[tail] = k;
        label[tail] = unit[k]!;
        term[tail] = termOf[k]!;
        parent[tail] = s;
        tail++;
      }
    }
    first[nodes] = tail;
    const root = new Int32Array(classes + 1);
    for (let t = first[0]!; t < first[1]!; t++) root[alphabet[label[t]!]!] = t;

    // 4. Failure and dictionary links, breadth first.
    const fail = new Int32Array(nodes);
    const dict = new Int32Array(nodes);
    const m = new Matcher(alphabet, root, first, label, fail, term, dict, lengths, nodes);
    for (let t = first[1]!; t < nodes; t++) {
      const u = label[t]!;
      let f = fail[parent[t]!]!;
      let target = 0;
      for (;;) {
        const g = m.child(f, u);
        if (g > 0) {
          target = g;
          break;
        }
        if (f === 0) break;
        f = fail[f]!;
      }
      fail[t] = target;
      dict[t] = term[target]! >= 0 ? target : dict[target]!;
    }
    for (let t = first[0]!; t < first[1]!; t++) dict[t] = 0;
    return m;
  }

  /** The child of state s on unit u, or 0. */
  private child(s: number, u: number): number {
    if (s === 0) {
      const c = this.alphabet[u]!;
      return c === 0 ? 0 : this.root[c]!;
    }
    const { first, label } = this;
    let lo = first[s]!;
    let hi = first[s + 1]!;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) {
        const l = label[lo]!;
        if (l === u) return lo;
        if (l > u) return 0;
      }
      return 0;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const l = label[mid]!;
      if (l === u) return mid;
      if (l < u) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }

  /** All occurrences in codes[from, to), appended to hits (end offsets are in the same coordinates). */
  scanCodes(codes: Uint16Array, from: number, to: number, hits: Hits): void {
    const { alphabet, root, first, label, fail, term, dict } = this;
    let s = 0;
    for (let i = from; i < to; i++) {
      const u = codes[i]!;
      const c = alphabet[u]!;
      if (c === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        let t = 0;
        if (s === 0) t = root[c]!;
        else {
          let lo = first[s]!;
          const hi = first[s + 1]!;
          if (hi - lo <= 8) {
            for (; lo < hi; lo++) {
              const l = label[lo]!;
              if (l >= u) {
                if (l === u) t = lo;
                break;
              }
            }
          } else t = this.child(s, u);
        }
        if (t !== 0) {
          s = t;
          break;
        }
        if (s === 0) break;
        s = fail[s]!;
      }
      if (s === 0) continue;
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
