package dev.tessera.stage;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.PicklistOption;
import dev.tessera.metamodel.model.StageGate;
import dev.tessera.platform.Actor;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.record.RecordMessages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The pure part of stage gates (ADR 0053): which gate a write enters, which of its required fields are
 * blank, and the words of each refusal ({@code messages/stage.properties}), a stage named by its option's
 * label in each language and a field by its label.
 */
public final class StageGates {
  static final Messages MESSAGES = Messages.of("stage");
  /** The source of the system's move after an approval: the only write that may enter an approval-gated stage. */
  public static final String MOVER = "stageGate";
  /** Problem codes; they all start with {@link PlatformException#STAGE_GATE_PREFIX}. */
  static final String FIELD_NEEDED = PlatformException.STAGE_GATE_PREFIX + "FIELD";
  static final String CONDITION_FAILED = PlatformException.STAGE_GATE_PREFIX + "CONDITION";

  private StageGates() {}

  /** A stage a write enters: the field, the value it moves to and that value's gate. */
  public record Entry(FieldDefinition field, String to, StageGate gate) {}

  /** The gated stages {@code after} enters coming from {@code before} (null on create), one per stage field. */
  public static List<Entry> entered(EntityDefinition e, Map<String, Object> before, Map<String, Object> after) {
    List<Entry> out = new ArrayList<>();
    for (FieldDefinition f : e.fields()) {
      if (f.type() != FieldType.STAGE || f.gates().isEmpty()) {
        continue;
      }
      Object to = after.get(f.name());
      Object from = before == null ? null : before.get(f.name());
      StageGate gate = f.gate(to);
      if (gate != null && !to.equals(from)) {
        out.add(new Entry(f, to.toString(), gate));
      }
    }
    return out;
  }

  /** Whether {@code actor} is the system moving a record after its approval. */
  static boolean mover(Actor actor) {
    return MOVER.equals(actor.source()) && !actor.restricted();
  }

  /** One problem per required field of the gate that {@code data} leaves blank, named by its label. */
  public static List<FieldError> missing(EntityDefinition e, Entry entry, Map<String, Object> data) {
    List<FieldError> out = new ArrayList<>();
    for (String name : entry.gate().requiredFields()) {
      if (blank(data.get(name))) {
        FieldDefinition f = e.field(name).orElse(null);
        LocalizedText label = f == null ? LocalizedText.of(name, name) : RecordMessages.field(f);
        out.add(FieldError.of(name, FIELD_NEEDED, MESSAGES.text("FIELD_NEEDED",
            Map.of("field", label, "stage", stage(entry))), null));
      }
    }
    return out;
  }

  /** The problem of a gate whose condition does not hold: its message, or one that quotes the condition. */
  public static FieldError conditionFailed(Entry entry) {
    StageGate g = entry.gate();
    LocalizedText text = g.message() != null
        ? MESSAGES.text("CONDITION_MESSAGE", Map.of("message", g.message(), "stage", stage(entry)))
        : MESSAGES.text("CONDITION_NOT_MET", Map.of("condition", g.condition(), "stage", stage(entry)));
    return FieldError.of(entry.field().name(), CONDITION_FAILED, text, null);
  }

  /** The refusal of a direct write into a stage that needs an approval. */
  static PlatformException needsApproval(Entry entry) {
    return new PlatformException(ErrorCode.STAGE_NEEDS_APPROVAL, MESSAGES.text("NEEDS_APPROVAL",
        Map.of("stage", stage(entry), "flow", entry.gate().approval(), "field", entry.field().name(), "to", entry.to())),
        entry.field().name());
  }

  /** A stage as users know it: its option's label (its value when it has none). */
  static LocalizedText stage(Entry entry) {
    for (PicklistOption o : entry.field().options()) {
      if (o.value().equals(entry.to()) && o.label() != null) {
        return LocalizedText.of("“" + o.label().get(LocalizedText.ZH) + "”", o.label().get(LocalizedText.EN)
            + " (" + entry.to() + ")");
      }
    }
    return LocalizedText.of("“" + entry.to() + "”", entry.to());
  }

  private static boolean blank(Object v) {
    return v == null || v instanceof String s && s.isBlank() || v instanceof Collection<?> c && c.isEmpty();
  }
}
