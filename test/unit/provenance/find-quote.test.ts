import { join } from 'node:path';
import { findQuote } from '../../../src/domain/provenance/find-quote';
import { normalizeForQuote } from '../../../src/domain/provenance/normalize-for-quote';
import { prepareQuoteSource } from '../../../src/domain/provenance/quote-source';
import { PROJECT_ROOT } from '../../../src/config';
import { readSeed } from '../../../src/storage/seed/read-seed';
import { readShared } from '../../support/shared-dir';

const ARTICLE = [
  '美联储以 1980 年代以来最快的速度加息。结果，这对任何持有 UST 的人来说都是坏消息。',
  '从 2021 年到 2023 年，收益率上升产生了自 1812 年战争以来最糟糕的债券轮次。',
  '如果美聯儲的資產負債表增長,那便是美元流動性利好,最終將推高比特幣和其他加密貨幣的價格。',
  'The café   closed\n\tearly because the Fed raised rates.',
].join('\n');

describe('normalizeForQuote', () => {
  it('composes to NFC and collapses every whitespace run to one space, trimmed', () => {
    expect(normalizeForQuote('  cafe\u0301 \n\t au   lait ')).toBe('caf\u00e9 au lait');
  });

  it('changes nothing else: not case, width or script', () => {
    expect(normalizeForQuote('ＢＯＪ Fed 美聯儲')).toBe('ＢＯＪ Fed 美聯儲');
  });
});

describe('findQuote', () => {
  it('finds a verbatim quote and gives its offsets in the original text', () => {
    const quote = '最終將推高比特幣和其他加密貨幣的價格';
    const match = findQuote(ARTICLE, quote);
    expect(match).toEqual({ found: true, offset: ARTICLE.indexOf(quote), end: ARTICLE.indexOf(quote) + quote.length });
  });

  it('matches a decomposed quote against composed text and the other way round', () => {
    expect(findQuote(ARTICLE, 'The cafe\u0301 closed').found).toBe(true);
    expect(findQuote('The cafe\u0301 closed', 'The caf\u00e9 closed')).toEqual({
      found: true,
      offset: 0,
      end: 'The cafe\u0301 closed'.length,
    });
  });

  it('treats any run of whitespace, line breaks included, as one space on either side', () => {
    const match = findQuote(ARTICLE, 'closed early  because');
    expect(match.found).toBe(true);
    if (match.found) expect(ARTICLE.slice(match.offset, match.end)).toBe('closed\n\tearly because');
  });

  it('does not fold Traditional to Simplified: verbatim means verbatim', () => {
    expect(findQuote(ARTICLE, '如果美联储的资产负债表增长').found).toBe(false);
    expect(findQuote(ARTICLE, '如果美聯儲的資產負債表增長').found).toBe(true);
  });

  it('does not fold case or width', () => {
    expect(findQuote(ARTICLE, 'the fed raised rates').found).toBe(false);
    expect(findQuote(ARTICLE, 'ＵＳＴ').found).toBe(false);
  });

  it('names the closest passage of the text when the quote is not there', () => {
    const match = findQuote(ARTICLE, '从 2021 年到 2023 年，收益率上升产生了自 1812 年战争以来最差的债券轮次。');
    expect(match.found).toBe(false);
    if (match.found) return;
    expect(match.closest.passage).toContain('收益率上升产生了自 1812 年战争以来最糟糕');
    expect(ARTICLE.slice(match.closest.offset)).toMatch(new RegExp(`^${escape(match.closest.passage)}`));
    expect(match.closest.similarity).toBeGreaterThan(0.8);
    expect(match.closest.similarity).toBeLessThan(1);
  });

  it('gives a low similarity to a quote the text has nothing like', () => {
    const match = findQuote(ARTICLE, 'nothing of the sort is written anywhere here');
    expect(match.found).toBe(false);
    if (!match.found) expect(match.closest.similarity).toBeLessThan(0.3);
  });

  it('passes every quote a raw substring check passes, even where NFC joins a mark across its edge', () => {
    const text = 'ab\u0065\u0301c';
    expect(text.includes('abe')).toBe(true);
    expect(findQuote(text, 'abe')).toEqual({ found: true, offset: 0, end: 3 });
  });

  it('finds every evidence quote of the seed in its article, as the seed check does', () => {
    const seed = readSeed(join(PROJECT_ROOT, 'seed'));
    const sources = new Map([...seed.sourceFiles].map(([id, file]) => [id, prepareQuoteSource(readShared('articles', file))]));
    const quotes = seed.edges.flatMap((edge) => edge.evidence.filter((ev) => sources.has(ev.sourceId)));
    expect(quotes.length).toBeGreaterThan(100);
    const missed = quotes.filter((ev) => !findQuote(sources.get(ev.sourceId)!, ev.quote).found).map((ev) => ev.quote);
    expect(missed).toEqual([]);
  });

  it('reuses a prepared source for many quotes', () => {
    const source = prepareQuoteSource(ARTICLE);
    expect(findQuote(source, '美联储以 1980 年代以来最快的速度加息').found).toBe(true);
    expect(findQuote(source, '美联储以 1990 年代以来最快的速度加息').found).toBe(false);
  });

  it('checks a 300-character quote against a 20 KB article in well under 10 ms', () => {
    const article = readShared('articles', '002_46bac0e42fffcadf.txt');
    const source = prepareQuoteSource(article);
    const quote = article.slice(3000, 3300).replace(/的/g, '得');
    expect(findQuote(source, quote).found).toBe(false);
    // The best of several rounds: the machine may be busy, the matcher should not be slow.
    const rounds = Array.from({ length: 5 }, () => {
      const started = performance.now();
      for (let i = 0; i < 5; i++) findQuote(source, quote);
      return (performance.now() - started) / 5;
    });
    expect(Math.min(...rounds)).toBeLessThan(10);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
