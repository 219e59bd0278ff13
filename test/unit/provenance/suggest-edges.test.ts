import { InvalidArgumentError } from '../../../src/domain/errors';
import { suggestEdges } from '../../../src/domain/provenance/suggest-edges';
import type { ActiveEdgeKey, EdgeSuggestion, SuggestionEntity } from '../../../src/domain/provenance/suggestion.model';

/** A small vocabulary written for these tests, aliases in both scripts and English. */
const ENTITIES: SuggestionEntity[] = [
  { id: 'tariffs', name: 'Tariffs', aliases: ['关税', '關稅'], measure: 'Tariffs rise.' },
  {
    id: 'ust-yield',
    name: 'UST yield',
    aliases: ['美债收益率', '美債收益率', '美债', 'UST yields'],
    measure: 'Yields rise (prices fall).',
  },
  { id: 'fed-rate', name: 'Fed policy rate', aliases: ['联邦基金利率'], measure: 'Policy tightening: a hike.' },
  { id: 'dollar', name: 'US dollar', aliases: ['美元', 'the dollar'], measure: 'The dollar strengthens.' },
  { id: 'liquidity', name: 'USD liquidity', aliases: ['美元流动性', '美元流動性', 'dollar liquidity'], measure: 'Liquidity rises.' },
  { id: 'bitcoin', name: 'Bitcoin', aliases: ['比特币', '比特幣', 'BTC'], measure: 'The price rises.' },
  { id: 'rrp', name: 'Reverse repo', aliases: ['逆回购', '逆回購', 'RRP'], measure: 'The balance rises.' },
  { id: 'bills', name: 'T-bill issuance', aliases: ['短期国债', '短期國債', 'T-bills'], measure: 'Issuance rises.' },
  { id: 'funds', name: 'RV funds', aliases: ['对冲基金'], measure: 'Basis-trade positions grow.' },
  { id: 'nochu', name: 'Norinchukin', aliases: ['农林中金', 'Nochu'], measure: "Nochu's sales of foreign bonds rise." },
  { id: 'fed', name: 'Federal Reserve', aliases: ['美联储', '美聯儲', 'Fed'] },
];

const suggest = (text: string, activeEdges: ActiveEdgeKey[] = [], first = 50) =>
  suggestEdges({ text, entities: ENTITIES, activeEdges, first });
const claims = (suggestions: EdgeSuggestion[]) => suggestions.map((s) => `${s.fromId} ${s.polarity} ${s.toId}`);

