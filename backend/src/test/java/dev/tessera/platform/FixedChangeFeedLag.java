package dev.tessera.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** A change-feed lag source with known figures, to see them on /q/metrics. */
@ApplicationScoped
public class FixedChangeFeedLag implements ChangeFeedLag {
  static final String SUBSCRIBER = "test-probe";

  @Override
  public Set<String> subscribers() {
    return Set.of(SUBSCRIBER);
  }

  @Override
  public long pendingChanges(String subscriber) {
    return 7;
  }

  @Override
  public double lagSeconds(String subscriber) {
    return 2.5;
  }
}
