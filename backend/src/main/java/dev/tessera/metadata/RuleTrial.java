package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.validation.KindRegistry;
import dev.tessera.metamodel.validation.MetadataValidator;
import dev.tessera.metamodel.validation.Problem;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A rule definition (assignment, pool, matching) tried against the live metadata without publishing
 * it: checked as a publish would check it (schema, semantics, the users and teams it names) and, when
 * it has no problems, read into its typed record inside a snapshot that holds it. Nothing is written.
 * Problem paths start at {@code $[0]}, the rule, as in a publish of that one definition.
 */
@ApplicationScoped
public class RuleTrial {
  /** The outcome: the problems, or the typed rule and the snapshot it lives in. */
  public record Trial(List<Problem> problems, Definition definition, MetadataSnapshot snapshot) {
    public Trial {
      problems = List.copyOf(problems);
    }
  }

  private final MetadataRegistry registry;
  private final MetadataStore store;
  private final TxRunner tx;
  private final MetadataValidator validator = new MetadataValidator();

  public RuleTrial(MetadataRegistry registry, MetadataStore store, TxRunner tx) {
    this.registry = registry;
    this.store = store;
    this.tx = tx;
  }

  /**
   * Checks {@code rule}, which must be of {@code kind} (never an entity: the snapshot keeps the live
   * version number, so compiled expressions of the live entities are reused), with the live definitions.
   */
  public Uni<Trial> tryRule(String kind, JsonNode rule) {
    MetadataSnapshot live = registry.current();
    if (EntityDefinition.KIND.equals(kind) || !kind.equals(rule.path("kind").asText())) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, "Not a definition of kind " + kind,
          "不是“" + kind + "”类型的定义", "rule", List.of());
    }
    List<JsonNode> merged = DefinitionMerge.merge(List.of(rule), live.definitions());
    return tx.withConnection(store::directory).map(directory -> {
      List<Problem> problems = validator.validate(merged, directory);
      if (!problems.isEmpty()) {
        return new Trial(problems, null, null);
      }
      MetadataSnapshot snapshot = new MetadataSnapshot(live.version(), merged);
      return new Trial(List.of(), KindRegistry.standard().read(merged.get(0)).orElseThrow(), snapshot);
    });
  }
}
