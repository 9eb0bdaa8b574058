package dev.tessera.metamodel.schema;

import static dev.tessera.metamodel.validation.MetadataMessage.ABOVE_MAXIMUM;
import static dev.tessera.metamodel.validation.MetadataMessage.BELOW_MINIMUM;
import static dev.tessera.metamodel.validation.MetadataMessage.EMPTY;
import static dev.tessera.metamodel.validation.MetadataMessage.INVALID_API_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.INVALID_ID;
import static dev.tessera.metamodel.validation.MetadataMessage.JSON_ARRAY;
import static dev.tessera.metamodel.validation.MetadataMessage.JSON_BOOLEAN;
import static dev.tessera.metamodel.validation.MetadataMessage.JSON_NULL;
import static dev.tessera.metamodel.validation.MetadataMessage.JSON_NUMBER;
import static dev.tessera.metamodel.validation.MetadataMessage.JSON_OBJECT;
import static dev.tessera.metamodel.validation.MetadataMessage.JSON_STRING;
import static dev.tessera.metamodel.validation.MetadataMessage.MISSING_PROPERTY;
import static dev.tessera.metamodel.validation.MetadataMessage.MISSING_TRANSLATION;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_A_CHOICE;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_ABOVE;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_BELOW;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_A_LANGUAGE;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_IN_FORM;
import static dev.tessera.metamodel.validation.MetadataMessage.NOT_VALID;
import static dev.tessera.metamodel.validation.MetadataMessage.PROPERTY_NOT_FOR_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_ASSERT;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_EN;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_EXPRESSION;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_FIELDS;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_ID;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_KIND;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_LABEL;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_MESSAGE;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_ON_DELETE;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_OPTIONS;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_PLURAL_NAME;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_RESULT_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_RULES;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_TARGET;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_TYPE;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_VALUE;
import static dev.tessera.metamodel.validation.MetadataMessage.TERM_ZH_CN;
import static dev.tessera.metamodel.validation.MetadataMessage.TOO_LONG;
import static dev.tessera.metamodel.validation.MetadataMessage.TOO_MANY_ITEMS;
import static dev.tessera.metamodel.validation.MetadataMessage.UNKNOWN_PROPERTY;
import static dev.tessera.metamodel.validation.MetadataMessage.WRONG_TYPE;

import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.validation.MetadataMessage;
import dev.tessera.metamodel.validation.Problem;
import dev.tessera.metamodel.validation.ProblemCode;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns JSON Schema errors into problems a business user understands, in zh-CN and en: "Unknown
 * property "requried" — is it misspelt?" rather than "property 'requried' is not defined in the schema".
 */
final class SchemaMessages {
  /** Property names as the designer calls them, worded in the metadata catalog. */
  static final Map<String, MetadataMessage> TERMS = Map.ofEntries(
      Map.entry("kind", TERM_KIND),
      Map.entry("name", TERM_NAME),
      Map.entry("pluralName", TERM_PLURAL_NAME),
      Map.entry("label", TERM_LABEL),
      Map.entry("fields", TERM_FIELDS),
      Map.entry("rules", TERM_RULES),
      Map.entry("type", TERM_TYPE),
      Map.entry("options", TERM_OPTIONS),
      Map.entry("value", TERM_VALUE),
      Map.entry("target", TERM_TARGET),
      Map.entry("onDelete", TERM_ON_DELETE),
      Map.entry("expression", TERM_EXPRESSION),
      Map.entry("resultType", TERM_RESULT_TYPE),
      Map.entry("assert", TERM_ASSERT),
      Map.entry("message", TERM_MESSAGE),
      Map.entry("zh-CN", TERM_ZH_CN),
      Map.entry("en", TERM_EN),
      Map.entry("id", TERM_ID));

  private SchemaMessages() {}

