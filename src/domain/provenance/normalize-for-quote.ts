/**
 * The only liberties a quote may take with its source (DOMAIN.md, "Provenance and review"):
 * Unicode NFC and runs of whitespace collapsed to one space. Nothing else — not case, not
 * width, not script: a quote in Traditional Chinese does not match Simplified text.
 */
export function normalizeForQuote(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
