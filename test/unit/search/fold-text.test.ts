import { foldText } from '../../../src/domain/search/fold-text';
import { rankTerms, searchTerms } from '../../../src/domain/search/rank-entity';

describe('foldText', () => {
  it.each([
    ['美聯儲', '美联储'],
    ['農林中央金庫', '农林中央金库'],
    ['常設回購工具', '常设回购工具'],
    ['美联储', '美联储'],
    ['ＢＯＪ', 'boj'],
    ['  Fed   Funds ', 'fed funds'],
  ])('folds %s to %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});

describe('rankTerms', () => {
  const terms = searchTerms({ id: 'fed-policy-rate', name: 'Fed policy rate', aliases: ['Fed funds rate', '美聯儲利率'] });

  it('ranks an exact term 0, a prefix 1, a partial match 2 and no match null', () => {
    expect(rankTerms(terms, foldText('FED POLICY RATE'))).toBe(0);
    expect(rankTerms(terms, foldText('美联储利率'))).toBe(0);
    expect(rankTerms(terms, foldText('美联储'))).toBe(1);
    expect(rankTerms(terms, foldText('funds'))).toBe(2);
    expect(rankTerms(terms, foldText('boj'))).toBeNull();
  });
});
