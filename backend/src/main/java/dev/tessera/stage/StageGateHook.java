package dev.tessera.stage;

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
  private final StageGateCriteria criteria;

  public StageGateHook(StageGateCriteria criteria) {
    this.criteria = criteria;
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
    return Sequence.each(entered, entry -> criteria.unmet(ctx.tx(), ctx.metadata(), ctx.entity(), ctx.before(), ctx.data(),
        entry).invoke(ctx.problems()::addAll));
  }
}
