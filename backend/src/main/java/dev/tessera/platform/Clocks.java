package dev.tessera.platform;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock of engines that act on time of their own (SLA clocks): the system's, unless a test puts a
 * clock of its own in its place (an {@code @Alternative} bean), so time can be set and moved.
 */
@ApplicationScoped
public class Clocks {
  @Produces
  @DefaultBean
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }
}
