package dev.tessera.metamodel.schema;

import dev.tessera.metamodel.validation.Problem;
import dev.tessera.metamodel.validation.ProblemCode;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns JSON Schema errors into problems a business user understands, in zh-CN and en: "Unknown
 * property "requried" — is it misspelt?" rather than "property 'requried' is not defined in the schema".
 */
final class SchemaMessages {
  /** Property names as the designer calls them. */
  private static final Map<String, String[]> TERMS = Map.ofEntries(
      Map.entry("kind", new String[] {"定义类别", "kind"}),
      Map.entry("name", new String[] {"API 名称", "API name"}),
      Map.entry("pluralName", new String[] {"复数 API 名称", "plural API name"}),
      Map.entry("label", new String[] {"显示名称", "label"}),
      Map.entry("fields", new String[] {"字段列表", "fields"}),
      Map.entry("rules", new String[] {"校验规则列表", "rules"}),
      Map.entry("type", new String[] {"字段类型", "field type"}),
      Map.entry("options", new String[] {"选项列表", "options"}),
      Map.entry("value", new String[] {"选项值", "option value"}),
      Map.entry("target", new String[] {"引用的实体", "target entity"}),
      Map.entry("onDelete", new String[] {"删除时的处理方式", "on-delete behaviour"}),
      Map.entry("expression", new String[] {"公式表达式", "formula expression"}),
      Map.entry("resultType", new String[] {"公式结果类型", "formula result type"}),
      Map.entry("assert", new String[] {"规则条件", "rule condition"}),
      Map.entry("message", new String[] {"提示信息", "message"}),
      Map.entry("zh-CN", new String[] {"中文文本", "Chinese (zh-CN) text"}),
      Map.entry("en", new String[] {"英文文本", "English (en) text"}),
      Map.entry("id", new String[] {"标识", "id"}));

  private SchemaMessages() {}

  static Problem problem(String keyword, String path, String property, Object[] args, String value, String raw) {
    String last = lastKey(path);
    return switch (keyword) {
      case "required" -> required(path, property);
      case "additionalProperties" -> Problem.of(ProblemCode.UNKNOWN_PROPERTY, path + Problem.key(property),
          "不认识的属性“" + property + "”，是否拼写错误？", "Unknown property \"" + property + "\" — is it misspelt?");
      case "type" -> Problem.of(ProblemCode.INVALID_TYPE, path,
          zh(last) + "应为" + typeZh(arg(args, 1)) + "，实际是" + typeZh(arg(args, 0)),
          cap(en(last)) + " must be " + typeEn(arg(args, 1)) + ", not " + typeEn(arg(args, 0)));
      case "enum", "const" -> Problem.of(ProblemCode.INVALID_VALUE, path,
          zh(last) + "不能是 " + value + "，可选值：" + choices(args), cap(en(last)) + " cannot be " + value
              + "; choose one of: " + choices(args));
      case "pattern" -> pattern(path, last, value);
      case "propertyNames" -> Problem.of(ProblemCode.INVALID_NAME, path + Problem.key(property),
          "“" + property + "”不是语言代码，请使用 zh-CN 或 en 这样的代码",
          "\"" + property + "\" is not a language code; use codes like zh-CN or en");
      case "minLength", "minItems" -> Problem.of(ProblemCode.REQUIRED, path, zh(last) + "不能为空",
          cap(en(last)) + " must not be empty");
      case "maxLength" -> Problem.of(ProblemCode.INVALID_VALUE, path,
          zh(last) + "太长，最多 " + arg(args, 0) + " 个字符", cap(en(last)) + " is too long: at most " + arg(args, 0)
              + " characters");
      case "maxItems" -> Problem.of(ProblemCode.INVALID_VALUE, path, zh(last) + "太多，最多 " + arg(args, 0) + " 项",
          cap(en(last)) + " has too many items: at most " + arg(args, 0));
      default -> Problem.of(ProblemCode.INVALID_VALUE, path, zh(last) + "不符合规范：" + raw,
          cap(en(last)) + " is not valid: " + raw);
    };
  }

  private static Problem required(String path, String property) {
    String target = path + Problem.key(property);
    if ("zh-CN".equals(property) || "en".equals(property)) {
      return Problem.of(ProblemCode.MISSING_TRANSLATION, target,
          zh(lastKey(path)) + "缺少" + zh(property), cap(en(lastKey(path))) + " needs " + en(property));
    }
    return Problem.of(ProblemCode.REQUIRED, target, "缺少" + zh(property) + "（" + property + "）",
        cap(en(property)) + " (\"" + property + "\") is missing");
  }

  private static Problem pattern(String path, String last, String value) {
    if ("id".equals(last)) {
      return Problem.of(ProblemCode.INVALID_VALUE, path, "标识 " + value + " 只能包含字母、数字、下划线和连字符",
          "Id " + value + " may contain only letters, digits, underscores and hyphens");
    }
    return Problem.of(ProblemCode.INVALID_NAME, path,
        zh(last) + " " + value + " 无效：须以小写英文字母开头，只能包含英文字母和数字（如 annualSpend）",
        cap(en(last)) + " " + value + " is not valid: start with a lowercase letter, then letters and digits only "
            + "(like annualSpend)");
  }

  static String lastKey(String path) {
    int bracket = path.lastIndexOf("['");
    int dot = path.lastIndexOf('.');
    if (bracket > dot) {
      return path.substring(bracket + 2, path.length() - 2);
    }
    String tail = dot < 0 ? path : path.substring(dot + 1);
    int idx = tail.indexOf('[');
    return idx < 0 ? tail : tail.substring(0, idx);
  }

  private static String zh(String key) {
    String[] t = TERMS.get(key);
    return t != null ? t[0] : "“" + key + "”";
  }

  private static String en(String key) {
    String[] t = TERMS.get(key);
    return t != null ? t[1] : "\"" + key + "\"";
  }

  private static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String arg(Object[] args, int i) {
    return args != null && args.length > i ? String.valueOf(args[i]) : "?";
  }

  private static String choices(Object[] args) {
    String all = args == null ? "" : Arrays.toString(args);
    return all.replaceAll("[\\[\\]\"]", "").replace(",  ", ", ");
  }

  private static String typeZh(String t) {
    return switch (t) {
      case "string" -> "文本";
      case "number", "integer" -> "数字";
      case "boolean" -> "true 或 false";
      case "array" -> "列表";
      case "object" -> "对象";
      case "null" -> "空值";
      default -> t;
    };
  }

  private static String typeEn(String t) {
    return switch (t) {
      case "string" -> "text";
      case "number", "integer" -> "a number";
      case "boolean" -> "true or false";
      case "array" -> "a list";
      case "object" -> "an object";
      case "null" -> "null";
      default -> t;
    };
  }
}
