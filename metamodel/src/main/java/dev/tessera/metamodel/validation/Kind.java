package dev.tessera.metamodel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.Definition;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of definition, registered once in {@link KindRegistry}: its name in the JSON, its typed
 * record, the reader from JSON (lenient, defaults applied), and its semantic validator. Its JSON
 * Schema is the resource {@code dev/tessera/metamodel/schema/<name>.schema.json}.
 */
public record Kind<T extends Definition>(String name, Class<T> type, Function<JsonNode, T> reader,
    KindValidator<T> validator) {
  /** Reads {@code json} as this kind. */
  public T read(JsonNode json) {
    return reader.apply(json);
  }

  /** Runs the semantic checks of this kind on a definition read by {@link #read}. */
  public List<Problem> check(Definition definition, String base, ValidationContext context) {
    return validator.validate(type.cast(definition), base, context);
  }
}
