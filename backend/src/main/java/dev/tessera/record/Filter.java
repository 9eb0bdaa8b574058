package dev.tessera.record;

import java.util.List;

/** A typed filter over one entity's records; the storage layer compiles it to parameterized SQL. */
public sealed interface Filter {
  /** Comparison operators; which apply depends on the column's type. */
  enum Op {
    EQ, NE, IN, NOT_IN, LT, LTE, GT, GTE, CONTAINS, STARTS_WITH, IS_NULL,
    /** arrays: holds all given values; json: JSON containment. */
    HAS_ALL,
    /** arrays: holds any of the given values. */
    HAS_ANY
  }

  record And(List<Filter> parts) implements Filter {
    public And {
      parts = List.copyOf(parts);
    }
  }

  record Or(List<Filter> parts) implements Filter {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  record Not(Filter inner) implements Filter {}

  /** {@code value} is already converted to the column's Java type (BigDecimal, String, List...). */
  record Compare(Column column, Op op, Object value) implements Filter {}

  /**
   * Records by their SLA state (ADR 0052): under {@code policy} (any when null), with a status among
   * {@code statuses} (any when empty: {@code ok, warning, paused, breached, met}), the resolution due before
   * {@code dueBefore} (any when null).
   */
  record Sla(String policy, List<String> statuses, java.time.OffsetDateTime dueBefore) implements Filter {
    public Sla {
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
  }

  static Filter all() {
    return new And(List.of());
  }
}
