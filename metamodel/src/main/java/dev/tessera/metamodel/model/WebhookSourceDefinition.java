package dev.tessera.metamodel.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An inbound webhook source ({@code POST /hooks/<name>}): how a caller proves itself ({@link Auth}: an
 * HMAC signature or a token, checked against the stored secret {@code auth.secret} names, never the
 * secret itself), where the payload's idempotency key is (a JSON pointer), how payload values map to the
 * entity's fields, and how an existing record is found to update ({@link Match}) instead of creating
 * one. Writes act as {@code runAs} (a user, whose roles then limit them) or, when absent, the system.
 */
public record WebhookSourceDefinition(String id, String name, LocalizedText label, LocalizedText description,
    String entity, boolean active, Auth auth, String idempotencyKey, Map<String, Mapping> mapping, Match match,
    String runAs) implements EntityRule {
  public static final String KIND = "webhookSource";

  public WebhookSourceDefinition {
    mapping = mapping == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** How a caller is checked: an HMAC of timestamp and body, or a token equal to the secret. */
  public enum AuthType {
    HMAC("hmac"), TOKEN("token");

    private final String jsonName;

    AuthType(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<AuthType> fromJson(String name) {
      return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
  }

  /** {@code secret}: the name of a stored secret (set with setSecret), not its value. */
  public record Auth(AuthType type, String secret) {}

  /** A field's value: the payload's value at the JSON pointer {@code from}; a required one must be there. */
  public record Mapping(String from, boolean required) {}

  /**
   * Which record a payload updates: the first whose {@code fields} all equal the mapped values, or the
   * best the entity's matching rule {@code matchingRule} finds at its threshold; none found: a new record.
   */
  public record Match(String matchingRule, List<String> fields) {
    public Match {
      fields = fields == null ? List.of() : List.copyOf(fields);
    }
  }
}