  static Problem problem(String keyword, String path, String property, Object[] args, String value, String raw) {
    LocalizedText what = subject(lastKey(path));
    return switch (keyword) {
      case "required" -> required(path, property);
      case "additionalProperties" -> Problem.of(ProblemCode.UNKNOWN_PROPERTY, path + Problem.key(property),
          UNKNOWN_PROPERTY, "property", property);
      case "type" -> Problem.of(ProblemCode.INVALID_TYPE, path, WRONG_TYPE, "what", what,
          "expected", jsonType(arg(args, 1)), "actual", jsonType(arg(args, 0)));
      case "enum", "const" -> Problem.of(ProblemCode.INVALID_VALUE, path, NOT_A_CHOICE, "what", what, "value", value,
          "choices", choices(args));
      case "pattern" -> pattern(path, what, value, arg(args, 0));
      case "propertyNames" -> arg(args, 1).contains("enumeration")
          ? Problem.of(ProblemCode.UNKNOWN_PROPERTY, path + Problem.key(property), PROPERTY_NOT_FOR_TYPE, "property", property,
              "choices", arg(args, 1).replaceAll("^[^\\[]*\\[|\\]$|\"", ""))
          : Problem.of(ProblemCode.INVALID_NAME, path + Problem.key(property), NOT_A_LANGUAGE, "property", property);
      case "minLength", "minItems" -> Problem.of(ProblemCode.REQUIRED, path, EMPTY, "what", what);
      case "maxLength" -> Problem.of(ProblemCode.INVALID_VALUE, path, TOO_LONG, "what", what, "max", arg(args, 0));
      case "maxItems" -> Problem.of(ProblemCode.INVALID_VALUE, path, TOO_MANY_ITEMS, "what", what, "max", arg(args, 0));
      case "minimum" -> Problem.of(ProblemCode.INVALID_VALUE, path, BELOW_MINIMUM, "what", what, "limit", arg(args, 0));
      case "maximum" -> Problem.of(ProblemCode.INVALID_VALUE, path, ABOVE_MAXIMUM, "what", what, "limit", arg(args, 0));
      case "exclusiveMinimum" -> Problem.of(ProblemCode.INVALID_VALUE, path, NOT_ABOVE, "what", what, "limit", arg(args, 0));
      case "exclusiveMaximum" -> Problem.of(ProblemCode.INVALID_VALUE, path, NOT_BELOW, "what", what, "limit", arg(args, 0));
      default -> Problem.of(ProblemCode.INVALID_VALUE, path, NOT_VALID, "what", what, "reason", raw);
    };
  }

  private static Problem required(String path, String property) {
    String target = path + Problem.key(property);
    if ("zh-CN".equals(property) || "en".equals(property)) {
      return Problem.of(ProblemCode.MISSING_TRANSLATION, target, MISSING_TRANSLATION, "what", subject(lastKey(path)),
          "language", term(property));
    }
    return Problem.of(ProblemCode.REQUIRED, target, MISSING_PROPERTY, "what", subject(property), "property", property);
  }

  private static Problem pattern(String path, LocalizedText what, String value, String regex) {
    if ("id".equals(lastKey(path))) {
      return Problem.of(ProblemCode.INVALID_VALUE, path, INVALID_ID, "value", value);
    }
    if (!regex.startsWith("^[a-z][a-zA-Z0-9]*")) {
      return Problem.of(ProblemCode.INVALID_VALUE, path, NOT_IN_FORM, "what", what, "value", value);
    }
    return Problem.of(ProblemCode.INVALID_NAME, path, INVALID_API_NAME, "what", what, "value", value);
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

  /** A property as the designer calls it; one without a term is shown quoted, as it is spelt. */
  private static LocalizedText term(String key) {
    MetadataMessage t = TERMS.get(key);
    return t != null ? t.text() : LocalizedText.of("“" + key + "”", "\"" + key + "\"");
  }

  /** The term that starts a sentence: its English capitalized. */
  private static LocalizedText subject(String key) {
    LocalizedText t = term(key);
    return LocalizedText.of(t.get(LocalizedText.ZH), cap(t.get(LocalizedText.EN)));
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

  /** A JSON Schema type in business words; an unknown one as it is. */
  private static LocalizedText jsonType(String t) {
    MetadataMessage m = switch (t) {
      case "string" -> JSON_STRING;
      case "number", "integer" -> JSON_NUMBER;
      case "boolean" -> JSON_BOOLEAN;
      case "array" -> JSON_ARRAY;
      case "object" -> JSON_OBJECT;
      case "null" -> JSON_NULL;
      default -> null;
    };
    return m == null ? LocalizedText.of(t, t) : m.text();
  }
}
