package dev.tessera.metamodel.model;

/**
 * A definition that acts on the records of one entity (assignment rules, pools, matching rules, and
 * later flows and SLA policies), so the engines can ask the snapshot for those of an entity.
 */
public interface EntityRule extends Definition {
  /** The entity whose records the definition acts on. */
  String entity();

  /** Inactive definitions are kept but do nothing; kinds without the switch are always active. */
  default boolean active() {
    return true;
  }
}
