package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.Messages;
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
 * the set, {@link #defaults} allows one default form per entity. Messages: {@code messages/form.properties}.
 */
final class FormValidator {
  private static final Messages MESSAGES = Messages.of("form");

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
        add(c, ProblemCode.DUPLICATE, at + ".name", "SECTION_TWICE", Map.of("section", s.name()));
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
        add(c, ProblemCode.DUPLICATE, ".tabs[" + i + "].name", "TAB_TWICE", Map.of("tab", t.name()));
      } else if (d.sections().stream().noneMatch(s -> t.name().equals(s.tab()))) {
        add(c, ProblemCode.INVALID_OPTION, ".tabs[" + i + "]", "TAB_EMPTY", Map.of("tab", t.name()));
      }
    }
    return names;
  }

  private static void tabOf(Section s, String at, Set<String> tabs, RecordRuleChecks c) {
    if (s.tab() == null && !tabs.isEmpty()) {
      add(c, ProblemCode.REQUIRED, at + ".tab", "TAB_REQUIRED", Map.of("section", String.valueOf(s.name())));
    } else if (s.tab() != null && !tabs.contains(s.tab())) {
      add(c, ProblemCode.UNKNOWN_TARGET, at + ".tab", "NO_TAB", Map.of("tab", s.tab()));
    }
  }

  private static void placement(Section s, Placement p, String at, Map<String, String> placed, RecordRuleChecks c) {
    if (p.field() != null && c.field(at + ".field", p.field(), null) != null) {
      String first = placed.putIfAbsent(p.field(), s.name());
      if (first != null) {
        add(c, ProblemCode.DUPLICATE, at + ".field", "FIELD_TWICE", Map.of("field", p.field(), "section", first));
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
      add(c, ProblemCode.INVALID_OPTION, at + ".column", "COLUMN_OUTSIDE", Map.of("columns", columns, "column", p.column()));
    } else if (p.column() >= 1 && p.span() >= 1 && p.column() + p.span() - 1 > columns) {
      add(c, ProblemCode.INVALID_OPTION, at + ".span", "SPAN_OUTSIDE",
          Map.of("columns", columns, "column", p.column(), "span", p.span()));
    }
  }

  private static void add(RecordRuleChecks c, ProblemCode code, String at, String message, Map<String, ?> args) {
    c.out.add(new Problem(code.name(), c.base + at, MESSAGES.text(message, args)));
  }

  /** At most one form per entity is its default; each further one is a problem at its {@code default}. */
  static void defaults(Map<Integer, Definition> typed, List<Problem> out) {
    Map<String, String> first = new HashMap<>();
    typed.forEach((i, d) -> {
      if (d instanceof FormDefinition f && f.isDefault() && f.entity() != null) {
        String taken = first.putIfAbsent(f.entity(), f.name());
        if (taken != null) {
          out.add(new Problem(ProblemCode.DUPLICATE.name(), "$[" + i + "].default",
              MESSAGES.text("DEFAULT_TWICE", Map.of("entity", f.entity(), "form", taken))));
        }
      }
    });
  }
}
