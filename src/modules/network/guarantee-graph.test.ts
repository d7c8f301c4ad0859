// Circles and chains on crafted guarantee graphs (issue 15 acceptance): a triangle, a mutual
// guarantee, two circles sharing a member, a 50-long chain, and a self-guarantee that never counts.
import { describe, expect, it } from 'vitest';
import { MAX_CYCLES, scanGuarantees, type GuaranteeEdge } from './guarantee-graph.ts';
import { membersToDraw } from './guarantee-scan.service.ts';

const e = (from: string, to: string, amount = 100): GuaranteeEdge => ({ from, to, amount });

describe('scanGuarantees', () => {
  it('a triangle is one circle with one cycle and the amounts inside it', () => {
    const r = scanGuarantees([e('A', 'B', 100), e('B', 'C', 200), e('C', 'A', 300), e('C', 'X', 999)]);
    expect(r.circles).toHaveLength(1);
    expect(r.circles[0]).toMatchObject({ members: ['A', 'B', 'C'], guaranteedAmount: 600, cycles: [['A', 'B', 'C']] });
  });

  it('a mutual guarantee (互保) is a circle of two', () => {
    const r = scanGuarantees([e('A', 'B'), e('B', 'A'), e('B', 'C')]);
    expect(r.circles.map((c) => c.members)).toEqual([['A', 'B']]);
    expect(r.circles[0]!.cycles).toEqual([['A', 'B']]);
  });

  it('two circles sharing a member are one circle listing both cycles', () => {
    const r = scanGuarantees([e('A', 'B'), e('B', 'C'), e('C', 'A'), e('C', 'D'), e('D', 'E'), e('E', 'C')]);
    expect(r.circles).toHaveLength(1);
    expect(r.circles[0]!.members).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(r.circles[0]!.cycles.map((c) => c.join('')).sort()).toEqual(['ABC', 'CDE']);
  });

  it('two separate circles stay two, largest first', () => {
    const r = scanGuarantees([e('A', 'B'), e('B', 'A'), e('P', 'Q'), e('Q', 'R'), e('R', 'P')]);
    expect(r.circles.map((c) => c.members)).toEqual([['P', 'Q', 'R'], ['A', 'B']]);
  });

  it('a circle of 100,000 parties with a chain hanging off it is one circle, without overflowing the stack', () => {
    // A recursive depth-first search goes one frame per party round the circle (graphology-components'
    // did, and overflowed at some ten thousand).
    const ring = Array.from({ length: 100_000 }, (_, i) => `R${i}`);
    const edges = ring.map((r, i) => e(r, ring[(i + 1) % ring.length]!));
    edges.push(e('R5', 'R7'), e('T1', 'R0'), e('R3', 'S1'), e('S1', 'S2'), e('S2', 'S3'));
    const r = scanGuarantees(edges);
    expect(r.circles).toHaveLength(1);
    expect(r.circles[0]!.members).toHaveLength(100_000);
    expect(r.circles[0]!.longestChain).toBe(4); // T1 → circle → S1 → S2 → S3
    expect(r.chains[0]).toEqual({ members: ['T1', 'circle:R0', 'S1', 'S2', 'S3'], length: 4 });
  });

  it('a chain of fifty guarantees is found whole, and a circle on it reports the longest chain through it', () => {
    const names = Array.from({ length: 51 }, (_, i) => `N${String(i).padStart(2, '0')}`);
    const r = scanGuarantees(names.slice(1).map((n, i) => e(names[i]!, n)));
    expect(r.circles).toEqual([]);
    expect(r.chains[0]).toEqual({ members: names, length: 50 });

    // The same chain with a mutual guarantee between N10 and N11: the two count as one stop.
    const withCircle = scanGuarantees([...names.slice(1).map((n, i) => e(names[i]!, n)), e('N11', 'N10')]);
    expect(withCircle.circles[0]).toMatchObject({ members: ['N10', 'N11'], longestChain: 49 });
    expect(withCircle.chains[0]!.length).toBe(49);
    expect(withCircle.chains[0]!.members).toContain('circle:N10');
  });

  it('short chains are ordinary guarantees, not listed; a self-guarantee is no circle', () => {
    const r = scanGuarantees([e('A', 'B'), e('B', 'C'), e('S', 'S')]);
    expect(r.chains).toEqual([]);
    expect(r.circles).toEqual([]);
    expect(r.parties).toBe(3);
  });

  it('bounds the cycles listed in a dense circle', () => {
    const nodes = Array.from({ length: 8 }, (_, i) => `K${i}`);
    const edges = nodes.flatMap((a) => nodes.filter((b) => b !== a).map((b) => e(a, b)));
    const r = scanGuarantees(edges);
    expect(r.circles[0]!.members).toHaveLength(8);
    expect(r.circles[0]!.cycles).toHaveLength(MAX_CYCLES);
  });
});

describe('membersToDraw (the drill of a large circle)', () => {
  it('draws a small circle whole, and of a large one the members of its cycles first, then the others in order, up to the limit', () => {
    const members = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);
    expect(membersToDraw(members, [['c9', 'c10']], 10)).toEqual(members);
    expect(membersToDraw(members, [['c9', 'c10'], ['c10', 'c7']], 5)).toEqual(['c9', 'c10', 'c7', 'c1', 'c2']);
    expect(membersToDraw(members, [['c1', 'c2', 'c3', 'c4', 'c5', 'c6']], 4)).toEqual(['c1', 'c2', 'c3', 'c4']);
  });
});
