package dev.tessera.metamodel.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.model.LocalizedText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Placeholders of message texts: found with their positions, ill-formed ones reported, unknown ones
 * reported per language through the caller's names, and rendering fills values in plainly (missing
 * ones as empty text).
 */
class MessageTextTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void placeholdersAreFoundWithTheirPositions() {
    List<MessageText.Placeholder> found = MessageText.placeholders("您好 {{name}}，\n负责人 {{ owner.name }} {{vars.reply.body.id}}");
    assertEquals(List.of("name", "owner.name", "vars.reply.body.id"), found.stream().map(MessageText.Placeholder::path).toList());
    assertEquals(1, found.get(0).line());
    assertEquals(4, found.get(0).column());
    assertEquals(2, found.get(1).line());
    assertEquals(5, found.get(1).column());
    assertEquals("{{ owner.name }}", found.get(1).source());
  }

  @Test
  void whatIsNotANameIsIllFormed() {
    for (String text : new String[] {"{{}}", "{{a + b}}", "{{name", "{{1x}}", "{{a..b}}"}) {
      List<MessageText.Placeholder> found = MessageText.placeholders(text);
      assertEquals(1, found.size(), text);
      assertFalse(found.get(0).wellFormed(), text);
    }
    assertTrue(MessageText.placeholders("no placeholders { here } }}").isEmpty());
  }

  @Test
  void unknownPlaceholdersAreReportedPerLanguage() {
    LocalizedText text = LocalizedText.of("联系 {{name}} {{nme}}", "Call {{name}} {{x");
    List<MessageText.Unknown> unknown = MessageText.check(text,
        path -> path.equals("name") ? null : LocalizedText.of("没有 " + path, "no " + path));
    assertEquals(2, unknown.size());
    assertEquals("zh-CN", unknown.get(0).locale());
    assertEquals("nme", unknown.get(0).placeholder().path());
    assertEquals("没有 nme", unknown.get(0).reason().get("zh-CN"));
    assertEquals("en", unknown.get(1).locale());
    assertNull(unknown.get(1).placeholder().path());
    assertTrue(unknown.get(1).reason().get("en").contains("{{x"), unknown.get(1).reason().get("en"));
  }

  @Test
  void renderingFillsValuesInPlainly() {
    Map<String, Object> values = Map.of("name", "张三", "amount", new BigDecimal("1200.50"), "vip", true,
        "due", OffsetDateTime.parse("2026-10-08T01:30:00Z"), "birthday", LocalDate.of(1990, 5, 1),
        "tags", List.of("老客户", "华东"));
    String zh = MessageText.render("{{name}}：{{amount}} 元，VIP {{vip}}，{{due}}，{{birthday}}，{{tags}}，{{missing}}。", "zh-CN",
        SHANGHAI, values::get);
    assertEquals("张三：1200.50 元，VIP 是，2026-10-08 09:30，1990-05-01，老客户、华东，。", zh);
    String en = MessageText.render(LocalizedText.of("{{name}}", "Hi {{name}}, VIP: {{vip}}, tags: {{tags}}"), "en", SHANGHAI,
        values::get);
    assertEquals("Hi 张三, VIP: yes, tags: 老客户, 华东", en);
    assertEquals("left {{as is", MessageText.render("left {{as is", "en", SHANGHAI, p -> "x"));
  }
}
