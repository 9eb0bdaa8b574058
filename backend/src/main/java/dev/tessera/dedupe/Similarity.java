package dev.tessera.dedupe;

import dev.tessera.metamodel.model.MatchingRuleDefinition.CompareAs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How alike two normalized values of a fuzzy criterion are, in [0, 1]. Plain text compares trigram
 * sets, as PostgreSQL's pg_trgm does. Person names ({@code compareAs: personName}) also count the
 * same pinyin in any order as nearly equal (王晓明 / 王小明 / "Xiaoming Wang": 0.9), one typed,
 * dropped or added character of a Chinese name by edit distance (王小明 / 王少明: 0.67, where trigrams
 * give 0.14), and pinyin names part by part. Company names ({@code compareAs: companyName}) compare
 * their cores, without place, legal form and trade (字节跳动科技有限公司 / 北京字节跳动: 0.95), unless
 * both name a different trade.
 */
final class Similarity {
  /** The same pinyin, or the same company core, written differently. */
  static final double SAME_KEY = 0.9;
  /** One brand in two lines of business (盛通咨询 / 盛通软件): related, rarely the same company. */
  static final double OTHER_TRADE = 0.5;

  private Similarity() {}

  /** Similarity by what the criterion compares. */
  static double of(CompareAs compareAs, String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    return switch (compareAs) {
      case PERSON_NAME -> personName(a, b);
      case COMPANY_NAME -> company(a, b);
      case TEXT -> trigram(a, b);
    };
  }

  static double personName(String a, String b) {
    String pa = NameKeys.pinyinKey(a);
    String pb = NameKeys.pinyinKey(b);
    if (pa != null && pa.equals(pb)) {
      return SAME_KEY;
    }
    String ha = NameKeys.han(a);
    String hb = NameKeys.han(b);
    double edit = !ha.isEmpty() && !hb.isEmpty() ? editSimilarity(ha, hb) : partsSimilarity(a, b);
    return Math.max(trigram(a, b), Math.min(edit, SAME_KEY - 0.05));
  }

  /**
   * Family and given name in pinyin, in the order that fits best: one of them the same, the other by
   * edit distance ("Wang Xiaomin" / 王小明 0.88; "Zhang Shi" / 张平 0, "Zhang Rui" / 王桂 0).
   */
  private static double partsSimilarity(String a, String b) {
    List<String> x = NameKeys.familyAndGiven(a);
    List<String> y = NameKeys.familyAndGiven(b);
    if (x.size() != 2 || y.size() != 2) {
      return editSimilarity(String.join(" ", x), String.join(" ", y));
    }
    double straight = x.get(0).equals(y.get(0)) ? editSimilarity(x.get(1), y.get(1))
        : x.get(1).equals(y.get(1)) ? editSimilarity(x.get(0), y.get(0)) : 0;
    double crossed = x.get(0).equals(y.get(1)) ? editSimilarity(x.get(1), y.get(0))
        : x.get(1).equals(y.get(0)) ? editSimilarity(x.get(0), y.get(1)) : 0;
    return Math.max(straight, crossed);
  }

  static double company(String a, String b) {
    NameKeys.CompanyName ca = NameKeys.company(a);
    NameKeys.CompanyName cb = NameKeys.company(b);
    if (ca == null || cb == null) {
      return trigram(a, b);
    }
    if (ca.core().equals(cb.core())) {
      return ca.tradesDiffer(cb) ? OTHER_TRADE : 0.95;
    }
    double core = Math.max(trigram(ca.core(), cb.core()), editSimilarity(ca.core(), cb.core()));
    return Math.max(trigram(a, b), Math.min(ca.tradesDiffer(cb) ? core * OTHER_TRADE : core, SAME_KEY - 0.05));
  }

  /** 1 minus the Levenshtein distance over code points, relative to the longer text. */
  static double editSimilarity(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int longer = Math.max(x.length, y.length);
    if (longer == 0) {
      return 1;
    }
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return 1 - (double) prev[y.length] / longer;
  }

  /** Trigram similarity (1 = same trigrams), as pg_trgm's similarity() under a UTF-8 aware ctype. */
  static double trigram(String a, String b) {
    Set<String> x = trigrams(a);
    Set<String> y = trigrams(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    Set<String> both = new HashSet<>(x);
    both.retainAll(y);
    return (double) both.size() / (x.size() + y.size() - both.size());
  }

  private static Set<String> trigrams(String s) {
    Set<String> out = new HashSet<>();
    for (String word : s.split("[^\\p{L}\\p{N}]+")) {
      if (word.isEmpty()) {
        continue;
      }
      int[] cps = ("  " + word + " ").codePoints().toArray();
      for (int i = 0; i + 3 <= cps.length; i++) {
        out.add(new String(cps, i, 3));
      }
    }
    return out;
  }
}
