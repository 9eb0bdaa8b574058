package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataService;
import dev.tessera.metadata.PublishResult;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.validation.Problem;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metadata part of the graph: definitions, versions, publishDefinitions, restoreMetadataVersion. */
@ApplicationScoped
class MetadataApi implements SchemaContributor {
  static final GraphQLObjectType PROBLEM = GraphQLObjectType.newObject().name("Problem")
      .field(f -> f.name("code").type(nonNull(GraphQLString)))
      .field(f -> f.name("path").type(nonNull(GraphQLString)).description("JSON path into the definitions sent"))
      .field(f -> f.name("message").type(nonNull(GraphQLString))
          .argument(a -> a.name("locale").type(GraphQLString).description("zh-CN or en; default from Accept-Language")))
      .field(f -> f.name("line").type(GraphQLInt).description("For a problem inside an expression: its 1-based line"))
      .field(f -> f.name("column").type(GraphQLInt).description("For a problem inside an expression: its 1-based column"))
      .build();
  static final GraphQLObjectType PUBLISH_RESULT = GraphQLObjectType.newObject().name("PublishResult")
      .field(f -> f.name("version").type(GraphQLInt))
      .field(f -> f.name("applied").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("problems").type(nonNull(list(nonNull(PROBLEM)))))
      .field(f -> f.name("changes").type(nonNull(list(nonNull(GraphQLString))))
          .description("Database changes made (or, in a dry run, that would be made)"))
      .build();
  static final GraphQLObjectType VERSION = GraphQLObjectType.newObject().name("MetadataVersion")
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("publishedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("publishedBy").type(GraphQLString))
      .field(f -> f.name("restoredFrom").type(GraphQLInt))
      .field(f -> f.name("summary").type(GraphQLString))
      .build();

  private final MetadataRegistry registry;
  private final MetadataService service;

  MetadataApi(MetadataRegistry registry, MetadataService service) {
    this.registry = registry;
    this.service = service;
  }

  @Override
  public void contribute(SchemaParts parts) {
    GraphQLCodeRegistry.Builder code = parts.code();
    code.dataFetcher(FieldCoordinates.coordinates("Problem", "message"), (DataFetcher<Object>) env -> {
      Problem p = env.getSource();
      String locale = env.getArgument("locale");
      return p.message(locale != null ? locale : RequestContext.of(env).locale());
    });
    queries(code).forEach(parts::query);
    mutations(code).forEach(parts::mutation);
  }

  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code) {
    return List.of(
        field(code, "Query", "definitions", nonNull(list(nonNull(Scalars.JSON))), env -> {
          String kind = env.getArgument("kind");
          List<Object> out = new ArrayList<>();
          for (JsonNode d : kind == null ? registry.current().definitions() : registry.current().definitions(kind)) {
            out.add(MetamodelJson.mapper().convertValue(d, Object.class));
          }
          return out;
        }).argument(arg("kind", GraphQLString)).build(),
        field(code, "Query", "metadataVersion", nonNull(GraphQLInt), env -> registry.current().version()).build(),
        field(code, "Query", "metadataVersions", nonNull(list(nonNull(VERSION))),
            env -> service.history().subscribeAsCompletionStage()).build());
  }

  private List<GraphQLFieldDefinition> mutations(GraphQLCodeRegistry.Builder code) {
    return List.of(
        field(code, "Mutation", "publishDefinitions", nonNull(PUBLISH_RESULT), env -> {
          List<Object> defs = env.getArgument("definitions");
          List<JsonNode> nodes = defs.stream().map(d -> (JsonNode) MetamodelJson.mapper().valueToTree(d)).toList();
          boolean dry = Boolean.TRUE.equals(env.getArgument("dryRun"));
          return service.publish(nodes, dry, RequestContext.of(env).actor()).map(MetadataApi::result)
              .subscribeAsCompletionStage();
        }).description("Validates the definitions together with the published ones and applies them atomically, "
            + "or applies nothing and lists every problem")
            .argument(arg("definitions", nonNull(list(nonNull(Scalars.JSON)))))
            .argument(GraphQLArgument.newArgument().name("dryRun").type(GraphQLBoolean).defaultValueProgrammatic(false))
            .build(),
        field(code, "Mutation", "restoreMetadataVersion", nonNull(PUBLISH_RESULT), env -> {
          int version = env.getArgument("version");
          return service.restore(version, RequestContext.of(env).actor()).map(MetadataApi::result)
              .subscribeAsCompletionStage();
        }).description("Rolls back: republishes an earlier version's definitions as a new version")
            .argument(arg("version", nonNull(GraphQLInt))).build());
  }

  static Map<String, Object> result(PublishResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", r.version());
    m.put("applied", r.applied());
    m.put("problems", r.problems());
    m.put("changes", r.changes());
    return m;
  }

  private static GraphQLFieldDefinition.Builder field(GraphQLCodeRegistry.Builder code, String parent, String name,
      GraphQLOutputType t, DataFetcher<?> df) {
    code.dataFetcher(FieldCoordinates.coordinates(parent, name), df);
    return GraphQLFieldDefinition.newFieldDefinition().name(name).type(t);
  }

  private static GraphQLArgument arg(String name, graphql.schema.GraphQLInputType t) {
    return GraphQLArgument.newArgument().name(name).type(t).build();
  }
}
