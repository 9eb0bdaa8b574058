package dev.tessera.metamodel.validation;

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
        c.add(ProblemCode.DUPLICATE, at + ".field", "字段“" + name + "”在匹配条件中出现了两次", "The field \"" + name + "\" is matched twice");
      }
      if (f != null && f.type() != null && f.valueType().storage() != FieldType.Storage.TEXT) {
        c.add(ProblemCode.INVALID_OPTION, at + ".field", "只能按文本类字段（文本、手机、邮箱等）查重，“" + name + "”是 " + f.type().jsonName(),
            "Duplicates are matched on text-like fields (text, phone, email ...); \"" + name + "\" is " + f.type().jsonName());
      }
      if (cr.fuzzy() && f != null && (f.type() == FieldType.PHONE || f.type() == FieldType.EMAIL)) {
        c.add(ProblemCode.INVALID_OPTION, at + ".match", "手机和邮箱先规范化再精确比较，请用 exact", "Phones and emails are normalized and compared exactly; use exact");
      }
      if (cr.minSimilarity() != null && !cr.fuzzy()) {
        c.add(ProblemCode.INVALID_OPTION, at + ".minSimilarity", "只有模糊匹配（fuzzy）才有最低相似度", "Only a fuzzy criterion has a minimum similarity");
      }
      if (cr.compareAs() != null && !cr.fuzzy()) {
        c.add(ProblemCode.INVALID_OPTION, at + ".compareAs", "只有模糊匹配（fuzzy）才能按人名或公司名比较", "Only a fuzzy criterion compares as a person or company name");
      }
    }
    return c.out;
  }
}
