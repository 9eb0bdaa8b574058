package dev.tessera.metamodel.expr;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?": the closest known name within a small edit distance (at most 3). The work is
 * bounded whatever the input: a name longer than {@link #MAX_NAME} gets no suggestion, candidates
 * whose length differs by more than the allowed distance are skipped, and the distance is computed in
 * a band around the diagonal that stops as soon as it cannot come within the bound.
 */
public final class Suggest {
  /** Longest name that gets a suggestion (API names have at most 50 characters). */
  static final int MAX_NAME = 64;

  private Suggest() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    if (typed.length() > MAX_NAME) {
      return Optional.empty();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bound = Math.max(1, Math.min(3, typed.length() / 3));
    for (String k : known) {
      if (k.length() > MAX_NAME || Math.abs(k.length() - t.length()) > bound) {
        continue;
      }
      int d = distance(t, k.toLowerCase(Locale.ROOT), bound);
      if (d <= bound) {
        best = k;
        if (d == 0) {
          break;
        }
        bound = d - 1; // a later candidate must be strictly closer
      }
    }
    return Optional.ofNullable(best);
  }

  /** Edit distance of a and b when it is at most {@code max}; otherwise some value above {@code max}. */
  static int distance(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int big = max + 1;
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j <= max ? j : big;
    }
    for (int i = 1; i <= n; i++) {
      int from = Math.max(1, i - max);
      int to = Math.min(m, i + max);
      java.util.Arrays.fill(cur, big);
      cur[0] = i <= max ? i : big;
      int rowMin = cur[0];
      for (int j = from; j <= to; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        cur[j] = Math.min(v, big);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) {
        return big;
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[m];
  }

  /** A "did you mean" tail for a message (empty text when nothing known is close to {@code typed}). */
  public static dev.tessera.metamodel.model.LocalizedText didYouMean(String typed, Collection<String> known) {
    return Scope.hint(ExpressionMessage.DID_YOU_MEAN, closest(typed, known).orElse(null));
  }
}
