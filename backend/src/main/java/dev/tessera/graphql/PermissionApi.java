package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.record.Access;
import dev.tessera.record.RecordReader;
import dev.tessera.security.Permissions;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "What may I do": the caller's rights per entity and field ({@code myPermissions}) and on one record
 * ({@code recordPermissions}), computed by the same policy the reader and the service enforce, so a
 * client greys out exactly what would be refused.
 */
@ApplicationScoped
class PermissionApi implements SchemaContributor {
  static final GraphQLObjectType FIELD = GraphQLObjectType.newObject().name("FieldPermission")
      .field(f -> f.name("field").type(nonNull(GraphQLString)))
      .field(f -> f.name("read").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("write").type(nonNull(GraphQLBoolean)))
      .build();
  static final GraphQLObjectType ENTITY = GraphQLObjectType.newObject().name("EntityPermissions")
      .description("Rights on an entity's records; true when held on at least some records (the record scope decides which)")
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("create").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("read").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("update").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("delete").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("fields").type(nonNull(list(nonNull(FIELD)))))
      .build();
  static final GraphQLObjectType MINE = GraphQLObjectType.newObject().name("MyPermissions")
      .field(f -> f.name("user").type(nonNull(GraphQLString)))
      .field(f -> f.name("roles").type(nonNull(list(nonNull(GraphQLString)))))
      .field(f -> f.name("admin").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("capabilities").type(nonNull(list(nonNull(GraphQLString))))
          .description("publishMetadata, installPacks, manageUsers, managePools"))
      .field(f -> f.name("entities").type(nonNull(list(nonNull(ENTITY)))))
      .build();
  static final GraphQLObjectType RECORD = GraphQLObjectType.newObject().name("RecordPermissions")
      .description("Rights on one record; all false when it does not exist or the caller may not read it")
      .field(f -> f.name("read").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("update").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("delete").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("fields").type(nonNull(list(nonNull(FIELD)))))
      .build();

  private final Permissions permissions;
  private final RecordReader reader;

  PermissionApi(Permissions permissions, RecordReader reader) {
    this.permissions = permissions;
    this.reader = reader;
  }

  @Override
  public void contribute(SchemaParts parts) {
    MetadataSnapshot meta = parts.snapshot();
    parts.code().dataFetcher(FieldCoordinates.coordinates("Query", "myPermissions"),
        (DataFetcher<?>) env -> mine(permissions.of(RequestContext.of(env).actor())));
    parts.code().dataFetcher(FieldCoordinates.coordinates("Query", "recordPermissions"), (DataFetcher<?>) env -> {
      EntityDefinition e = meta.entity(env.getArgument("entity"));
      return reader.rights(RequestContext.of(env).actor(), e, Ids.argument(env.getArgument("id"), "id"))
          .map(r -> record(e, r)).subscribeAsCompletionStage();
    });
    parts.query(GraphQLFieldDefinition.newFieldDefinition().name("myPermissions").type(nonNull(MINE))
        .description("What the caller may do, per entity and field, as enforcement decides").build());
    parts.query(GraphQLFieldDefinition.newFieldDefinition().name("recordPermissions").type(nonNull(RECORD))
        .description("What the caller may do with one record, as enforcement decides")
        .argument(GraphQLArgument.newArgument().name("entity").type(nonNull(GraphQLString)))
        .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID))).build());
  }

  private static Map<String, Object> mine(Permissions.Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", s.user());
    m.put("roles", s.roles());
    m.put("admin", s.admin());
    m.put("capabilities", s.capabilities());
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Permissions.EntityRights e : s.entities()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("entity", e.entity());
      x.put("create", e.create());
      x.put("read", e.read());
      x.put("update", e.update());
      x.put("delete", e.delete());
      x.put("fields", e.fields().stream().map(f -> field(f.field(), f.read(), f.write())).toList());
      entities.add(x);
    }
    m.put("entities", entities);
    return m;
  }

  private static Map<String, Object> record(EntityDefinition e, Access.Rights r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", r.read());
    m.put("update", r.update());
    m.put("delete", r.delete());
    m.put("fields", e.fields().stream().map(f -> field(f.name(), r.readable().getOrDefault(f.name(), false),
        r.writable().getOrDefault(f.name(), false))).toList());
    return m;
  }

  private static Map<String, Object> field(String name, boolean read, boolean write) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("field", name);
    f.put("read", read);
    f.put("write", write);
    return f;
  }
}
