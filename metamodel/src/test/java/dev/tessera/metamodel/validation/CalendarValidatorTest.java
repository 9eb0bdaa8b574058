package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks of calendars and of message templates on their own (their defaults: {@code KindRegistryTest}). */
class CalendarValidatorTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a day that does not exist", "\"holidays\": [\"2026-10-01\", \"2026-02-30\"]", List.of("INVALID_VALUE@$[0].holidays[1]")),
        Arguments.of("a date both off and worked", "\"holidays\": [\"2026-10-01\"], \"workdays\": [\"2026-10-01\"]",
            List.of("CONFLICT@$[0].workdays[0]")),
        Arguments.of("hours that end before they start", "\"workingHours\": [{\"from\": \"18:00\", \"to\": \"09:00\"}]",
            List.of("INVALID_OPTION@$[0].workingHours[0]")),
        Arguments.of("periods that overlap", "\"workingHours\": [{\"from\": \"09:00\", \"to\": \"13:00\"}, {\"from\": \"12:00\", \"to\": \"18:00\"}]",
            List.of("INVALID_OPTION@$[0].workingHours[1].from")),
        Arguments.of("an unknown zone", "\"timezone\": \"Asia/Beijing\"", List.of("INVALID_VALUE@$[0].timezone")),
        Arguments.of("no working day", "\"workingDays\": []", List.of("INVALID_VALUE@$[0].workingDays")),
        Arguments.of("a date written another way", "\"holidays\": [\"2026/10/01\"]", List.of("INVALID_VALUE@$[0].holidays[0]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBrokenCalendarGivesItsProblem(String what, String part, List<String> expected) throws Exception {
    JsonNode c = json("{\"kind\": \"calendar\", \"name\": \"c\", \"label\": {\"zh-CN\": \"日历\", \"en\": \"Calendar\"}, " + part + "}");
    List<Problem> problems = new MetadataValidator().validate(List.of(c));
    assertEquals(expected, problems.stream().map(p -> p.code() + "@" + p.path()).toList(), problems.toString());
    problems.forEach(p -> assertTrue(!p.message("zh-CN").equals(p.message("en")), p.toString()));
  }

  @Test
  void aMessageTemplateNamesFieldsOfItsEntityOrTheOwnerOrVariables() throws Exception {
    List<JsonNode> defs = FlowValidatorTest.valid();
    assertEquals(List.of(), new MetadataValidator().validate(defs));
    JsonNode free = json("""
        {"kind": "messageTemplate", "name": "free", "label": {"zh-CN": "通用", "en": "Any"},
         "subject": {"zh-CN": "{{owner.email}} {{vars.anything.at.all}}", "en": "{{owner.nope}}"},
         "body": {"zh-CN": "{{name}}", "en": "Hi"}}
        """);
    List<Problem> problems = new MetadataValidator().validate(List.of(free));
    assertEquals(List.of("INVALID_EXPRESSION@$[0].subject.en", "INVALID_EXPRESSION@$[0].body['zh-CN']"),
        problems.stream().map(p -> p.code() + "@" + p.path()).toList(), problems.toString());
    assertTrue(problems.get(0).message("en").contains("the owner (a user) has no such field"), problems.get(0).message("en"));
    assertTrue(problems.get(1).message("zh-CN").contains("此处没有记录"), problems.get(1).message("zh-CN"));
  }

  private static JsonNode json(String s) throws Exception {
    return MetamodelJson.mapper().readTree(s);
  }
}
