package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.Definition;
import java.util.List;

/**
 * The semantic checks of one kind, run after its JSON Schema on the typed record (which the reader
 * built leniently, so a check must accept nulls where the schema already reported a problem).
 * Returns every problem at once, with paths under {@code base} (e.g. {@code $[2]}).
 */
@FunctionalInterface
public interface KindValidator<T extends Definition> {
  List<Problem> validate(T definition, String base, ValidationContext context);
}
