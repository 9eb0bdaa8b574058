package dev.tessera.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for entity definitions used by tests (as JSON-ready maps). */
public final class Defs {
  private Defs() {}

  public static Map<String, Object> label(String zh, String en) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zh-CN", zh);
    m.put("en", en);
    return m;
  }

  public static Map<String, Object> field(String name, String type, Object... options) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("type", type);
    f.put("label", label(name + "字段", name));
    for (int i = 0; i < options.length; i += 2) {
      f.put((String) options[i], options[i + 1]);
    }
    return f;
  }

  @SafeVarargs
  public static Map<String, Object> entity(String name, Map<String, Object>... fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("kind", "entity");
    e.put("name", name);
    e.put("label", label(name + "实体", name));
    e.put("fields", new ArrayList<>(List.of(fields)));
    return e;
  }

  public static List<Map<String, Object>> options(String... values) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String v : values) {
      out.add(Map.of("value", v, "label", label(v, v)));
    }
    return out;
  }
}
