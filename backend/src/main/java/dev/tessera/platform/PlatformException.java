package dev.tessera.platform;

import java.util.List;

/**
 * The one exception type engines throw for errors a client should see. {@code field} names the
 * offending field (or JSON path) when there is one; {@code details} carries extra structured problems.
 */
public class PlatformException extends RuntimeException {
  private final ErrorCode code;
  private final String field;
  private final List<FieldError> details;
  private final String messageZh;

  /**
   * One problem with one field of a record, in English and Chinese; {@code rule} names the validation
   * rule that failed, when a rule rather than a field's own checks found it.
   */
  public record FieldError(String field, String code, String message, String messageZh, String rule) {
    public FieldError(String field, String code, String message, String messageZh) {
      this(field, code, message, messageZh, null);
    }

    /** A problem whose text comes from a message catalog. */
    public static FieldError of(String field, String code, dev.tessera.metamodel.model.LocalizedText text, String rule) {
      return new FieldError(field, code, text.get("en"), text.get("zh-CN"), rule);
    }

    public String message(String locale) {
      return locale != null && locale.startsWith("zh") && messageZh != null ? messageZh : message;
    }
  }

  public PlatformException(ErrorCode code, String message) {
    this(code, message, null, List.of());
  }

  public PlatformException(ErrorCode code, String message, String field) {
    this(code, message, field, List.of());
  }

  public PlatformException(ErrorCode code, String message, String field, List<FieldError> details) {
    this(code, message, null, field, details);
  }

  /** With a Chinese message for business users; {@code messageZh} may be null. */
  public PlatformException(ErrorCode code, String message, String messageZh, String field, List<FieldError> details) {
    super(message);
    this.code = code;
    this.field = field;
    this.details = List.copyOf(details);
    this.messageZh = messageZh;
  }

  /** With a text from a message catalog. */
  public PlatformException(ErrorCode code, dev.tessera.metamodel.model.LocalizedText text, String field) {
    this(code, text.get("en"), text.get("zh-CN"), field, List.of());
  }

  /** The message for a locale (zh-CN when there is a Chinese one, else English). */
  public String message(String locale) {
    return locale != null && locale.startsWith("zh") && messageZh != null ? messageZh : getMessage();
  }

  public ErrorCode code() {
    return code;
  }

  public String field() {
    return field;
  }

  public List<FieldError> details() {
    return details;
  }

  /** The codes of the problems a stage gate finds; a failure of only such problems is a STAGE_GATE. */
  public static final String STAGE_GATE_PREFIX = "STAGE_GATE_";

  /**
   * A validation failure listing every bad field; the message joins them for humans. When every problem
   * is a stage gate's (ADR 0053) its code is STAGE_GATE, else VALIDATION_FAILED.
   */
  public static PlatformException validation(List<FieldError> errors) {
    String en = errors.size() == 1 ? errors.get(0).message() : RequestMessages.text("PROBLEMS", java.util.Map.of("count",
        errors.size(), "list", String.join("; ", errors.stream().map(e -> e.message("en")).toList()))).get("en");
    String zh = errors.size() == 1 ? errors.get(0).message("zh-CN") : RequestMessages.text("PROBLEMS", java.util.Map.of("count",
        errors.size(), "list", String.join("；", errors.stream().map(e -> e.message("zh-CN")).toList()))).get("zh-CN");
    boolean gate = !errors.isEmpty() && errors.stream().allMatch(e -> e.code().startsWith(STAGE_GATE_PREFIX));
    return new PlatformException(gate ? ErrorCode.STAGE_GATE : ErrorCode.VALIDATION_FAILED, en, zh,
        errors.isEmpty() ? null : errors.get(0).field(), errors);
  }
}
