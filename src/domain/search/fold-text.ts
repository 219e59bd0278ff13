import * as OpenCC from 'opencc-js';

// Traditional → Simplified (OpenCC's maintained character and phrase tables), so that a
// query in either script meets the same folded text as aliases written in either script.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Folds text for matching: Unicode compatibility forms (full-width letters, digits and
 * punctuation) to their plain forms, case, surrounding space, and Chinese script.
 */
export function foldText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' '));
}
