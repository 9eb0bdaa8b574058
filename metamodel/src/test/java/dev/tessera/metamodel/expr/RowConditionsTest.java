package dev.tessera.metamodel.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.builtin.BuiltInEntities;
import dev.tessera.metamodel.expr.RowCondition.And;
import dev.tessera.metamodel.expr.RowCondition.Blank;
import dev.tessera.metamodel.expr.RowCondition.Compare;
import dev.tessera.metamodel.expr.RowCondition.Literal;
import dev.tessera.metamodel.expr.RowCondition.Not;
import dev.tessera.metamodel.expr.RowCondition.Op;
import dev.tessera.metamodel.expr.RowCondition.Or;
import dev.tessera.metamodel.expr.RowCondition.UserValue;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Record-scope expressions of roles become query conditions: {@code currentUser} and its fields are
 * values, {@code owner} is the record's owner, comparisons are turned so the record's field is on the
 * left, and what a query cannot apply is refused with its line and column.
 */
class RowConditionsTest {
  private static final EntityDefinition LEAD = MetamodelJson.readEntity(json("""
      {"kind": "entity", "name": "lead", "label": {"zh-CN": "线索", "en": "Lead"}, "fields": [
        {"name": "province", "type": "text", "label": {"zh-CN": "省", "en": "Province"}},
        {"name": "budget", "type": "money", "label": {"zh-CN": "预算", "en": "Budget"}},
        {"name": "hot", "type": "bool", "label": {"zh-CN": "热", "en": "Hot"}},
        {"name": "tags", "type": "tags", "label": {"zh-CN": "标签", "en": "Tags"}},
        {"name": "company", "type": "reference", "target": "user", "label": {"zh-CN": "公司", "en": "Company"}}]}
      """));
  private static final EntityDefinition USER = BuiltInEntities.entity("user").orElseThrow();
  private static final Scope SCOPE = Scope.of(LEAD, Map.of("lead", LEAD, "user", USER), Scope.Use.CONDITION)
      .withCurrentUser(USER);

  @Test
  void ownerAndCurrentUserBecomeAComparisonWithTheUsersId() {
    assertEquals(new Compare("ownerId", Op.EQ, new UserValue("id")), RowConditions.translate("owner == currentUser", SCOPE));
    assertEquals(new Compare("ownerId", Op.EQ, new UserValue("id")), RowConditions.translate("currentUser.id == ownerId", SCOPE));
  }

  @Test
  void theIssuesExampleTranslates() {
    assertEquals(new Or(List.of(new Compare("ownerId", Op.EQ, new UserValue("id")),
            new Compare("province", Op.IN, new UserValue("workingDays")))),
        RowConditions.translate("owner == currentUser || province in currentUser.workingDays", SCOPE));
  }

  @Test
  void literalsListsNullsNegationAndBooleanFields() {
    assertEquals(new And(List.of(new Compare("budget", Op.LT, new Literal(new BigDecimal("-5"))),
            new Not(new Compare("province", Op.NOT_IN, new Literal(List.of("GD", "ZJ")))))),
        RowConditions.translate("-5 > budget && !(province not in ['GD', 'ZJ'])", SCOPE));
    assertEquals(new Not(new Blank("province")), RowConditions.translate("province != null", SCOPE));
    assertEquals(new Blank("province"), RowConditions.translate("isBlank(province)", SCOPE));
    assertEquals(new Compare("hot", Op.EQ, new Literal(true)), RowConditions.translate("hot", SCOPE));
    assertEquals(new RowCondition.Const(true), RowConditions.translate("true", SCOPE));
  }

  @Test
  void whatAQueryCannotApplyIsRefusedWithItsPosition() {
    for (String s : List.of("budget * 2 > 10", "company.name == 'x'", "province == currentUser.name && len(province) > 2",
        "province == province", "currentUser.capacity > 3", "hot ? true : false", "province < 'M'",
        "isBlank(currentUser.workingDays)", "isBlank(tags)")) {
      ExpressionException e = assertThrows(ExpressionException.class, () -> RowConditions.translate(s, SCOPE), s);
      assertTrue(e.line() >= 1 && e.column() >= 1, s);
      LocalizedText t = e.text();
      assertTrue(t.get("zh-CN").contains("查询") || t.get("en").contains("not"), s + ": " + t);
    }
  }

  @Test
  void currentUserIsOnlyKnownWhereTheScopeSaysSo() {
    Scope plain = Scope.of(LEAD, Map.of("lead", LEAD), Scope.Use.CONDITION);
    assertThrows(ExpressionException.class, () -> Expressions.compile("owner == currentUser", plain, ExprType.BOOLEAN));
    assertThrows(ExpressionException.class, () -> RowConditions.translate("province == currentUser.nmae", SCOPE));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String s) {
    try {
      return MetamodelJson.mapper().readTree(s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
