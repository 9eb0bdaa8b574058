package dev.tessera.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "13800138000|+8613800138000",
      "138 0013 8000|+8613800138000",
      "138-0013-8000|+8613800138000",
      "+86 138 0013 8000|+8613800138000",
      "+86-138-0013-8000|+8613800138000",
      "008613800138000|+8613800138000",
      "8613800138000|+8613800138000",
      "(+86) 19912345678|+8619912345678",
      "010-12345678|+861012345678",
      "0571 8888 6666|+8657188886666",
      "+49 170 1234567|+491701234567",
      "+1 (415) 555-0100|+14155550100"})
  void normalizes(String raw, String expected) {
    assertEquals(expected, PhoneNumbers.normalize(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "abc", "1380013800", "+", "138001380001234567", "12800138000"})
  void rejects(String raw) {
    assertNull(PhoneNumbers.normalize(raw));
  }

  @org.junit.jupiter.api.Test
  void knowsMainlandMobiles() {
    assertTrue(PhoneNumbers.isChinaMobile(PhoneNumbers.normalize("13800138000")));
    assertTrue(!PhoneNumbers.isChinaMobile(PhoneNumbers.normalize("010-12345678")));
  }
}
