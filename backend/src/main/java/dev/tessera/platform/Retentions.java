package dev.tessera.platform;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/** Starts every retention's purge rounds with the app (each as its settings allow) and stops them with it. */
@ApplicationScoped
public class Retentions {
  /** A bean that keeps some data for a while: its purge. */
  public interface Retention {
    RetentionPurge purges();
  }

  private final Instance<Retention> retentions;

  public Retentions(Instance<Retention> retentions) {
    this.retentions = retentions;
  }

  void onStart(@Observes StartupEvent ev) {
    retentions.forEach(r -> r.purges().start());
  }

  void onStop(@Observes ShutdownEvent ev) {
    retentions.forEach(r -> r.purges().stop());
  }
}
