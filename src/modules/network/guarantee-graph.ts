// Guarantee circles and chains (担保圈, 担保链; REL-4), on the whole bank's guarantee graph: an edge
// runs from whoever secures a loan (guarantor, mortgagor, pledgor) to the borrower he secures.
//
// Library: graphology holds the cyclic core of the graph for the cycle search; the rest of the
// book — every party and guarantee — is kept in typed arrays (graph objects for a million parties
// would cost gigabytes of heap), where the strongly connected components (Tarjan, iterative), the
// topological order (Kahn) and the longest paths are a few loops. graphology-components' strongly
// connected components were used first: its depth-first search is recursive and overflowed the
// stack on a circle of some ten thousand parties (bench/network at 100,000 customers), which a
// bank's guarantee web can be. A circle is a strongly connected component
// of two or more parties: each can reach every other through guarantees, so one default travels
// round it. Two circles sharing a member are one component — the circle — listing each elementary
// cycle found in it (bounded, since their number can grow exponentially): a mutual guarantee (互保)
// is a circle of two, a joint guarantee (联保) a circle whose parties guarantee each other in turn.
// A chain is a path through the condensed graph (each circle counted as one stop): its length in
// guarantees is how far a default can travel; the longest chain through each circle is reported.
// SQL recursive CTEs could find cycles, but not components in linear time; in memory the scan
// of a million links takes seconds (bench/network).
import { DirectedGraph } from 'graphology';

export interface GuaranteeEdge { from: string; to: string; amount: number }

export interface Circle {
  members: string[];
  /** Guaranteed amount of the guarantees inside the circle. */
  guaranteedAmount: number;
  /** Elementary cycles found, each as its members in order (at most MAX_CYCLES, each at most MAX_CYCLE_LENGTH long). */
  cycles: string[][];
  /** Guarantees on the longest chain passing through the circle (the circle counted as one stop). */
  longestChain: number;
}
export interface Chain { members: string[]; length: number }
export interface GuaranteeScan { circles: Circle[]; chains: Chain[]; parties: number; guarantees: number }

export const MAX_CYCLES = 20;
export const MAX_CYCLE_LENGTH = 12;
/** Steps of the cycle search per circle: a circle of thousands is listed with the cycles found within it. */
export const CYCLE_SEARCH_STEPS = 20_000;
/** Chains shorter than this many guarantees are ordinary (A guarantees B guarantees C), not listed. */
export const MIN_CHAIN = 3;
export const MAX_CHAINS = 500;

/**
 * Elementary cycles of one component by bounded depth-first search from each member in turn (each
 * cycle found once, from its smallest member), within MAX_CYCLES and CYCLE_SEARCH_STEPS.
 */
function cyclesIn(graph: DirectedGraph, members: string[]): string[][] {
  const inside = new Set(members);
  const order = new Map([...members].sort().map((m, i) => [m, i]));
  const found: string[][] = [];
  let steps = 0;
  for (const start of [...members].sort()) {
    const path = [start];
    const onPath = new Set(path);
    const walk = (node: string): void => {
      if (found.length >= MAX_CYCLES || ++steps > CYCLE_SEARCH_STEPS) return;
      for (const next of graph.outNeighbors(node)) {
        if (!inside.has(next) || order.get(next)! < order.get(start)!) continue;
        if (next === start) { found.push([...path]); if (found.length >= MAX_CYCLES) return; continue; }
        if (onPath.has(next) || path.length >= MAX_CYCLE_LENGTH) continue;
        path.push(next); onPath.add(next);
        walk(next);
        path.pop(); onPath.delete(next);
      }
    };
    walk(start);
    if (found.length >= MAX_CYCLES || steps > CYCLE_SEARCH_STEPS) break;
  }
  return found;
}

/** Adjacency in compressed sparse rows: the targets of node i are list[start[i] .. start[i + 1]). */
function csr(n: number, from: Int32Array, to: Int32Array) {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) start[from[e]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const list = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) list[fill[from[e]!]!++] = to[e]!;
  return { start, list };
}

/**
 * Strongly connected components of the nodes not skipped (Tarjan's algorithm with its own stack of
 * (node, next edge) frames instead of recursion, so a circle of a million parties is no deeper than
 * one of two). Components of one node included.
 */
