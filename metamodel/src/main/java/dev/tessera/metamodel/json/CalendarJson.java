package dev.tessera.metamodel.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.CalendarDefinition;
import dev.tessera.metamodel.model.CalendarDefinition.Hours;
import dev.tessera.metamodel.model.MessageTemplateDefinition;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The readers of {@code calendar} and {@code messageTemplate} definitions. Lenient like the others: a
 * day or time that does not parse is read as null at its index, a day that does not exist too (the checks
 * report it there), and text that is no date at all as {@link CalendarDefinition#UNREADABLE} (the schema does);
 * defaults of the schemas are applied by the records.
 */
public final class CalendarJson {
  private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
      "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
      "sun", DayOfWeek.SUNDAY);

  private CalendarJson() {}

  public static CalendarDefinition calendar(JsonNode n) {
    JsonNode days = n.get("workingDays");
    JsonNode hours = n.get("workingHours");
    return new CalendarDefinition(RuleJson.text(n, "id"), RuleJson.text(n, "name"), MetamodelJson.label(n.get("label")),
        MetamodelJson.label(n.get("description")), RuleJson.text(n, "timezone"),
        days == null ? null : each(days, d -> DAYS.get(d.asText(""))),
        hours == null ? null : each(hours, h -> new Hours(time(h.get("from")), time(h.get("to")))),
        each(n.path("holidays"), CalendarJson::date), each(n.path("workdays"), CalendarJson::date));
  }

  public static MessageTemplateDefinition messageTemplate(JsonNode n) {
    return new MessageTemplateDefinition(RuleJson.text(n, "id"), RuleJson.text(n, "name"),
        MetamodelJson.label(n.get("label")), MetamodelJson.label(n.get("description")),
        MessageTemplateDefinition.Channel.fromJson(RuleJson.text(n, "channel")).orElse(null), RuleJson.text(n, "entity"),
        MetamodelJson.label(n.get("subject")), MetamodelJson.label(n.get("body")));
  }

  /** Every item read, null where it does not read, so indexes match the JSON. */
  private static <T> List<T> each(JsonNode items, Function<JsonNode, T> read) {
    List<T> out = new ArrayList<>();
    if (items.isArray()) {
      items.forEach(i -> out.add(read.apply(i)));
    }
    return out;
  }

  /** A date; null for a day that does not exist (2026-02-30); {@link CalendarDefinition#UNREADABLE} for other text (the schema reports its form). */
  private static LocalDate date(JsonNode d) {
    if (!d.isTextual() || !d.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
      return CalendarDefinition.UNREADABLE;
    }
    try {
      return LocalDate.parse(d.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code HH:mm}; {@code 24:00} is the end of the day. */
  private static LocalTime time(JsonNode t) {
    if (t == null || !t.isTextual() || !t.asText().matches("\\d{2}:\\d{2}")) {
      return null;
    }
    if (t.asText().equals("24:00")) {
      return LocalTime.MAX;
    }
    try {
      return LocalTime.parse(t.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
