package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionReferencesTest {
  @Test
  void collectsFieldPathsButNotLiteralsFunctionsOrStrings() {
    ExpressionReferences.Result r = ExpressionReferences.scan(
        "annualSpend != null && company.industry == 'retail name' ? round(score * 1.5) : daysSince(createdAt)");
    assertNull(r.error());
    assertEquals(List.of(List.of("annualSpend"), List.of("company", "industry"), List.of("score"),
        List.of("createdAt")), r.references());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "name = 'x'|6", "(a + b|1", "a + b)|6", "'open|1", "a; b|2", "x.getClass()|1", "new Foo()|1",
      "while (true) {}|1", "a @ b|3", "Foo.class|1", "a.b.c()|1", "`ls`|1"})
  void reportsTheFirstErrorWithItsColumn(String expression, int column) {
    ExpressionReferences.Result r = ExpressionReferences.scan(expression);
    assertNotNull(r.error(), expression);
    assertNotNull(r.errorZh());
    assertEquals(column, r.errorColumn(), expression + ": " + r.error());
  }
}