function strongComponents(n: number, out: { start: Int32Array; list: Int32Array }, skip: Uint8Array): number[][] {
  const index = new Int32Array(n).fill(-1), low = new Int32Array(n), onStack = new Uint8Array(n);
  const stack = new Int32Array(n), frameNode = new Int32Array(n), frameEdge = new Int32Array(n);
  let sp = 0, counter = 0;
  const components: number[][] = [];
  const enter = (v: number, depth: number) => {
    index[v] = low[v] = counter++; stack[sp++] = v; onStack[v] = 1;
    frameNode[depth] = v; frameEdge[depth] = out.start[v]!;
  };
  for (let root = 0; root < n; root++) {
    if (skip[root] || index[root] !== -1) continue;
    let depth = 0;
    enter(root, depth++);
    while (depth > 0) {
      const v = frameNode[depth - 1]!;
      const j = frameEdge[depth - 1]!;
      if (j < out.start[v + 1]!) {
        frameEdge[depth - 1] = j + 1;
        const w = out.list[j]!;
        if (skip[w]) continue;
        if (index[w] === -1) enter(w, depth++);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      depth--;
      if (depth > 0) { const u = frameNode[depth - 1]!; if (low[v]! < low[u]!) low[u] = low[v]!; }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do { w = stack[--sp]!; onStack[w] = 0; component.push(w); } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

export function scanGuarantees(edges: GuaranteeEdge[]): GuaranteeScan {
  // Parties as integers, guarantees deduplicated with their amounts summed: a bank's whole book
  // fits in typed arrays, where graph objects for every party would cost gigabytes of heap.
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const intern = (key: string) => { let i = idOf.get(key); if (i === undefined) { i = names.length; names.push(key); idOf.set(key, i); } return i; };
  const SHIFT = 2 ** 26; // node ids stay below 67 million: a pair packs into one safe integer
  const amountOf = new Map<number, number>();
  for (const e of edges) {
    if (e.from === e.to) continue; // refused at entry; never a circle of one
    const k = intern(e.from) * SHIFT + intern(e.to);
    amountOf.set(k, (amountOf.get(k) ?? 0) + e.amount);
  }
  const n = names.length;
  const m = amountOf.size;
  const from = new Int32Array(m), to = new Int32Array(m);
  let e = 0;
  for (const k of amountOf.keys()) { from[e] = Math.floor(k / SHIFT); to[e] = k % SHIFT; e++; }
  const out = csr(n, from, to);
  const inn = csr(n, to, from);

  // Only the cyclic core can hold a circle: peel off, again and again, every party nothing
  // guarantees or who guarantees nothing. What stays is usually a small part of the book, and
  // only it is searched for strongly connected components and cycles.
  const inDeg = new Int32Array(n), outDeg = new Int32Array(n), peeled = new Uint8Array(n);
  for (let i = 0; i < n; i++) { inDeg[i] = inn.start[i + 1]! - inn.start[i]!; outDeg[i] = out.start[i + 1]! - out.start[i]!; }
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (inDeg[i] === 0 || outDeg[i] === 0) { peeled[i] = 1; queue.push(i); }
  while (queue.length) {
    const v = queue.pop()!;
    for (let j = out.start[v]!; j < out.start[v + 1]!; j++) { const w = out.list[j]!; if (!peeled[w] && --inDeg[w]! === 0) { peeled[w] = 1; queue.push(w); } }
    for (let j = inn.start[v]!; j < inn.start[v + 1]!; j++) { const w = inn.list[j]!; if (!peeled[w] && --outDeg[w]! === 0) { peeled[w] = 1; queue.push(w); } }
  }
  const circleMembers = strongComponents(n, out, peeled).filter((c) => c.length >= 2).map((c) => c.map((i) => names[i]!));
  const core = new DirectedGraph();
  for (const members of circleMembers) for (const key of members) core.addNode(key);
  for (let k = 0; k < m; k++) if (core.hasNode(names[from[k]!]!) && core.hasNode(names[to[k]!]!)) core.addEdge(names[from[k]!]!, names[to[k]!]!);

  // Components: each circle one, every other party its own.
  const comp = new Int32Array(n).fill(-1);
  circleMembers.forEach((members, c) => { for (const key of members) comp[idOf.get(key)!] = c; });
  let count = circleMembers.length;
  for (let i = 0; i < n; i++) if (comp[i] === -1) comp[i] = count++;
  // The condensed graph (a DAG), its topological order (Kahn), and the longest paths on it.
  const crossing = new Set<number>();
  for (let k = 0; k < m; k++) { const a = comp[from[k]!]!, b = comp[to[k]!]!; if (a !== b) crossing.add(a * SHIFT + b); }
  const cFrom = new Int32Array(crossing.size), cTo = new Int32Array(crossing.size);
  e = 0;
  for (const k of crossing) { cFrom[e] = Math.floor(k / SHIFT); cTo[e] = k % SHIFT; e++; }
  const dag = csr(count, cFrom, cTo);
  const indeg = new Int32Array(count);
  for (let k = 0; k < cTo.length; k++) indeg[cTo[k]!]!++;
  const order = new Int32Array(count);
  let head = 0, tail = 0;
  for (let c = 0; c < count; c++) if (indeg[c] === 0) order[tail++] = c;
  const remaining = indeg.slice();
  while (head < tail) {
    const c = order[head++]!;
    for (let j = dag.start[c]!; j < dag.start[c + 1]!; j++) if (--remaining[dag.list[j]!]! === 0) order[tail++] = dag.list[j]!;
  }
  // down[c]: guarantees on the longest path starting at c; up[c]: ending at c; next: the next stop down.
  const down = new Int32Array(count), up = new Int32Array(count), next = new Int32Array(count).fill(-1);
  for (let i = count - 1; i >= 0; i--) {
    const c = order[i]!;
    for (let j = dag.start[c]!; j < dag.start[c + 1]!; j++) { const d = down[dag.list[j]!]! + 1; if (d > down[c]!) { down[c] = d; next[c] = dag.list[j]!; } }
  }
  for (let i = 0; i < count; i++) {
    const c = order[i]!;
    for (let j = dag.start[c]!; j < dag.start[c + 1]!; j++) { const w = dag.list[j]!; if (up[c]! + 1 > up[w]!) up[w] = up[c]! + 1; }
  }

  const circles: Circle[] = circleMembers.map((members, c) => {
    const inside = new Set(members.map((key) => idOf.get(key)!));
    let guaranteed = 0;
    for (const v of inside) for (let j = out.start[v]!; j < out.start[v + 1]!; j++) if (inside.has(out.list[j]!)) guaranteed += amountOf.get(v * SHIFT + out.list[j]!) ?? 0;
    return { members: [...members].sort(), guaranteedAmount: Math.round(guaranteed * 100) / 100, cycles: cyclesIn(core, members), longestChain: up[c]! + down[c]! };
  });
  circles.sort((a, b) => b.members.length - a.members.length || a.members[0]!.localeCompare(b.members[0]!));

  // Chains: from each component nothing guarantees (a source), the longest path down, if long enough.
  const firstOf = new Int32Array(count).fill(-1);
  for (let i = 0; i < n; i++) if (firstOf[comp[i]!] === -1) firstOf[comp[i]!] = i;
  // A circle stop is named by its smallest member, found once per circle (not per chain through it:
  // sorting a circle of 100,000 members for each of its chains took two minutes).
  const circleNameOf = circleMembers.map((members) => `circle:${members.reduce((a, b) => (b < a ? b : a))}`);
  const nameOfStop = (c: number) => (c < circleMembers.length ? circleNameOf[c]! : names[firstOf[c]!]!);
  const chains: Chain[] = [];
  for (let c = 0; c < count; c++) {
    if (indeg[c]! > 0 || down[c]! < MIN_CHAIN) continue;
    const stops: string[] = [];
    for (let at = c; at !== -1; at = next[at]!) stops.push(nameOfStop(at));
    chains.push({ members: stops, length: down[c]! });
  }
  chains.sort((a, b) => b.length - a.length || a.members[0]!.localeCompare(b.members[0]!));
  return { circles, chains: chains.slice(0, MAX_CHAINS), parties: n, guarantees: m };
}
