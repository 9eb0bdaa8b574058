package dev.tessera.metamodel.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.json.MetamodelJson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structure of flows ({@code flow.schema.json}): the minimal flow passes; per-type properties are checked. */
class FlowSchemaTest {
  @Test
  void theIssuesMinimalFlowIsAccepted() throws Exception {
    assertEquals(List.of(), new MetadataValidator().validate(minimalSet()));
  }

  @Test
  void aPropertyOfAnotherNodeTypeIsAnUnknownProperty() throws Exception {
    List<JsonNode> defs = minimalSet();
    ((com.fasterxml.jackson.databind.node.ObjectNode) defs.get(1).at("/nodes/1")).put("dueInDays", 3);
    List<String> found = new MetadataValidator().validate(defs).stream().map(p -> p.code() + "@" + p.path()).toList();
    assertEquals(List.of("UNKNOWN_PROPERTY@$[1].nodes[1].dueInDays"), found);
  }

  @Test
  void aWrongValueIsOneProblemAndAPropertyOfNoTypeIsNamedOnce() throws Exception {
    List<JsonNode> defs = minimalSet();
    ((com.fasterxml.jackson.databind.node.ObjectNode) defs.get(1).at("/nodes/0")).put("priority", "urgent");
    ((com.fasterxml.jackson.databind.node.ObjectNode) defs.get(1).at("/nodes/1")).put("bogus", 1);
    List<Problem> problems = new MetadataValidator().validate(defs);
    assertEquals(List.of("INVALID_VALUE@$[1].nodes[0].priority", "UNKNOWN_PROPERTY@$[1].nodes[1].bogus"),
        problems.stream().map(p -> p.code() + "@" + p.path()).toList(), problems.toString());
  }

  @Test
  void aScheduleTakesAFilterNotAnEnrollmentCondition() throws Exception {
    List<JsonNode> defs = minimalSet();
    ((com.fasterxml.jackson.databind.node.ObjectNode) defs.get(1)).set("trigger", MetamodelJson.mapper().readTree(
        "{\"type\": \"schedule\", \"cron\": \"0 9 * * *\", \"entity\": \"lead\", \"condition\": \"source == 'x'\"}"));
    List<Problem> problems = new MetadataValidator().validate(defs);
    assertEquals(List.of("UNKNOWN_PROPERTY@$[1].trigger.condition"),
        problems.stream().map(p -> p.code() + "@" + p.path()).toList(), problems.toString());
  }

  static List<JsonNode> minimalSet() throws Exception {
    try (InputStream in = FlowSchemaTest.class.getResourceAsStream("FlowValidatorTest.minimal.json")) {
      List<JsonNode> out = new ArrayList<>();
      MetamodelJson.mapper().readTree(in).forEach(out::add);
      return out;
    }
  }
}
