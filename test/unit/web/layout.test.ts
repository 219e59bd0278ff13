import { fitZoom, initialView, labelFontSize, layeredPositions, minRenderedFont, type LayerNode } from '../../../web/explorer/layout';

const node = (id: string, depth: number, strength = 0.5): LayerNode => ({ id, depth, strength, box: { w: 100, h: 20, left: 10 } });
const SPACING = { edgeRoom: 70, subGap: 16, vGap: 7 };

describe('explorer layout', () => {
  it('puts one column per hop count, left to right, with the strongest first', () => {
    const nodes = [node('a', 0, 1), node('b', 1, 0.9), node('c', 1, 0.4), node('d', 2)];
    const positions = layeredPositions(nodes, [{ source: 'a', target: 'b' }], SPACING, { width: 2000, height: 2000 });
    const x = (id: string) => positions.get(id)!.x;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBe(x('c'));
    expect(x('c')).toBeLessThan(x('d'));
    expect(positions.get('b')!.y).toBeLessThan(positions.get('c')!.y);
  });

  it('zooms to fit, never beyond 1', () => {
    const nodes = [node('a', 0), node('b', 1)];
    const positions = layeredPositions(nodes, [], SPACING, { width: 2000, height: 2000 });
    expect(fitZoom(nodes, positions, { width: 5000, height: 5000 })).toBe(1);
    expect(fitZoom(nodes, positions, { width: 135, height: 5000 })).toBeCloseTo(0.5, 1);
  });

  it('uses larger labels below 1000 px, and asks more of their size on screen there', () => {
    expect(labelFontSize(1440)).toBe(11);
    expect(labelFontSize(768)).toBe(13);
    expect(labelFontSize(390)).toBe(13);
    expect(minRenderedFont(1440)).toBeLessThan(minRenderedFont(768));
  });

  it('shows the whole drawing when its labels can then be read', () => {
    const view = initialView({
      box: { x1: 0, y1: -100, x2: 800, y2: 100 },
      anchor: { x: 0, y: 0 },
      viewport: { width: 1000, height: 700 },
      fontSize: 11,
    });
    expect(view.whole).toBe(true);
    expect(view.zoom).toBeCloseTo(940 / 800);
    // centred: the box's centre (400, 0) lands on the viewport's centre
    expect(400 * view.zoom + view.pan.x).toBeCloseTo(500);
    expect(view.pan.y).toBeCloseTo(350);
  });

  it('keeps labels readable on a small screen: zooms no further out than that, shocks in view at the left', () => {
    const view = initialView({
      box: { x1: -20, y1: -600, x2: 1400, y2: 600 },
      anchor: { x: 0, y: 50 },
      viewport: { width: 390, height: 480 },
      fontSize: 13,
      minFont: 9.5,
      padding: 30,
    });
    expect(view.whole).toBe(false);
    expect(view.zoom * 13).toBeCloseTo(9.5);
    // the drawing's left edge sits at the padding
    expect(-20 * view.zoom + view.pan.x).toBeCloseTo(30);
    // the shocks are centred vertically
    expect(50 * view.zoom + view.pan.y).toBeCloseTo(240);
  });

  it('does not leave empty room above a tall drawing when the shocks sit near its top', () => {
    const view = initialView({
      box: { x1: 0, y1: 0, x2: 2000, y2: 2000 },
      anchor: { x: 0, y: 10 },
      viewport: { width: 400, height: 500 },
      fontSize: 13,
      padding: 30,
    });
    expect(0 * view.zoom + view.pan.y).toBeCloseTo(30);
  });
});
