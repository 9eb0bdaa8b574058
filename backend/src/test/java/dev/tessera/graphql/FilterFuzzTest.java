package dev.tessera.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.LocalizedException;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.Filter;
import dev.tessera.storage.FilterSql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the filter compiler (Jazzer): any filter input, of any shape and value
 * types, either compiles to SQL in which every value is a bound parameter (every quoted text in the
 * statement is the compiler's own, quotes balance, and each parameter has its placeholder) or is refused with a coded PlatformException or a localized bad-value message. In a
 * normal test run it replays the saved inputs; {@code JAZZER_FUZZ=1} fuzzes for the bounded time.
 */
class FilterFuzzTest {
  static final EntityDefinition ENTITY = MetamodelJson.readEntity(MetamodelJson.mapper().valueToTree(Map.of(
      "kind", "entity", "name", "fuzzy", "label", Map.of("zh-CN", "模糊", "en", "Fuzzy"), "fields", List.of(
          Map.of("name", "name", "type", "text"), Map.of("name", "spend", "type", "money"),
          Map.of("name", "born", "type", "date"), Map.of("name", "seen", "type", "datetime"),
          Map.of("name", "vip", "type", "bool"), Map.of("name", "extra", "type", "json"),
          Map.of("name", "tags", "type", "multiPicklist", "options", List.of(Map.of("value", "a", "label", Map.of("zh-CN", "甲", "en", "A")))),
          Map.of("name", "firm", "type", "reference", "target", "fuzzy")))));
  static final String[] KEYS = {"name", "spend", "born", "seen", "vip", "extra", "tags", "firm", "id", "ownerId", "createdAt",
      "and", "or", "not", "nope", "data", "'x'"};
  static final String[] OPS = {"eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn", "contains", "startsWith", "isNull",
      "hasAll", "hasAny", "between", ""};

  @FuzzTest(maxDuration = "30s")
  void anyFilterCompilesToBoundParametersOrIsRefusedWithACode(FuzzedDataProvider data) {
    List<String> texts = new ArrayList<>();
    Map<String, Object> input = filter(data, 0, texts);
    Filter compiled;
    try {
      compiled = QueryArgs.filter(ENTITY, input);
    } catch (PlatformException | LocalizedException refused) {
      return;
    } catch (ClassCastException | IllegalArgumentException wrongShape) {
      // GraphQL's own input coercion refuses these shapes before the compiler sees them
      return;
    }
    List<Object> params = new ArrayList<>();
    String sql = FilterSql.render(compiled, params);
    // every quoted text in the statement is the compiler's own (a JSON key, a constant), never a value
    java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'([^']*)'").matcher(sql);
    while (quoted.find()) {
      String literal = quoted.group(1);
      assertTrue(ENTITY.field(literal).isPresent() || literal.matches("[a-z0-9_{}\\[\\]]*"),
          "a value reached the SQL text: '" + literal + "' in " + sql);
    }
    assertEquals(0, sql.chars().filter(ch -> ch == '\'').count() % 2, "unbalanced quotes: " + sql);
    assertEquals(params.size(), sql.split("\\$\\d+", -1).length - 1, sql);
  }

  private static Map<String, Object> filter(FuzzedDataProvider data, int depth, List<String> texts) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = data.consumeInt(0, 3);
    for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
      String key = data.pickValue(KEYS);
      if ((key.equals("and") || key.equals("or")) && depth < 6) {
        List<Object> parts = new ArrayList<>();
        int k = data.consumeInt(0, 3);
        for (int j = 0; j < k; j++) {
          parts.add(filter(data, depth + 1, texts));
        }
        m.put(key, parts);
      } else if (key.equals("not") && depth < 6) {
        m.put(key, filter(data, depth + 1, texts));
      } else {
        Map<String, Object> ops = new LinkedHashMap<>();
        ops.put(data.pickValue(OPS), value(data, texts, 0));
        m.put(key, ops);
      }
    }
    return m;
  }

  private static Object value(FuzzedDataProvider data, List<String> texts, int depth) {
    switch (data.consumeInt(0, 6)) {
      case 0:
        return null;
      case 1:
        return data.consumeBoolean();
      case 2:
        return new java.math.BigDecimal(data.consumeLong()).movePointLeft(data.consumeInt(-50, 50));
      case 3:
        if (depth < 2) {
          List<Object> list = new ArrayList<>();
          int k = data.consumeInt(0, 4);
          for (int j = 0; j < k; j++) {
            list.add(value(data, texts, depth + 1));
          }
          return list;
        }
        return "x";
      case 4:
        return depth < 2 ? java.util.Collections.singletonMap("k", value(data, texts, depth + 1)) : "y";
      default:
        String s = data.consumeString(40);
        texts.add(s);
        return s;
    }
  }
}
