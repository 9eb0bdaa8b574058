package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import java.util.List;

/** count plus sum/avg/min/max of numeric (and min/max of date) fields, optionally grouped. */
public record AggregateRequest(
    EntityDefinition entity, Filter filter, List<Column> groupBy, List<FieldDefinition> measured) {}
