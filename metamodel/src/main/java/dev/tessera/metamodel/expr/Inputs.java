package dev.tessera.metamodel.expr;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.mvel2.integration.VariableResolver;
import org.mvel2.integration.VariableResolverFactory;
import org.mvel2.integration.impl.BaseVariableResolverFactory;

/**
 * The variables of one evaluation, for MVEL. A value is looked up and converted only when the
 * expression reads it ({@code score > 50 && ...} never converts the rest when the score is low), and
 * at most once. Nothing can be created or assigned: accepted expressions never try, and this factory
 * refuses if anything did.
 */
final class Inputs extends BaseVariableResolverFactory {
  static final String CONTEXT = "c_ctx";

  private final Scope.Variable[] variables;
  private final Map<String, Integer> index;
  private final Function<String, Object> lookup;
  private final EvalContext context;
  private final Slot[] slots;

  Inputs(Scope.Variable[] variables, Map<String, Integer> index, Function<String, Object> lookup, EvalContext context) {
    this.variables = variables;
    this.index = index;
    this.lookup = lookup;
    this.context = context;
    this.slots = new Slot[variables.length];
  }

  /** One variable: read from the record on first use. */
  private final class Slot implements VariableResolver {
    private final int at;
    private boolean read;
    private Object value;

    Slot(int at) {
      this.at = at;
    }

    @Override
    public Object getValue() {
      if (!read) {
        value = Values.in(variables[at].type(), lookup.apply(variables[at].path()));
        read = true;
      }
      return value;
    }

    @Override
    public String getName() {
      return variables[at].mvelName();
    }

    @Override
    public Class getType() {
      return variables[at].type().javaClass();
    }

    @Override
    public void setStaticType(Class type) {
      throw new UnsupportedOperationException("expressions do not declare variables");
    }

    @Override
    public int getFlags() {
      return 0;
    }

    @Override
    public void setValue(Object value) {
      throw new UnsupportedOperationException("expressions do not assign");
    }
  }

  private final VariableResolver contextResolver = new org.mvel2.integration.impl.SimpleValueResolver(null) {
    @Override
    public Object getValue() {
      return context;
    }
  };

  @Override
  public VariableResolver getVariableResolver(String name) {
    Integer at = index.get(name);
    if (at != null) {
      Slot s = slots[at];
      if (s == null) {
        s = new Slot(at);
        slots[at] = s;
      }
      return s;
    }
    if (CONTEXT.equals(name)) {
      return contextResolver;
    }
    return super.getVariableResolver(name);
  }

  @Override
  public boolean isTarget(String name) {
    return index.containsKey(name) || CONTEXT.equals(name);
  }

  @Override
  public boolean isResolveable(String name) {
    return isTarget(name) || isNextResolveable(name);
  }

  @Override
  public VariableResolver createVariable(String name, Object value) {
    throw new UnsupportedOperationException("expressions do not assign");
  }

  @Override
  public VariableResolver createVariable(String name, Object value, Class<?> type) {
    throw new UnsupportedOperationException("expressions do not assign");
  }

  @Override
  public Set<String> getKnownVariables() {
    return index.keySet();
  }

  @Override
  public VariableResolverFactory setNextFactory(VariableResolverFactory next) {
    return super.setNextFactory(next);
  }
}
