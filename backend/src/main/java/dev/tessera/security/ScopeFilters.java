package dev.tessera.security;

import dev.tessera.metamodel.expr.RowCondition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.record.Column;
import dev.tessera.record.Filter;
import dev.tessera.record.SystemColumn;
import dev.tessera.record.ValueConverter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled record scope as a storage {@link Filter} for one viewer: {@code own} is "owner is the
 * user", {@code team} "owner is one of the user's team mates (or the user)", {@code all} no
 * condition, and an expression its {@link RowCondition} with {@code currentUser} values filled in.
 * A comparison with a blank user value holds as SQL says: {@code ==} only for blank records,
 * {@code !=} for the others, an order or {@code in} never.
 */
final class ScopeFilters {
  private static final Filter NOTHING = new Filter.Or(List.of());

  private ScopeFilters() {}

  static Filter filter(ScopeRule rule, EntityDefinition entity, Viewer viewer) {
    Column owner = Column.of(SystemColumn.OWNER_ID);
    return switch (rule.type()) {
      case OWN -> new Filter.Compare(owner, Filter.Op.EQ, viewer.userId());
      case TEAM -> {
        Set<String> ids = new LinkedHashSet<>(viewer.teamMates());
        ids.add(viewer.userId());
        yield new Filter.Compare(owner, Filter.Op.IN, List.copyOf(ids));
      }
      case ALL -> Filter.all();
      case EXPRESSION -> condition(rule.condition(), entity, viewer);
    };
  }

  static Filter condition(RowCondition c, EntityDefinition e, Viewer v) {
    if (c instanceof RowCondition.And and) {
      return new Filter.And(and.parts().stream().map(p -> condition(p, e, v)).toList());
    }
    if (c instanceof RowCondition.Or or) {
      return new Filter.Or(or.parts().stream().map(p -> condition(p, e, v)).toList());
    }
    if (c instanceof RowCondition.Not not) {
      return new Filter.Not(condition(not.inner(), e, v));
    }
    if (c instanceof RowCondition.Const k) {
      return k.value() ? Filter.all() : NOTHING;
    }
    if (c instanceof RowCondition.Blank b) {
      return new Filter.Compare(column(e, b.field()), Filter.Op.IS_NULL, true);
    }
    return compare((RowCondition.Compare) c, e, v);
  }

  private static Filter compare(RowCondition.Compare c, EntityDefinition e, Viewer v) {
    Column column = column(e, c.field());
    Object raw = c.value() instanceof RowCondition.Literal l ? l.value() : v.value(((RowCondition.UserValue) c.value()).field());
    if (c.op() == RowCondition.Op.IN || c.op() == RowCondition.Op.NOT_IN) {
      List<Object> items = new ArrayList<>();
      if (raw instanceof Collection<?> values) {
        values.forEach(x -> convert(column, x, items));
      } else if (raw != null) {
        convert(column, raw, items);
      }
      boolean in = c.op() == RowCondition.Op.IN;
      if (items.isEmpty()) {
        return in ? NOTHING : Filter.all();
      }
      return new Filter.Compare(column, in ? Filter.Op.IN : Filter.Op.NOT_IN, List.copyOf(items));
    }
    List<Object> one = new ArrayList<>(1);
    if (raw != null) {
      convert(column, raw, one);
    }
    Object value = one.isEmpty() ? null : one.get(0);
    if (value == null) {
      return switch (c.op()) {
        case EQ -> raw == null ? new Filter.Compare(column, Filter.Op.IS_NULL, true) : NOTHING;
        case NE -> raw == null ? new Filter.Compare(column, Filter.Op.IS_NULL, false) : Filter.all();
        default -> NOTHING;
      };
    }
    return new Filter.Compare(column, op(c.op()), value);
  }

  /** Adds {@code raw} as the column stores it; a value the column could not hold is left out (it equals nothing). */
  private static void convert(Column column, Object raw, List<Object> out) {
    if (column.system() != null) {
      out.add(column.system() == SystemColumn.VERSION ? new java.math.BigDecimal(raw.toString()) : raw.toString());
      return;
    }
    try {
      out.add(ValueConverter.convert(column.field(), raw));
    } catch (ValueConverter.BadValue | IllegalArgumentException x) {
      // a user value of another type: nothing stored can equal it
    }
  }

  private static Filter.Op op(RowCondition.Op op) {
    return switch (op) {
      case EQ -> Filter.Op.EQ;
      case NE -> Filter.Op.NE;
      case LT -> Filter.Op.LT;
      case LTE -> Filter.Op.LTE;
      case GT -> Filter.Op.GT;
      case GTE -> Filter.Op.GTE;
      case IN -> Filter.Op.IN;
      case NOT_IN -> Filter.Op.NOT_IN;
    };
  }

  private static Column column(EntityDefinition e, String name) {
    FieldDefinition f = e.field(name).orElse(null);
    if (f != null) {
      return Column.of(f);
    }
    return Column.of(SystemColumn.fromApi(name)
        .orElseThrow(() -> new IllegalStateException("scope names no field " + name + " of " + e.name())));
  }
}
