package dev.tessera.metamodel.model;

import java.util.List;

/**
 * A composite index over several fields of one entity, in order, for the filters a team runs most
 * (e.g. owner + stage + city). Equality on a prefix of the fields then reads rows already in the
 * default (newest first) order. {@code unique} makes the combination unique among live records.
 */
public record IndexDefinition(List<String> fields, boolean unique) {
  public IndexDefinition {
    fields = List.copyOf(fields);
  }
}
