package dev.tessera.record;

import dev.tessera.platform.PlatformException;
import dev.tessera.platform.PlatformException.FieldError;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test before-save hook: refuses any record whose amount is 666, after the record service checks. */
@ApplicationScoped
public class RefusingHook implements BeforeSaveHook {
  static final int REFUSED = 666;
  static final AtomicInteger SEEN = new AtomicInteger();

  @Override
  public Uni<Void> beforeSave(SaveContext context) {
    SEEN.incrementAndGet();
    if (new BigDecimal(REFUSED).equals(context.data().get("amount"))) {
      return Uni.createFrom().failure(PlatformException.validation(List.of(
          new FieldError("amount", "REFUSED", "refused by a test hook", "测试钩子拒绝"))));
    }
    return Uni.createFrom().voidItem();
  }
}
