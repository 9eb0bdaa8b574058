package dev.tessera.metamodel.model;

import java.util.List;
import java.util.Optional;

/**
 * How the record page of one entity lays out its fields: {@code sections} in order, each with 1-4
 * columns and field placements, optionally grouped by {@code tabs} (a section then names its tab).
 * Visibility, required and read-only conditions are expressions on the record, evaluated by the
 * workspace for display only; the entity's own options and rules stay what the server enforces.
 * The record page uses the entity's form marked {@code default} (at most one per entity). Defaults
 * of the JSON Schema are applied here, once (one column, column 1, span 1, not default).
 */
public record FormDefinition(String id, String name, LocalizedText label, LocalizedText description, String entity,
    boolean isDefault, List<Tab> tabs, List<Section> sections) implements EntityRule {
  public static final String KIND = "form";
  public static final int DEFAULT_COLUMNS = 1;

  public FormDefinition {
    tabs = List.copyOf(tabs);
    sections = List.copyOf(sections);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The entity's default form among {@code forms}, if one is marked. */
  public static Optional<FormDefinition> defaultFor(String entity, List<FormDefinition> forms) {
    return forms.stream().filter(f -> f.isDefault() && entity.equals(f.entity())).findFirst();
  }

  /** A tab: a name the sections on it refer to, and its label. */
  public record Tab(String id, String name, LocalizedText label) {}

  /** A section: its label, tab (null without tabs), column count, visibility condition and placements. */
  public record Section(String id, String name, LocalizedText label, String tab, int columns, String visibleWhen,
      List<Placement> fields) {
    public Section {
      fields = List.copyOf(fields);
    }
  }

  /**
   * One field on the form: the column it starts in and how many it spans (1-based), help text, and
   * when it shows, is required and is read-only (null: always shown, as the entity says otherwise).
   */
  public record Placement(String field, int column, int span, LocalizedText help, String visibleWhen,
      String requiredWhen, String readOnlyWhen) {
    public static final int DEFAULT_COLUMN = 1;
    public static final int DEFAULT_SPAN = 1;
  }
}
