// Guarantee circles and chains (担保圈, 担保链; REL-4), on the whole bank's guarantee graph: an edge
// runs from whoever secures a loan (guarantor, mortgagor, pledgor) to the borrower he secures.
//
// Library: graphology (the graph) with graphology-components (Tarjan's strongly connected
// components) and graphology-dag (topological order). A circle is a strongly connected component
// of two or more parties: each can reach every other through guarantees, so one default travels
// round it. Two circles sharing a member are one component — the circle — listing each elementary
// cycle found in it (bounded, since their number can grow exponentially): a mutual guarantee (互保)
// is a circle of two, a joint guarantee (联保) a circle whose parties guarantee each other in turn.
// A chain is a path through the condensed graph (each circle counted as one stop): its length in
// guarantees is how far a default can travel; the longest chain through each circle is reported.
// SQL recursive CTEs could find cycles, but not components in linear time; in memory the scan
// of a million links takes seconds (bench/network).
import { DirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from 'graphology-components';
import { topologicalSort } from 'graphology-dag';

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

export function scanGuarantees(edges: GuaranteeEdge[]): GuaranteeScan {
  const graph = new DirectedGraph();
  const amountOf = new Map<string, number>();
  for (const e of edges) {
    if (e.from === e.to) continue; // refused at entry; never a circle of one
    graph.mergeNode(e.from); graph.mergeNode(e.to);
    graph.mergeEdge(e.from, e.to);
    amountOf.set(`${e.from}>${e.to}`, (amountOf.get(`${e.from}>${e.to}`) ?? 0) + e.amount);
  }
  const components = stronglyConnectedComponents(graph);
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));

  // The condensed graph: one node per component, an edge where a guarantee crosses between two.
  const dag = new DirectedGraph();
  components.forEach((_, i) => dag.addNode(String(i)));
  graph.forEachEdge((_e, _a, from, to) => {
    const a = componentOf.get(from)!, b = componentOf.get(to)!;
    if (a !== b) dag.mergeEdge(String(a), String(b));
  });
  const order = topologicalSort(dag).map(Number);
  // down[c]: guarantees on the longest path starting at c; up[c]: ending at c; via: the next stop down.
  const down = new Array<number>(components.length).fill(0);
  const up = new Array<number>(components.length).fill(0);
  const next = new Array<number>(components.length).fill(-1);
  for (let i = order.length - 1; i >= 0; i--) {
    const c = order[i]!;
    dag.forEachOutNeighbor(String(c), (n) => { const d = down[Number(n)]! + 1; if (d > down[c]!) { down[c] = d; next[c] = Number(n); } });
  }
  for (const c of order) dag.forEachOutNeighbor(String(c), (n) => { up[Number(n)] = Math.max(up[Number(n)]!, up[c]! + 1); });

  const circles: Circle[] = [];
  components.forEach((members, i) => {
    if (members.length < 2) return;
    const inside = new Set(members);
    let guaranteed = 0;
    for (const m of members) for (const n of graph.outNeighbors(m)) if (inside.has(n)) guaranteed += amountOf.get(`${m}>${n}`) ?? 0;
    circles.push({ members: [...members].sort(), guaranteedAmount: Math.round(guaranteed * 100) / 100, cycles: cyclesIn(graph, members), longestChain: up[i]! + down[i]! });
  });
  circles.sort((a, b) => b.members.length - a.members.length || a.members[0]!.localeCompare(b.members[0]!));

  // Chains: from each component nothing guarantees (a source), the longest path down, if long enough.
  const chains: Chain[] = [];
  for (const c of order) {
    if (dag.inDegree(String(c)) > 0 || down[c]! < MIN_CHAIN) continue;
    const stops: string[] = [];
    for (let at = c; at !== -1; at = next[at]!) stops.push(components[at]!.length === 1 ? components[at]![0]! : `circle:${[...components[at]!].sort()[0]}`);
    chains.push({ members: stops, length: down[c]! });
  }
  chains.sort((a, b) => b.length - a.length || a.members[0]!.localeCompare(b.members[0]!));
  return { circles, chains: chains.slice(0, MAX_CHAINS), parties: graph.order, guarantees: graph.size };
}
