package dev.tessera.flow;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's input as its history row keeps it: texts cut at {@link #TEXT} characters, lists at
 * {@link #ITEMS} items, maps at {@link #ITEMS} keys, nesting at {@link #DEPTH} levels; what is cut is
 * marked with {@code "…"} (a list's or map's rest as one entry), so a step row stays small whatever
 * a flow's expressions yield.
 */
final class StepInput {
  static final int TEXT = 500;
  static final int ITEMS = 50;
  static final int DEPTH = 4;
  static final String MORE = "…";

  private StepInput() {}

  static Object small(Object v) {
    return small(v, 0);
  }

  private static Object small(Object v, int depth) {
    if (v instanceof String s) {
      return s.length() <= TEXT ? s : s.substring(0, TEXT) + MORE;
    }
    if (v instanceof Map<?, ?> m) {
      if (depth >= DEPTH) {
        return MORE;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (out.size() == ITEMS) {
          out.put(MORE, m.size() - ITEMS);
          break;
        }
        out.put(String.valueOf(e.getKey()), small(e.getValue(), depth + 1));
      }
      return out;
    }
    if (v instanceof Collection<?> c) {
      if (depth >= DEPTH) {
        return MORE;
      }
      List<Object> out = new java.util.ArrayList<>();
      for (Object x : c) {
        if (out.size() == ITEMS) {
          out.add(MORE + (c.size() - ITEMS));
          break;
        }
        out.add(small(x, depth + 1));
      }
      return out;
    }
    return v == null || v instanceof Number || v instanceof Boolean ? v : small(String.valueOf(v), depth);
  }
}
