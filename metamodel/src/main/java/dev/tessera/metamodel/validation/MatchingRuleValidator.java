package dev.tessera.metamodel.validation;

import static dev.tessera.metamodel.validation.MetadataMessage.COMPARE_AS_FUZZY_ONLY;
import static dev.tessera.metamodel.validation.MetadataMessage.FIELD_MATCHED_TWICE;
import static dev.tessera.metamodel.validation.MetadataMessage.MATCH_TEXT_FIELDS_ONLY;
import static dev.tessera.metamodel.validation.MetadataMessage.PHONE_EMAIL_EXACT;
import static dev.tessera.metamodel.validation.MetadataMessage.SIMILARITY_FUZZY_ONLY;

import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.model.MatchingRuleDefinition.Criterion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic checks of a matching rule: each criterion names a text-like field once, phones and emails
 * are compared exactly (they are normalized), and similarity options sit on fuzzy criteria only.
 */
final class MatchingRuleValidator {
  private MatchingRuleValidator() {}

  static List<Problem> validate(MatchingRuleDefinition d, String base, ValidationContext ctx) {
    RecordRuleChecks c = new RecordRuleChecks(d, base, ctx);
    if (c.entity == null) {
      return c.out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < d.criteria().size(); i++) {
      Criterion cr = d.criteria().get(i);
      String at = ".criteria[" + i + "]";
      String name = cr.field();
      FieldDefinition f = c.field(at + ".field", name, null);
      if (name != null && !seen.add(name)) {
        c.add(ProblemCode.DUPLICATE, at + ".field", FIELD_MATCHED_TWICE, "field", name);
      }
      if (f != null && f.type() != null && f.valueType().storage() != FieldType.Storage.TEXT) {
        c.add(ProblemCode.INVALID_OPTION, at + ".field", MATCH_TEXT_FIELDS_ONLY, "field", name, "type", f.type().jsonName());
      }
      if (cr.fuzzy() && f != null && (f.type() == FieldType.PHONE || f.type() == FieldType.EMAIL)) {
        c.add(ProblemCode.INVALID_OPTION, at + ".match", PHONE_EMAIL_EXACT);
      }
      if (cr.minSimilarity() != null && !cr.fuzzy()) {
        c.add(ProblemCode.INVALID_OPTION, at + ".minSimilarity", SIMILARITY_FUZZY_ONLY);
      }
      if (cr.compareAs() != null && !cr.fuzzy()) {
        c.add(ProblemCode.INVALID_OPTION, at + ".compareAs", COMPARE_AS_FUZZY_ONLY);
      }
    }
    return c.out;
  }
}
