package dev.tessera.metamodel.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  @ParameterizedTest
  @CsvSource({"customer,customers", "company,companies", "salesBox,salesBoxes", "address,addresses",
      "branch,branches", "wish,wishes", "survey,surveys", "lead,leads", "quiz,quizes"})
  void pluralInflectsTheLastWord(String name, String plural) {
    assertEquals(plural, Identifiers.plural(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Customer", "1st", "a b", "a-b", "a_b", "客户", "x\"; DROP TABLE t; --", "a'b",
      "__proto__", "ａbc"})
  void rejectsNamesThatAreNotApiNames(String name) {
    assertFalse(Identifiers.isValid(name));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.requireValid(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "customer", "annualSpend", "q3Revenue"})
  void acceptsApiNames(String name) {
    assertTrue(Identifiers.isValid(name));
    assertEquals(name, Identifiers.requireValid(name));
  }

  @org.junit.jupiter.api.Test
  void nullAndOverlongNamesAreInvalid() {
    assertFalse(Identifiers.isValid(null));
    assertFalse(Identifiers.isValid("a".repeat(Identifiers.MAX_LENGTH + 1)));
    assertTrue(Identifiers.isValid("a".repeat(Identifiers.MAX_LENGTH)));
  }
}
