package dev.tessera.metamodel.model;

/**
 * One edge of a flow: from {@code "trigger"} ({@link FlowDefinition#TRIGGER}) or a node id, to a node
 * id. {@code branch} names one of the source node's branches ({@link FlowNode#branchNames()}); null is the
 * default edge. Several default edges from one node fork parallel tokens.
 */
public record FlowEdge(String from, String to, String branch) {
  /** True for the default (unnamed) edge of its node. */
  public boolean isDefault() {
    return branch == null;
  }
}
