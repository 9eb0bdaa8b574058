package dev.tessera.record;

import java.util.Map;

/** One group of an aggregate: the group key values and, per function, field name to value. */
public record AggregateRow(
    Map<String, Object> group,
    long count,
    Map<String, Object> sum,
    Map<String, Object> avg,
    Map<String, Object> min,
    Map<String, Object> max) {}
