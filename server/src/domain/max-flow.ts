/**
 * Maximum flow (Dinic's algorithm) on the small graphs of the egress model: a few dozen nodes, real
 * capacities. The topology is laid out once in flat typed arrays (`FlowTopology`); each solve only
 * refills the capacities, so a tick's dozens of solves allocate next to nothing.
 */

/** Residual capacities at or below this (persons) count as saturated: floating-point dust. */
const EPSILON = 1e-9;

export class FlowTopology {
  readonly nodes: number;
  /** Arc i goes to `head[i]`; its reverse is i ^ 1. Arcs of node n are `order[start[n] .. start[n + 1])`. */
  readonly #head: Int32Array;
  readonly #start: Int32Array;
  readonly #order: Int32Array;
  readonly #residual: Float64Array;
  readonly #level: Int32Array;
  readonly #cursor: Int32Array;
  readonly #queue: Int32Array;
  readonly #stackNode: Int32Array;
  readonly #stackArc: Int32Array;

  /** `arcs`: pairs [from, to]; each gets a reverse arc. Capacities come with every `solve`. */
  constructor(nodes: number, arcs: ReadonlyArray<readonly [number, number]>) {
    this.nodes = nodes;
    const count = arcs.length * 2;
    this.#head = new Int32Array(count);
    const tail = new Int32Array(count);
    arcs.forEach(([from, to], i) => {
      this.#head[2 * i] = to;
      tail[2 * i] = from;
      this.#head[2 * i + 1] = from;
      tail[2 * i + 1] = to;
    });
    this.#start = new Int32Array(nodes + 1);
    for (let arc = 0; arc < count; arc++) this.#start[tail[arc]! + 1]!++;
    for (let n = 0; n < nodes; n++) this.#start[n + 1]! += this.#start[n]!;
    this.#order = new Int32Array(count);
    const fill = this.#start.slice(0, nodes);
    for (let arc = 0; arc < count; arc++) this.#order[fill[tail[arc]!]!++] = arc;
    this.#residual = new Float64Array(count);
    this.#level = new Int32Array(nodes);
    this.#cursor = new Int32Array(nodes);
    this.#queue = new Int32Array(nodes);
    this.#stackNode = new Int32Array(nodes + 1);
    this.#stackArc = new Int32Array(nodes + 1);
  }

  /**
   * The maximum flow from `source` to `sink` with `capacity[i]` on arc i forwards and `reverse[i]`
   * backwards; afterwards `onSourceSide(n)` tells the minimum cut's source side.
   */
  solve(source: number, sink: number, capacity: ArrayLike<number>, reverse: ArrayLike<number>): number {
    const residual = this.#residual;
    for (let i = 0; i < capacity.length; i++) {
      residual[2 * i] = capacity[i]!;
      residual[2 * i + 1] = reverse[i]!;
    }
    let value = 0;
    while (this.#bfs(source, sink)) {
      this.#cursor.set(this.#start.subarray(0, this.nodes));
      for (let pushed = this.#augment(source, sink); pushed > EPSILON; pushed = this.#augment(source, sink)) value += pushed;
    }
    return value;
  }

  onSourceSide(node: number): boolean {
    return this.#level[node] !== -1;
  }

  #bfs(source: number, sink: number): boolean {
    const level = this.#level;
    level.fill(-1);
    level[source] = 0;
    const queue = this.#queue;
    let read = 0;
    let write = 0;
    queue[write++] = source;
    while (read < write) {
      const at = queue[read++]!;
      for (let k = this.#start[at]!; k < this.#start[at + 1]!; k++) {
        const arc = this.#order[k]!;
        const to = this.#head[arc]!;
        if (level[to] === -1 && this.#residual[arc]! > EPSILON) {
          level[to] = level[at]! + 1;
          queue[write++] = to;
        }
      }
    }
    return level[sink] !== -1;
  }

  /** One augmenting path in the level graph (iterative depth-first search); the amount pushed. */
  #augment(source: number, sink: number): number {
    const level = this.#level;
    const residual = this.#residual;
    const cursor = this.#cursor;
    const nodes = this.#stackNode;
    const arcs = this.#stackArc;
    let depth = 0;
    nodes[0] = source;
    while (depth >= 0) {
      const at = nodes[depth]!;
      if (at === sink) {
        let pushed = Infinity;
        for (let d = 0; d < depth; d++) pushed = Math.min(pushed, residual[arcs[d]!]!);
        for (let d = 0; d < depth; d++) {
          residual[arcs[d]!]! -= pushed;
          residual[arcs[d]! ^ 1]! += pushed;
        }
        return pushed;
      }
      let advanced = false;
      for (; cursor[at]! < this.#start[at + 1]!; cursor[at]!++) {
        const arc = this.#order[cursor[at]!]!;
        const to = this.#head[arc]!;
        if (level[to] === level[at]! + 1 && residual[arc]! > EPSILON) {
          arcs[depth] = arc;
          nodes[++depth] = to;
          advanced = true;
          break;
        }
      }
      if (!advanced) {
        // A dead end: no path through it in this phase.
        level[at] = -2;
        depth--;
        if (depth >= 0) cursor[nodes[depth]!]!++;
      }
    }
    return 0;
  }
}
