package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.model.Definition;
import dev.tessera.metamodel.model.FormDefinition;
import dev.tessera.metamodel.model.FormDefinition.Placement;
import dev.tessera.metamodel.model.FormDefinition.Section;
import dev.tessera.metamodel.model.FormDefinition.Tab;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semantic checks of a form: its entity exists; tab and section names are unique and every section
 * is on a tab that exists when the form has tabs; each placed field is a field of the entity, placed
 * once, inside its section's columns; every condition compiles as true/false on the entity. Across
 * the set, {@link #defaults} allows one default form per entity.
 */
final class FormValidator {
  private FormValidator() {}

  static List<Problem> validate(FormDefinition d, String base, ValidationContext ctx) {
    RecordRuleChecks c = new RecordRuleChecks(d, base, ctx);
    Set<String> tabs = tabs(d, c);
    Set<String> sections = new HashSet<>();
    Map<String, String> placed = new HashMap<>();
    for (int i = 0; i < d.sections().size(); i++) {
      Section s = d.sections().get(i);
      String at = ".sections[" + i + "]";
      if (s.name() != null && !sections.add(s.name())) {
        c.add(ProblemCode.DUPLICATE, at + ".name", "分区名称“" + s.name() + "”重复",
            "The section name \"" + s.name() + "\" is used twice");
      }
      tabOf(s, at, tabs, c);
      if (c.entity == null) {
        continue;
      }
      c.condition(at + ".visibleWhen", s.visibleWhen());
      for (int j = 0; j < s.fields().size(); j++) {
        placement(s, s.fields().get(j), at + ".fields[" + j + "]", placed, c);
      }
    }
    return c.out;
  }

  /** The names of the form's tabs; a repeated name or a tab without sections is a problem. */
  private static Set<String> tabs(FormDefinition d, RecordRuleChecks c) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < d.tabs().size(); i++) {
      Tab t = d.tabs().get(i);
      if (t.name() == null) {
        continue;
      }
      if (!names.add(t.name())) {
        c.add(ProblemCode.DUPLICATE, ".tabs[" + i + "].name", "标签页名称“" + t.name() + "”重复",
            "The tab name \"" + t.name() + "\" is used twice");
      } else if (d.sections().stream().noneMatch(s -> t.name().equals(s.tab()))) {
        c.add(ProblemCode.INVALID_OPTION, ".tabs[" + i + "]", "标签页“" + t.name() + "”中没有分区，请添加分区或删除该标签页",
            "The tab \"" + t.name() + "\" has no sections; add one or remove the tab");
      }
    }
    return names;
  }

  private static void tabOf(Section s, String at, Set<String> tabs, RecordRuleChecks c) {
    if (s.tab() == null && !tabs.isEmpty()) {
      c.add(ProblemCode.REQUIRED, at + ".tab", "表单有标签页，请为分区“" + s.name() + "”选择所在的标签页",
          "The form has tabs: choose the tab of the section \"" + s.name() + "\"");
    } else if (s.tab() != null && !tabs.contains(s.tab())) {
      c.add(ProblemCode.UNKNOWN_TARGET, at + ".tab", "标签页“" + s.tab() + "”不存在",
          "There is no tab \"" + s.tab() + "\" on this form");
    }
  }

  private static void placement(Section s, Placement p, String at, Map<String, String> placed, RecordRuleChecks c) {
    if (p.field() != null && c.field(at + ".field", p.field(), null) != null) {
      String first = placed.putIfAbsent(p.field(), s.name());
      if (first != null) {
        c.add(ProblemCode.DUPLICATE, at + ".field", "字段“" + p.field() + "”已放在分区“" + first + "”中，每个字段只能放一次",
            "The field \"" + p.field() + "\" is already placed in the section \"" + first + "\"; a field goes on a form once");
      }
    }
    if (s.columns() >= 1 && s.columns() <= 4) {
      columns(s.columns(), p, at, c);
    }
    c.condition(at + ".visibleWhen", p.visibleWhen());
    c.condition(at + ".requiredWhen", p.requiredWhen());
    c.condition(at + ".readOnlyWhen", p.readOnlyWhen());
  }

  private static void columns(int columns, Placement p, String at, RecordRuleChecks c) {
    if (p.column() > columns) {
      c.add(ProblemCode.INVALID_OPTION, at + ".column", "分区只有 " + columns + " 列，字段不能放在第 " + p.column() + " 列",
          "The section has " + columns + " column(s): a field cannot start in column " + p.column());
    } else if (p.column() >= 1 && p.span() >= 1 && p.column() + p.span() - 1 > columns) {
      c.add(ProblemCode.INVALID_OPTION, at + ".span", "从第 " + p.column() + " 列起跨 " + p.span() + " 列超出了分区的 "
          + columns + " 列", "Starting in column " + p.column() + ", a span of " + p.span()
          + " goes past the section's " + columns + " column(s)");
    }
  }

  /** At most one form per entity is its default; each further one is a problem at its {@code default}. */
  static void defaults(Map<Integer, Definition> typed, List<Problem> out) {
    Map<String, String> first = new HashMap<>();
    typed.forEach((i, d) -> {
      if (d instanceof FormDefinition f && f.isDefault() && f.entity() != null) {
        String taken = first.putIfAbsent(f.entity(), f.name());
        if (taken != null) {
          out.add(Problem.of(ProblemCode.DUPLICATE, "$[" + i + "].default", "“" + f.entity() + "”的默认表单已是“" + taken
              + "”，每个实体只能有一个默认表单", "\"" + taken + "\" is already the default form of " + f.entity()
              + "; an entity has one default form"));
        }
      }
    });
  }
}
