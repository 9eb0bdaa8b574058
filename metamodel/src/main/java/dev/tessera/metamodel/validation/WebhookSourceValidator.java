package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.WebhookSourceDefinition;
import java.util.List;

/**
 * Semantic checks of an inbound webhook source: its entity exists, every mapped name is a field of it,
 * the match's fields are mapped (their values come from the payload), and the run-as user exists.
 * Pointers and the secret's name are checked by the JSON Schema; a secret is set at run time.
 */
final class WebhookSourceValidator {
  private WebhookSourceValidator() {}

  static List<Problem> validate(WebhookSourceDefinition d, String base, ValidationContext ctx) {
    RecordRuleChecks c = new RecordRuleChecks(d, base, ctx);
    if (d.runAs() != null && !ctx.directory().hasUser(d.runAs())) {
      c.out.add(Problem.of(ProblemCode.UNKNOWN_TARGET, base + ".runAs", WebhookSourceMessage.UNKNOWN_RUN_AS, "user", d.runAs()));
    }
    if (c.entity == null) {
      return c.out;
    }
    d.mapping().keySet().forEach(field -> c.field(".mapping" + Problem.key(field), field, null));
    if (d.match() != null) {
      List<String> fields = d.match().fields();
      for (int i = 0; i < fields.size(); i++) {
        if (!d.mapping().containsKey(fields.get(i))) {
          c.out.add(Problem.of(ProblemCode.INVALID_OPTION, base + ".match.fields[" + i + "]",
              WebhookSourceMessage.MATCH_FIELD_NOT_MAPPED, "field", fields.get(i)));
        }
      }
    }
    return c.out;
  }
}
