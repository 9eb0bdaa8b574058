/** The `?query=` parameter of a page URL, if it holds a non-blank query. */
export function queryFromSearch(search: string): string | undefined {
  const query = new URLSearchParams(search).get('query');
  return query && query.trim() !== '' ? query : undefined;
}

/** The query GraphiQL opens with when no `?query=` is given: a comment and a query that always works. */
export function welcomeQuery(comment: string): string {
  return `# ${comment}\n\n{\n  metadataVersion\n}\n`;
}
