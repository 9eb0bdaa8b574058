package dev.tessera.stage;

import dev.tessera.expression.ConditionService;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.platform.Sequence;
import dev.tessera.record.BeforeSaveHook;
import dev.tessera.record.SaveContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Stage gates on every write path (ADR 0053): a create or update that moves a stage field into a gated
 * stage is checked against the record as it will be stored (so a write that fills the fields and moves
 * the stage at once passes). A stage that needs an approval is refused at once (STAGE_NEEDS_APPROVAL)
 * unless the system moves the record after its approval; otherwise every blank required field and a
 * false condition become problems, which the record service reports with the other checks (STAGE_GATE
 * when they are the only ones). Runs after defaults and formulas, so a condition may read formulas.
 */
@ApplicationScoped
public class StageGateHook implements BeforeSaveHook {
  private final ConditionService conditions;

  public StageGateHook(ConditionService conditions) {
    this.conditions = conditions;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Uni<Void> beforeSave(SaveContext ctx) {
    List<StageGates.Entry> entered = StageGates.entered(ctx.entity(), ctx.before() == null ? null : ctx.before().data(),
        ctx.data());
    if (entered.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    for (StageGates.Entry entry : entered) {
      if (entry.gate().needsApproval() && !StageGates.mover(ctx.actor())) {
        throw StageGates.needsApproval(entry);
      }
    }
    return Sequence.each(entered, entry -> {
      List<FieldError> missing = StageGates.missing(ctx.entity(), entry, ctx.data());
      ctx.problems().addAll(missing);
      if (entry.gate().condition() == null) {
        return Uni.createFrom().voidItem();
      }
      return conditions.test(ctx.tx(), ctx.metadata(), ctx.entity().name(), entry.gate().condition(), ctx.data(),
          ctx.before()).invoke(holds -> {
            if (!holds) {
              ctx.problems().add(StageGates.conditionFailed(entry));
            }
          }).replaceWithVoid();
    });
  }
}