describe('suggestEdges', () => {
  it('reads a cause before a signed verb and the effect after it, in Simplified Chinese', () => {
    const text = '市场普遍担忧。关税推高美债收益率。';
    const [first] = suggest(text);
    expect(first).toMatchObject({ fromId: 'tariffs', toId: 'ust-yield', polarity: 'POSITIVE', quote: '关税推高美债收益率。' });
    expect(text).toContain(first.quote);
  });

  it('reads Traditional text with the same words, quoting it in its own script', () => {
    const text = '短期國債的發行將耗盡逆回購的資金。';
    expect(suggest(text)).toEqual([
      expect.objectContaining({ fromId: 'bills', toId: 'rrp', polarity: 'NEGATIVE', quote: '短期國債的發行將耗盡逆回購的資金。' }),
    ]);
  });

  it('reads English, with the direction each entity is said to move', () => {
    expect(claims(suggest('Rising UST yields lead to a weaker dollar.'))).toEqual(['ust-yield NEGATIVE dollar']);
    expect(claims(suggest('Higher tariffs drain dollar liquidity.'))).toEqual(['tariffs NEGATIVE liquidity']);
  });

  it('multiplies the directions the sentence gives: X 上升导致 Y 下降 is NEGATIVE, X 下降导致 Y 下降 POSITIVE', () => {
    expect(claims(suggest('美元流动性上升导致美债收益率下降。'))).toEqual(['liquidity NEGATIVE ust-yield']);
    expect(claims(suggest('美元流动性下降导致美债收益率下降。'))).toEqual(['liquidity POSITIVE ust-yield']);
  });

  it('reads a bond named by its price against its measure, the yield', () => {
    expect(claims(suggest('关税导致美债下跌。'))).toEqual(['tariffs POSITIVE ust-yield']);
    expect(claims(suggest('关税导致美债收益率下跌。'))).toEqual(['tariffs NEGATIVE ust-yield']);
  });

  it('reads tightening as UP for a policy and as DOWN for a quantity', () => {
    expect(claims(suggest('联邦基金利率收紧导致美元流动性收紧。'))).toEqual(['fed-rate NEGATIVE liquidity']);
    expect(claims(suggest('联邦基金利率宽松导致美元流动性上升。'))).toEqual(['fed-rate NEGATIVE liquidity']);
  });

  it("reads selling as the seller's DOWN when its measure counts positions, and as its UP when it counts sales", () => {
    expect(claims(suggest('对冲基金抛售美债。'))).toEqual(['funds NEGATIVE ust-yield']);
    expect(claims(suggest('农林中金抛售美债。'))).toEqual(['nochu POSITIVE ust-yield']);
  });

  it('reads every entity money leaves (资金从 X … 流出) as moving down', () => {
    expect(claims(suggest('关税上升，导致资金从比特币（一种风险资产）急速流出。'))).toEqual(['tariffs NEGATIVE bitcoin']);
  });

  it('does not read two moves set against each other (反而) as one leading to the other', () => {
    expect(claims(suggest('美元流动性上升，比特币下跌。'))).toEqual(['liquidity NEGATIVE bitcoin']);
    expect(suggest('美元流动性上升，比特币反而下跌。')).toEqual([]);
  });

  it('takes the entity after 由于 or 因为 as the cause, wherever it stands', () => {
    expect(claims(suggest('由于关税上升，比特币下跌。'))).toEqual(['tariffs NEGATIVE bitcoin']);
    expect(claims(suggest('比特币下跌，因为关税上升。'))).toEqual(['tariffs NEGATIVE bitcoin']);
    expect(claims(suggest('Bitcoin fell because of tariffs.'))).toEqual(['tariffs NEGATIVE bitcoin']);
  });

  it('reads a cause named by a noun: X 是 Y 的原因, Y 的原因是 X', () => {
    expect(claims(suggest('关税上升是比特币下跌的原因。'))).toEqual(['tariffs NEGATIVE bitcoin']);
    expect(claims(suggest('比特币下跌的原因是关税上升。'))).toEqual(['tariffs NEGATIVE bitcoin']);
    expect(claims(suggest('Tariffs are the driver of UST yields.'))).toEqual(['tariffs POSITIVE ust-yield']);
  });

  it('reads a passive 被 with the agent as the cause', () => {
    expect(claims(suggest('美债收益率被关税推高。'))).toEqual(['tariffs POSITIVE ust-yield']);
  });

  it('drops a claim whose causal word is negated', () => {
    expect(suggest('关税不会推高美债收益率。')).toEqual([]);
    expect(suggest('關稅並未導致美債收益率上升。')).toEqual([]);
    expect(suggest('Tariffs do not lead to higher UST yields.')).toEqual([]);
  });

  it('flips a negated direction', () => {
    expect(claims(suggest('美元流动性没有上升，导致比特币下跌。'))).toEqual(['liquidity POSITIVE bitcoin']);
    expect(claims(suggest('美元流动性上升，导致比特币下跌。'))).toEqual(['liquidity NEGATIVE bitcoin']);
  });

  it('scores a hedged claim lower than the same claim stated outright', () => {
    const [plain] = suggest('关税推高美债收益率。');
    const [hedged] = suggest('也许关税推高美债收益率。');
    expect(claims([hedged])).toEqual(claims([plain]));
    expect(hedged.score).toBeLessThan(plain.score);
    expect(suggest('Perhaps tariffs push up UST yields.')[0].score).toBeLessThan(suggest('Tariffs push up UST yields.')[0].score);
  });

  it('names the active edge that already makes the claim, and only that claim', () => {
    const active: ActiveEdgeKey[] = [
      { id: 'e-pos', fromId: 'tariffs', toId: 'ust-yield', polarity: 'POSITIVE' },
      { id: 'e-neg', fromId: 'tariffs', toId: 'bitcoin', polarity: 'NEGATIVE' },
    ];
    const found = suggest('关税推高美债收益率。关税推高比特币。', active);
    expect(found.find((s) => s.toId === 'ust-yield')?.existingEdgeId).toBe('e-pos');
    expect(found.find((s) => s.toId === 'bitcoin')).not.toHaveProperty('existingEdgeId');
  });

  it('never suggests an entity without a measure, but does not read its name as another entity', () => {
    expect(suggest('美联储推高比特币。')).toEqual([]);
    // 美联储 is not 美元 + 联储: the institution's name keeps the dollar out of this sentence.
    expect(suggest('美联储官员的讲话推高了比特币。').map((s) => s.fromId)).not.toContain('dollar');
  });

  it('combines sentences that make the same claim and quotes the best of them', () => {
    const once = suggest('关税推高美债收益率。')[0];
    const twice = suggest('关税推高美债收益率。后来，关税上升，导致美债收益率上升。');
    expect(twice).toHaveLength(1);
    expect(twice[0].score).toBeGreaterThan(once.score);
    expect(twice[0].quote).toBe('关税推高美债收益率。');
  });

  it('orders by score, then from, to, polarity and quote, the same on every run', () => {
    const text = '关税推高比特币。关税推高美债收益率。比特币推高美元。美元流动性上升导致比特币上涨。';
    const found = suggest(text);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < found.length; i++) {
      const [a, b] = [found[i - 1], found[i]];
      expect(a.score > b.score || (a.score === b.score && `${a.fromId} ${a.toId}` <= `${b.fromId} ${b.toId}`)).toBe(true);
    }
    expect(suggest(text)).toEqual(found);
    expect(suggest(text, [], 2)).toEqual(found.slice(0, 2));
  });

  it('quotes verbatim, at most 300 characters, cut to the clauses that hold the claim', () => {
    const filler = '这是一段很长的背景说明，'.repeat(40);
    const text = `${filler}关税推高美债收益率，${filler}`;
    const [found] = suggest(text);
    expect(found.quote).toBe('关税推高美债收益率');
    expect(text).toContain(found.quote);
    for (const s of suggest('美元流动性上升   导致\n比特币上涨。')) expect('美元流动性上升   导致\n比特币上涨。').toContain(s.quote);
  });

  it('does not read an alias inside a longer name or an amount as the entity', () => {
    expect(claims(suggest('关税推高美元流动性。'))).toEqual(['tariffs POSITIVE liquidity']);
    expect(suggest('关税导致数万亿美元蒸发。')).toEqual([]);
  });

  it('refuses a first outside its range', () => {
    expect(() => suggest('关税推高美债收益率。', [], 0)).toThrow(InvalidArgumentError);
  });
});
