import { edgePath, escapeXml, sceneToSvg, wrapLabel, type SvgScene } from '../../../web/explorer/svg-format';

const scene: SvgScene = {
  box: { x1: 0, y1: 0, x2: 100, y2: 50 },
  padding: 10,
  background: '#ffffff',
  edges: [
    {
      points: [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      width: 2,
      color: '#64748b',
      dash: null,
      arrow: 'triangle',
      arrowSize: 8,
      opacity: 0.5,
    },
  ],
  nodes: [
    { x: 0, y: 0, width: 20, height: 20, shape: 'ellipse', fill: '#1f9d55', stroke: '#fff', strokeWidth: 1, dashed: false, opacity: 1 },
    { x: 100, y: 0, width: 40, height: 40, shape: 'diamond', fill: '#d64545', stroke: '#111', strokeWidth: 4, dashed: false, opacity: 1 },
  ],
  labels: [
    {
      x: 12,
      top: -6,
      anchor: 'start',
      lines: ['S&P 500 <index> ▲'],
      fontSize: 11,
      fontFamily: 'system-ui, "Noto Sans"',
      bold: false,
      color: '#1f2933',
      background: null,
      opacity: 1,
    },
  ],
};

describe('the drawing as SVG', () => {
  it('writes a standalone SVG covering the drawing with its padding', () => {
    const svg = sceneToSvg(scene);
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="120" height="70" viewBox="-10 -10 120 70">/,
    );
    expect(svg).toContain('<ellipse cx="0" cy="0" rx="10" ry="10"');
    expect(svg).toContain('<polygon points="100,-20 120,0 100,20 80,0"');
    expect(svg).toContain('<path d="M0,0 L100,0" fill="none" stroke="#64748b" stroke-width="2" opacity="0.5"/>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('escapes names and fonts, so a label cannot break the markup', () => {
    const svg = sceneToSvg(scene);
    expect(svg).toContain('S&amp;P 500 &lt;index&gt; ▲');
    expect(svg).toContain('font-family="system-ui, &quot;Noto Sans&quot;"');
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
  });

  it('curves an edge through its control points', () => {
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 0 },
      ]),
    ).toBe('M0,0 Q10,10 20,0');
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 30, y: 10 },
        { x: 40, y: 0 },
      ]),
    ).toBe('M0,0 Q10,10 20,10 Q30,10 40,0');
  });

  it('wraps a label at spaces within the width, keeping a long word whole', () => {
    const measure = (s: string) => s.length * 10;
    expect(wrapLabel('Yen funding cost / forward rates', 100, measure)).toEqual(['Yen', 'funding', 'cost /', 'forward', 'rates']);
    expect(wrapLabel('Supercalifragilistic a', 50, measure)).toEqual(['Supercalifragilistic', 'a']);
    expect(wrapLabel('short', 100, measure)).toEqual(['short']);
  });
});
