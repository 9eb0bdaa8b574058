package dev.tessera.metadata;

import dev.tessera.metamodel.validation.Problem;
import java.util.List;

/** Outcome of a publish: the new version when applied, else every problem found; planned changes. */
public record PublishResult(Integer version, boolean applied, List<Problem> problems, List<String> changes) {
  public PublishResult {
    problems = List.copyOf(problems);
    changes = List.copyOf(changes);
  }
}
