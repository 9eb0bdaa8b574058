package dev.tessera.metamodel.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the holders of a role may do: per entity, create/read/update/delete, which records
 * ({@link RecordScope}: own, team, all, or an expression over the record and {@code currentUser}) and
 * which fields ({@link FieldAccess}; a field not listed follows the entity's rights), plus platform
 * {@link Capability capabilities}. {@value #ADMIN} is built in and grants everything, so no definition
 * may take that name. Entities a role does not list grant nothing. Defaults of the JSON Schema are
 * applied once, by the reader (no right, scope {@code own}).
 */
public record RoleDefinition(String id, String name, LocalizedText label, LocalizedText description,
    Map<String, EntityAccess> entities, List<String> capabilities) implements Definition {
  public static final String KIND = "role";
  /** The built-in role that grants every right and capability. */
  public static final String ADMIN = "admin";

  public RoleDefinition {
    entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    capabilities = List.copyOf(capabilities);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** True when the role lists {@code capability}. */
  public boolean grants(Capability capability) {
    return capabilities.contains(capability.jsonName());
  }

  /** The rights on one entity's records; a field not in {@code fields} follows the entity's rights. */
  public record EntityAccess(boolean create, boolean read, boolean update, boolean delete, RecordScope scope,
      Map<String, FieldAccess> fields) {
    public EntityAccess {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The access to {@code field}: as listed, else {@code write} when the entity may be written, else {@code read}. */
    public FieldAccess field(String field) {
      FieldAccess listed = fields.get(field);
      if (listed != null) {
        return listed;
      }
      return create || update ? FieldAccess.WRITE : FieldAccess.READ;
    }
  }

  /** Which records of an entity a role's rights apply to; {@code expression} is set for {@link Type#EXPRESSION} only. */
  public record RecordScope(Type type, String expression) {
    public static final RecordScope OWN = new RecordScope(Type.OWN, null);
    public static final RecordScope TEAM = new RecordScope(Type.TEAM, null);
    public static final RecordScope ALL = new RecordScope(Type.ALL, null);

    public static RecordScope expression(String source) {
      return new RecordScope(Type.EXPRESSION, source);
    }

    /** own: records the user owns; team: owned by members of the user's teams or teams the user manages. */
    public enum Type { OWN, TEAM, ALL, EXPRESSION }
  }

  /** What a role may do with one field; each level includes the one before. */
  public enum FieldAccess {
    NONE("none"), READ("read"), WRITE("write");

    private final String jsonName;

    FieldAccess(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<FieldAccess> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }

  /** Rights outside record access. */
  public enum Capability {
    PUBLISH_METADATA("publishMetadata"), INSTALL_PACKS("installPacks"), MANAGE_USERS("manageUsers"),
    MANAGE_POOLS("managePools");

    private final String jsonName;

    Capability(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<Capability> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }
}
