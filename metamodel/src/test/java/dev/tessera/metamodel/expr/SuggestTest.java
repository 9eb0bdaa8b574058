package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded edit distance agrees with the plain one wherever it is within the bound (seeded). */
class SuggestTest {
  static int plain(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
    }
    return d[a.length()][b.length()];
  }

  static String word(Random r, int max) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(4)));
    }
    return sb.toString();
  }

  @Test
  void theBandedDistanceIsExactWithinTheBoundAndAboveItOtherwise() {
    Random r = new Random(20261207);
    for (int i = 0; i < 20_000; i++) {
      String a = word(r, 12);
      String b = r.nextBoolean() ? word(r, 12) : mutate(r, a);
      int max = 1 + r.nextInt(3);
      int exact = plain(a, b);
      int banded = Suggest.distance(a, b, max);
      if (exact <= max) {
        assertEquals(exact, banded, a + " / " + b + " within " + max);
      } else {
        assertEquals(true, banded > max, a + " / " + b + " beyond " + max + ": " + banded);
      }
    }
  }

  static String mutate(Random r, String a) {
    StringBuilder sb = new StringBuilder(a);
    for (int k = r.nextInt(4); k > 0; k--) {
      int op = r.nextInt(3);
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
      if (op == 0 || sb.length() == 0) {
        sb.insert(at, (char) ('a' + r.nextInt(4)));
      } else if (op == 1) {
        sb.deleteCharAt(at);
      } else {
        sb.setCharAt(at, (char) ('a' + r.nextInt(4)));
      }
    }
    return sb.toString();
  }

  @Test
  void theClosestNameIsSuggestedAndGiantNamesGetNone() {
    assertEquals(Optional.of("customerName"), Suggest.closest("custmerName", List.of("city", "customerName", "customerNo")));
    assertEquals(Optional.of("phone"), Suggest.closest("Phone", List.of("phones", "phone")));
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      fields.add("f".repeat(45) + i);
    }
    assertEquals(Optional.empty(), Suggest.closest("x".repeat(3990), fields));
  }
}
