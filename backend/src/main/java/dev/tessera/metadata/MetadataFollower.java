package dev.tessera.metadata;

import dev.tessera.platform.Announcements;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps this node on the version other nodes publish: every publish announces its version at commit
 * ({@link MetadataStore#CHANNEL}); a newer one is loaded here (schema, caches, flows), one load at a time,
 * the newest announced winning.
 */
@ApplicationScoped
public class MetadataFollower {
  private static final Logger LOG = Logger.getLogger(MetadataFollower.class);
  private final MetadataService metadata;
  private final Announcements announcements;
  private final AtomicBoolean loading = new AtomicBoolean();
  private final AtomicInteger newest = new AtomicInteger();

  public MetadataFollower(MetadataService metadata, Announcements announcements) {
    this.metadata = metadata;
    this.announcements = announcements;
  }

  void onStart(@Observes @Priority(40) StartupEvent ev) {
    announcements.listen(MetadataStore.CHANNEL, this::announced);
  }

  void announced(String payload) {
    try {
      newest.accumulateAndGet(Integer.parseInt(payload.trim()), Math::max);
    } catch (NumberFormatException e) {
      return;
    }
    load();
  }

  private void load() {
    if (!loading.compareAndSet(false, true)) {
      return;
    }
    int target = newest.get();
    metadata.follow(target).subscribe().with(moved -> {
      if (moved) {
        LOG.infof("metadata version %d published on another node is live here", target);
      }
      loading.set(false);
      if (newest.get() > target) {
        load();
      }
    }, e -> {
      LOG.warnf(e, "metadata version %d could not be loaded; the next announcement tries again", target);
      loading.set(false);
    });
  }
}
