/**
 * Maximum flow (Dinic's algorithm) on the small graphs of the egress model: a few dozen nodes, real
 * capacities. Returns the flow's value and the minimum cut's source side (nodes still reachable
 * from the source in the residual graph).
 */
export interface FlowGraph {
  nodes: number;
  /** `both`: an undirected link (the same capacity either way), as a gate between two zones. */
  edges: ReadonlyArray<{ from: number; to: number; capacity: number; both: boolean }>;
}

/** Residual capacities at or below this (persons) count as saturated: floating-point dust. */
const EPSILON = 1e-9;

export function maxFlow(graph: FlowGraph, source: number, sink: number): { value: number; sourceSide: boolean[] } {
  const n = graph.nodes;
  // Arc i and its reverse i ^ 1.
  const head: number[] = [];
  const residual: number[] = [];
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (const { from, to, capacity, both } of graph.edges) {
    adjacency[from]!.push(head.length);
    head.push(to), residual.push(capacity);
    adjacency[to]!.push(head.length);
    head.push(from), residual.push(both ? capacity : 0);
  }
  const level = new Int32Array(n);
  const next = new Int32Array(n);
  const bfs = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let q = 0; q < queue.length; q++) {
      const at = queue[q]!;
      for (const arc of adjacency[at]!) {
        const to = head[arc]!;
        if (level[to] === -1 && residual[arc]! > EPSILON) (level[to] = level[at]! + 1), queue.push(to);
      }
    }
    return level[sink] !== -1;
  };
  const push = (at: number, limit: number): number => {
    if (at === sink) return limit;
    const arcs = adjacency[at]!;
    for (; next[at]! < arcs.length; next[at]!++) {
      const arc = arcs[next[at]!]!;
      const to = head[arc]!;
      if (level[to] !== level[at]! + 1 || residual[arc]! <= EPSILON) continue;
      const pushed = push(to, Math.min(limit, residual[arc]!));
      if (pushed > EPSILON) {
        residual[arc]! -= pushed;
        residual[arc ^ 1]! += pushed;
        return pushed;
      }
    }
    return 0;
  };
  let value = 0;
  while (bfs()) {
    next.fill(0);
    for (let pushed = push(source, Infinity); pushed > EPSILON; pushed = push(source, Infinity)) value += pushed;
  }
  return { value, sourceSide: Array.from(level, (l) => l !== -1) };
}
