package dev.tessera.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataService;
import dev.tessera.metadata.PublishResult;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.Actor;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the live metadata at start-up and, on an empty database, publishes the starter template pack
 * so a newcomer sees data shapes at once (the security log records the install).
 */
@ApplicationScoped
public class StarterPack {
  private static final Logger LOG = Logger.getLogger(StarterPack.class);
  private final MetadataService metadata;
  private final MetadataRegistry registry;
  private final boolean install;

  public StarterPack(MetadataService metadata, MetadataRegistry registry,
      @ConfigProperty(name = "tessera.starter.install", defaultValue = "true") boolean install) {
    this.metadata = metadata;
    this.registry = registry;
    this.install = install;
  }

  void onStart(@Observes @Priority(20) StartupEvent ev) {
    metadata.loadCurrent().await().atMost(Duration.ofMinutes(2));
    if (registry.current().version() == 0 && install) {
      PublishResult r = metadata.installPack("starter", version("starter"), read("starter"), Actor.SYSTEM)
          .await().atMost(Duration.ofMinutes(2));
      if (!r.applied()) {
        throw new IllegalStateException("the starter pack does not publish: " + r.problems());
      }
      LOG.infof("published the starter template pack as metadata version %d", r.version());
    } else if (registry.current().version() > 0) {
      PublishResult r = metadata.ensureBuiltIns().await().atMost(Duration.ofMinutes(2));
      if (r.applied()) {
        LOG.infof("added the built-in entities as metadata version %d", r.version());
      } else if (!r.problems().isEmpty()) {
        throw new IllegalStateException("the built-in entities do not publish: " + r.problems());
      }
    }
  }

  /** The definitions of a pack on the classpath (templates/&lt;name&gt;/pack.json lists them). */
  public static List<JsonNode> read(String pack) {
    JsonNode manifest = json("templates/" + pack + "/pack.json");
    List<JsonNode> defs = new ArrayList<>();
    manifest.path("definitions").forEach(f -> defs.add(json("templates/" + pack + "/" + f.asText())));
    return defs;
  }

  /** The version a pack's manifest gives (null when it gives none). */
  public static String version(String pack) {
    JsonNode v = json("templates/" + pack + "/pack.json").path("version");
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static JsonNode json(String resource) {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + resource);
      }
      return MetamodelJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
