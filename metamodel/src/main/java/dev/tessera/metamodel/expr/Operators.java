package dev.tessera.metamodel.expr;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@link Ops} methods by name, for MVEL's imports. */
final class Operators {
  private static final Map<String, Method> BY_NAME = Arrays.stream(Ops.class.getMethods())
      .filter(m -> m.getDeclaringClass() == Ops.class && java.lang.reflect.Modifier.isStatic(m.getModifiers()))
      .collect(Collectors.toMap(Method::getName, Function.identity()));

  private Operators() {}

  static Method method(String name) {
    Method m = BY_NAME.get(name);
    if (m == null) {
      throw new IllegalStateException("no operator " + name);
    }
    return m;
  }
}
