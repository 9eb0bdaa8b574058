package dev.tessera.bench.expr;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Values;
import java.util.function.Function;
import org.mvel2.integration.VariableResolver;
import org.mvel2.integration.VariableResolverFactory;
import org.mvel2.integration.impl.BaseVariableResolverFactory;
import org.mvel2.integration.impl.SimpleValueResolver;

/**
 * Prototype (benchmark only, not Tessera code): an MVEL variable factory that reads an input from the
 * record only when the expression touches it, converting it then, instead of filling a HashMap with
 * every input before each evaluation. Shows what {@code CompiledExpression.evaluate} could save.
 */
final class LookupResolverFactory extends BaseVariableResolverFactory {
  private final String[] names;
  private final String[] paths;
  private final ExprType[] types;
  private final Function<String, Object> lookup;

  LookupResolverFactory(String[] names, String[] paths, ExprType[] types, Function<String, Object> lookup) {
    this.names = names;
    this.paths = paths;
    this.types = types;
    this.lookup = lookup;
  }

  private int index(String name) {
    for (int k = 0; k < names.length; k++) {
      if (names[k].equals(name)) {
        return k;
      }
    }
    return -1;
  }

  @Override
  public VariableResolver getVariableResolver(String name) {
    int k = index(name);
    if (k < 0) {
      return super.getVariableResolver(name);
    }
    return new SimpleValueResolver(Values.in(types[k], lookup.apply(paths[k])));
  }

  @Override
  public boolean isTarget(String name) {
    return index(name) >= 0;
  }

  @Override
  public boolean isResolveable(String name) {
    return index(name) >= 0 || isNextResolveable(name);
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
  public VariableResolverFactory setNextFactory(VariableResolverFactory f) {
    return super.setNextFactory(f);
  }
}
