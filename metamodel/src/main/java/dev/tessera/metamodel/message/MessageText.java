package dev.tessera.metamodel.message;

import dev.tessera.metamodel.model.LocalizedText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Text with placeholders, as message templates, notify messages and task titles write it:
 * {@code 您好 {{name}}，您的订单 {{vars.order.body.id}} 已发货，负责人 {{owner.name}}}. A placeholder
 * is {@code {{path}}} (spaces inside the braces are ignored) where path is a dotted name: a field of the
 * entity (through references, as expressions allow), {@code owner.<field>} (a field of the owner's user
 * record) or {@code vars.<name>...} (a flow variable). {@link #placeholders} finds them with their
 * position; what a path may name is decided by the caller ({@link PlaceholderNames}), so the checks
 * report unknown ones at publish time. {@link #render} fills them in: a missing value becomes the empty
 * string, values are written plainly (numbers as written, dates ISO, date-times {@code yyyy-MM-dd HH:mm}
 * in the given zone, yes/no and lists in the reader's language).
 */
public final class MessageText {
  /** The words of a path: identifiers joined by dots. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private MessageText() {}

  /**
   * One placeholder: its {@code path} (null when the braces do not hold a dotted name, or are never
   * closed), the text between and including the braces, and where it starts: character offset, 1-based
   * line and column.
   */
  public record Placeholder(String path, String source, int offset, int line, int column) {
    /** True when the placeholder is a dotted name. */
    public boolean wellFormed() {
      return path != null;
    }
  }

  /** Every placeholder of {@code text}, in order; an unclosed {@code {{} is one ill-formed placeholder to the end. */
  public static List<Placeholder> placeholders(String text) {
    List<Placeholder> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf("{{", from);
      if (open < 0) {
        return out;
      }
      int close = text.indexOf("}}", open + 2);
      int line = 1 + (int) text.substring(0, open).chars().filter(c -> c == '\n').count();
      int column = open - text.lastIndexOf('\n', open - 1);
      if (close < 0) {
        out.add(new Placeholder(null, text.substring(open), open, line, column));
        return out;
      }
      String inside = text.substring(open + 2, close).strip();
      out.add(new Placeholder(PATH.matcher(inside).matches() ? inside : null, text.substring(open, close + 2), open, line,
          column));
      from = close + 2;
    }
  }

  /** A placeholder that may not be used, and why (a message in zh-CN and en). */
  public record Unknown(String locale, Placeholder placeholder, LocalizedText reason) {}

  /** Decides whether a placeholder path names something: null when it does, else why not. */
  @FunctionalInterface
  public interface PlaceholderNames {
    LocalizedText problem(String path);
  }

  /** The placeholders of every language of {@code text} that are ill-formed or that {@code names} does not know. */
  public static List<Unknown> check(LocalizedText text, PlaceholderNames names) {
    List<Unknown> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    text.values().forEach((locale, value) -> {
      for (Placeholder p : placeholders(value)) {
        LocalizedText problem = p.wellFormed() ? names.problem(p.path()) : MessageTextMessage.NOT_A_NAME.text(
            "placeholder", p.source());
        if (problem != null) {
          out.add(new Unknown(locale, p, problem));
        }
      }
    });
    return out;
  }

  /** {@code text} with each placeholder replaced by its value from {@code values} (by path), written for {@code locale}. */
  public static String render(String text, String locale, ZoneId zone, Function<String, Object> values) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (Placeholder p : placeholders(text)) {
      out.append(text, from, p.offset());
      out.append(p.wellFormed() ? plain(values.apply(p.path()), locale, zone) : p.source());
      from = p.offset() + p.source().length();
    }
    return out.append(text.substring(from)).toString();
  }

  /** The text of {@code locale} (falling back as {@link LocalizedText#get} does), rendered. */
  public static String render(LocalizedText text, String locale, ZoneId zone, Function<String, Object> values) {
    return text == null ? "" : render(text.get(locale), locale, zone, values);
  }

  /** A value written plainly for a reader of {@code locale}; null is the empty string. */
  public static String plain(Object value, String locale, ZoneId zone) {
    boolean zh = locale != null && locale.startsWith("zh");
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Boolean b) {
      return zh ? (b ? "是" : "否") : (b ? "yes" : "no");
    }
    if (value instanceof OffsetDateTime t) {
      return DATE_TIME.format(t.atZoneSameInstant(zone));
    }
    if (value instanceof ZonedDateTime t) {
      return DATE_TIME.format(t.withZoneSameInstant(zone));
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof TemporalAccessor t) {
      return t.toString();
    }
    if (value instanceof Collection<?> c) {
      List<String> items = c.stream().map(v -> plain(v, locale, zone)).toList();
      return String.join(zh ? "、" : ", ", items);
    }
    return String.valueOf(value);
  }
}
