package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.json.FlowJson;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every variable of a flow, typed for the engine as the checks type them. */
class FlowVariablesTest {
  @Test
  void theEngineSeesEachVariableWithTheTypeTheChecksGiveIt() throws Exception {
    EntityDefinition lead = MetamodelJson.readEntity(MetamodelJson.mapper().readTree("""
        {"kind": "entity", "name": "lead", "label": {"zh-CN": "线索", "en": "Lead"},
         "fields": [{"name": "score", "type": "number", "label": {"zh-CN": "分", "en": "Score"}}]}"""));
    var flow = FlowJson.flow(MetamodelJson.mapper().readTree("""
        {"kind": "flow", "name": "f", "label": {"zh-CN": "流程", "en": "Flow"},
         "trigger": {"type": "manual", "entity": "lead"},
         "nodes": [
           {"id": "double", "type": "setVariable", "name": "twice", "value": "score * 2"},
           {"id": "more", "type": "setVariable", "name": "more", "value": "vars.twice + 1"},
           {"id": "blank", "type": "setVariable", "name": "nothing", "value": "null"},
           {"id": "bad", "type": "setVariable", "name": "broken", "value": "score +"},
           {"id": "copy", "type": "createRecord", "entity": "lead", "set": {}, "output": "copied"},
           {"id": "ask", "type": "callWebhook", "url": "https://example.invalid/x", "output": "crm"}],
         "edges": [{"from": "trigger", "to": "double"}]}"""));
    Scope base = Scope.of(lead, Map.of("lead", lead), Scope.Use.CONDITION);
    Scope.FlowVariables vars = FlowVariables.all(flow, base);
    assertEquals(ExprType.NUMBER, vars.paths().get("twice"));
    assertEquals(ExprType.NUMBER, vars.paths().get("more"), "typed with the variables before it");
    assertEquals(ExprType.TEXT, vars.paths().get("nothing"), "a null value: text");
    assertEquals(ExprType.TEXT, vars.paths().get("broken"), "a value that does not compile: text");
    assertEquals(ExprType.TEXT, vars.paths().get("copied"));
    assertEquals(ExprType.NUMBER, vars.paths().get("crm.status"));
    assertEquals(Set.of("crm.body"), vars.open());
  }
}
