package dev.tessera.graphql;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parsed and validated documents of one schema, by query text, bounded by entries and by the
 * characters of the texts it keeps. Only documents that parsed and validated are kept, and only
 * texts up to {@link #MAX_CACHED_QUERY} characters: failures and one-off giant queries are no client's
 * working set. Past a bound the cache starts over (clients' few distinct queries come back at once).
 */
final class DocumentCache {
  static final int MAX_ENTRIES = 2000;
  static final long MAX_CHARS = 4_000_000;
  static final int MAX_CACHED_QUERY = 100_000;
  private final Map<String, PreparsedDocumentEntry> entries = new ConcurrentHashMap<>();
  private final AtomicLong chars = new AtomicLong();

  PreparsedDocumentEntry get(String query) {
    return entries.get(query);
  }

  void offer(String query, PreparsedDocumentEntry entry) {
    if (entry.hasErrors() || query.length() > MAX_CACHED_QUERY) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES || chars.get() + query.length() > MAX_CHARS) {
      entries.clear();
      chars.set(0);
    }
    if (entries.putIfAbsent(query, entry) == null) {
      chars.addAndGet(query.length());
    }
  }

  int size() {
    return entries.size();
  }

  long characters() {
    return chars.get();
  }
}
