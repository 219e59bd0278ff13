import { readConfig } from '../../../src/config';
import { originAllowed, parseCorsOrigins } from '../../../src/http/cors';

describe('CORS_ORIGINS', () => {
  it('is empty by default: no origin is allowed', () => {
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(originAllowed([], 'http://localhost:5173')).toBe(false);
  });

  it('reads a comma-separated list of origins, with spaces and a trailing slash tolerated', () => {
    expect(parseCorsOrigins(' http://localhost:5173 , https://app.example.org/ ')).toEqual([
      'http://localhost:5173',
      'https://app.example.org',
    ]);
    expect(originAllowed(['http://localhost:5173'], 'http://localhost:5173')).toBe(true);
    expect(originAllowed(['http://localhost:5173'], 'http://localhost:5174')).toBe(false);
    expect(originAllowed(['http://localhost:5173'], undefined)).toBe(false);
  });

  it('reads * as every origin', () => {
    expect(parseCorsOrigins('*')).toBe('*');
    expect(originAllowed('*', 'https://anyone.example')).toBe(true);
  });

  it.each([
    ['https://app.example.org/path', 'https://app.example.org/path'],
    ['app.example.org', 'app.example.org'],
    ['ftp://files.example.org', 'ftp://files.example.org'],
  ])('refuses %s, naming the variable and what it allows', (raw, shown) => {
    expect(() => readConfig({ CORS_ORIGINS: raw })).toThrow(`CORS_ORIGINS must list origins such as https://app.example.org`);
    expect(() => parseCorsOrigins(raw)).toThrow(`(got "${shown}")`);
  });

  it('refuses * mixed with origins', () => {
    expect(() => parseCorsOrigins('*,http://localhost:5173')).toThrow('CORS_ORIGINS must be * alone or a list of origins, not both');
  });
});
