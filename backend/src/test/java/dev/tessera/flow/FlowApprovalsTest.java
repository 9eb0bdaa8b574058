package dev.tessera.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.json.FlowJson;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.FlowDefinition;
import org.junit.jupiter.api.Test;

/**
 * Which approval node's approval approves the whole flow (ADR 0053: a stage gate moves the record then):
 * the last one on the approved path; a later approval only on the rejected branch does not count.
 */
class FlowApprovalsTest {
  static final String FLOW = """
      {"kind": "flow", "name": "twoSteps", "trigger": {"type": "manual", "entity": "deal"},
       "nodes": [
         {"id": "legal", "type": "approval", "approvers": [{"type": "user", "username": "a"}]},
         {"id": "note", "type": "setVariable", "name": "x", "value": "1"},
         {"id": "finance", "type": "approval", "approvers": [{"type": "user", "username": "b"}]},
         {"id": "appeal", "type": "approval", "approvers": [{"type": "user", "username": "c"}]},
         {"id": "done", "type": "end"}],
       "edges": [{"from": "trigger", "to": "legal"}, {"from": "legal", "to": "note"}, {"from": "note", "to": "finance"},
                 {"from": "finance", "to": "done"}, {"from": "finance", "to": "appeal", "branch": "rejected"}]}""";

  @Test
  void onlyTheLastApprovalOnTheApprovedPathApprovesTheFlow() throws Exception {
    FlowDefinition flow = FlowJson.flow(MetamodelJson.mapper().readTree(FLOW));
    assertTrue(FlowApprovals.approvalAfter(flow, "legal"), "finance follows legal");
    assertFalse(FlowApprovals.approvalAfter(flow, "finance"), "appeal is only on the rejected branch");
    assertFalse(FlowApprovals.approvalAfter(flow, "appeal"));
  }
}
