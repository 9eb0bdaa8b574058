import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryFromSearch, welcomeQuery } from './initialQuery';

describe('queryFromSearch', () => {
  it('reads and decodes ?query=', () => {
    expect(queryFromSearch('?query=%7B%20metadataVersion%20%7D')).toBe('{ metadataVersion }');
    expect(queryFromSearch('?x=1&query={+a+}')).toBe('{ a }');
  });

  it('ignores a missing or blank query', () => {
    expect(queryFromSearch('')).toBeUndefined();
    expect(queryFromSearch('?query=%20%20')).toBeUndefined();
  });
});

describe('welcomeQuery', () => {
  it('is a runnable query behind a comment', () => {
    const query = welcomeQuery('Welcome');
    expect(query.startsWith('# Welcome\n')).toBe(true);
    expect(() => parse(query)).not.toThrow();
  });
});
