package dev.tessera.record;

import io.smallrye.mutiny.Uni;

/**
 * A step of the synchronous before-save lane (defaults, formulas, validation rules, duplicate checks,
 * assignment). Hooks are CDI beans, run in {@link #order()} inside the write's transaction, for every
 * write path; they may change {@link SaveContext#data()} or fail the write with a PlatformException.
 */
public interface BeforeSaveHook {
  default int order() {
    return 100;
  }

  Uni<Void> beforeSave(SaveContext context);
}
