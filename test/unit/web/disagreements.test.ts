import { disagreementLine, opposites, type DisagreeingEdge } from '../../../web/explorer/disagreements';

const A = { id: 'a', name: 'A' };
const B = { id: 'b', name: 'B' };
const C = { id: 'c', name: 'C' };
const edge = (id: string, polarity: DisagreeingEdge['polarity'], from = A, to = B): DisagreeingEdge => ({ id, polarity, from, to });

describe('disagreeing edges in the explorer', () => {
  it('gives each edge of a group the edges of the other polarity, and only those', () => {
    const up1 = edge('up-1', 'POSITIVE');
    const up2 = edge('up-2', 'POSITIVE');
    const down = edge('down', 'NEGATIVE');
    const other = [edge('c-up', 'POSITIVE', B, C), edge('c-down', 'NEGATIVE', B, C)];
    const byEdge = opposites([[down, up1, up2], other]);
    expect(byEdge.get('up-1')).toEqual([down]);
    expect(byEdge.get('up-2')).toEqual([down]);
    expect(byEdge.get('down')).toEqual([up1, up2]);
    expect(byEdge.get('c-up')).toEqual([other[1]]);
    expect([...byEdge.keys()].sort()).toEqual(['c-down', 'c-up', 'down', 'up-1', 'up-2']);
  });

  it('marks nothing for a group of one polarity or no groups', () => {
    expect(opposites([[edge('x', 'POSITIVE'), edge('y', 'POSITIVE')]]).size).toBe(0);
    expect(opposites([]).size).toBe(0);
  });

  it('names the opposite edges and their polarity in the details line', () => {
    const line = disagreementLine([edge('up-1', 'POSITIVE'), edge('up-2', 'POSITIVE')]);
    expect(line).toContain('up-1 (POSITIVE)');
    expect(line).toContain('up-2 (POSITIVE)');
  });
});
