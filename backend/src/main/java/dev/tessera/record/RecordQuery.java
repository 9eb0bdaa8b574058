package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;

/** Records of one entity matching a filter, in a page; {@code deleted} reads the recycle bin. */
public record RecordQuery(EntityDefinition entity, Filter filter, Page page, boolean deleted) {}
