package dev.tessera.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.metamodel.expr.RowCondition;
import dev.tessera.metamodel.expr.RowCondition.Compare;
import dev.tessera.metamodel.expr.RowCondition.Literal;
import dev.tessera.metamodel.expr.RowCondition.Op;
import dev.tessera.metamodel.expr.RowCondition.UserValue;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.RoleDefinition.RecordScope;
import dev.tessera.record.Column;
import dev.tessera.record.Filter;
import dev.tessera.record.SystemColumn;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Record scopes as storage filters for one viewer: own and team compare the owner, all is no
 * condition, and expression scopes take the viewer's values, converted to the field's stored form;
 * a blank or unusable user value gives what SQL would (equal: blank records only; in: nothing).
 */
class ScopeFiltersTest {
  private static final EntityDefinition LEAD = MetamodelJson.readEntity(PolicyFixtures.lead());
  private static final Column OWNER = Column.of(SystemColumn.OWNER_ID);
  private static final Column REGION = Column.of(LEAD.field("region").orElseThrow());
  private static final Column BUDGET = Column.of(LEAD.field("budget").orElseThrow());
  private static final Filter NOTHING = new Filter.Or(List.of());

  @Test
  void ownTeamAndAll() {
    Viewer v = new Viewer("u1", Set.of("u2"), Map.of());
    assertEquals(new Filter.Compare(OWNER, Filter.Op.EQ, "u1"), ScopeFilters.filter(ScopeRule.OWN, LEAD, v));
    Filter.Compare team = (Filter.Compare) ScopeFilters.filter(ScopeRule.TEAM, LEAD, v);
    assertEquals(Filter.Op.IN, team.op());
    assertEquals(Set.of("u1", "u2"), Set.copyOf((List<?>) team.value()), "the user's own records are in the team's");
    assertEquals(Filter.all(), ScopeFilters.filter(ScopeRule.ALL, LEAD, v));
    assertEquals(new Filter.Compare(OWNER, Filter.Op.IN, List.of("u3")),
        ScopeFilters.filter(ScopeRule.TEAM, LEAD, new Viewer("u3", Set.of(), Map.of())), "no team: own records");
  }

  @Test
  void expressionsTakeTheViewersValues() {
    RowCondition c = new RowCondition.Or(List.of(new Compare("ownerId", Op.EQ, new UserValue("id")),
        new Compare("region", Op.IN, new UserValue("regions"))));
    Viewer v = new Viewer("u1", Set.of(), Map.of("regions", List.of("GD", "ZJ")));
    assertEquals(new Filter.Or(List.of(new Filter.Compare(OWNER, Filter.Op.EQ, "u1"),
        new Filter.Compare(REGION, Filter.Op.IN, List.of("GD", "ZJ")))), expression(c, v));
    assertEquals(new Filter.Compare(BUDGET, Filter.Op.GTE, new BigDecimal("100")),
        expression(new Compare("budget", Op.GTE, new Literal(new BigDecimal("100"))), v));
    assertEquals(new Filter.Compare(REGION, Filter.Op.IS_NULL, true), expression(new RowCondition.Blank("region"), v));
    assertEquals(new Filter.Not(NOTHING), expression(new RowCondition.Not(new RowCondition.Const(false)), v));
  }

  @Test
  void blankOrUnusableUserValues() {
    Map<String, Object> values = new HashMap<>();
    values.put("capacity", "many");
    Viewer v = new Viewer("u1", Set.of(), values);
    assertEquals(NOTHING, expression(new Compare("region", Op.IN, new UserValue("regions")), v), "in nothing: no record");
    assertEquals(Filter.all(), expression(new Compare("region", Op.NOT_IN, new UserValue("regions")), v));
    assertEquals(new Filter.Compare(REGION, Filter.Op.IS_NULL, true),
        expression(new Compare("region", Op.EQ, new UserValue("workStart")), v), "equal to blank: blank records");
    assertEquals(new Filter.Compare(REGION, Filter.Op.IS_NULL, false),
        expression(new Compare("region", Op.NE, new UserValue("workStart")), v));
    assertEquals(NOTHING, expression(new Compare("budget", Op.GT, new UserValue("workStart")), v), "order with blank: none");
    assertEquals(NOTHING, expression(new Compare("budget", Op.EQ, new UserValue("capacity")), v),
        "a value the field cannot hold equals no record");
    assertEquals(Filter.all(), expression(new Compare("budget", Op.NE, new UserValue("capacity")), v));
  }

  private static Filter expression(RowCondition c, Viewer v) {
    return ScopeFilters.filter(new ScopeRule(RecordScope.Type.EXPRESSION, c), LEAD, v);
  }
}
