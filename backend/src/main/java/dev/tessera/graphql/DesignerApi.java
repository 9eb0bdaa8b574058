package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.metadata.DraftService;
import dev.tessera.metadata.MetadataDraft;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.VersionReader;
import dev.tessera.metamodel.expr.FunctionLibrary;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.naming.ApiNames;
import dev.tessera.metamodel.naming.Identifiers;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the designer needs besides the metadata API: the generated API names of every entity (so no
 * client repeats the naming rules) and server-side drafts with their publish.
 */
final class DesignerApi {
  static final GraphQLObjectType RELATED = GraphQLObjectType.newObject().name("RelatedList")
      .description("Records of another entity that reference this one: customer.company gives company.customersByCompany")
      .field(f -> f.name("entity").type(nonNull(GraphQLString)).description("The referencing entity"))
      .field(f -> f.name("field").type(nonNull(GraphQLString)).description("Its reference field"))
      .field(f -> f.name("connection").type(nonNull(GraphQLString)).description("The field on this type listing them"))
      .build();
  static final GraphQLObjectType ENTITY_API = GraphQLObjectType.newObject().name("EntityApi")
      .description("The GraphQL names generated for one entity; companion types add a suffix to typeName "
          + "(Filter, OrderBy, Input, Patch, Connection)")
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("typeName").type(nonNull(GraphQLString)))
      .field(f -> f.name("single").type(nonNull(GraphQLString)).description("Query of one record by id"))
      .field(f -> f.name("list").type(nonNull(GraphQLString)).description("List query (a connection)"))
      .field(f -> f.name("deletedList").type(nonNull(GraphQLString)).description("The recycle bin"))
      .field(f -> f.name("aggregate").type(nonNull(GraphQLString)))
      .field(f -> f.name("create").type(nonNull(GraphQLString)))
      .field(f -> f.name("createMany").type(nonNull(GraphQLString)))
      .field(f -> f.name("importMany").type(nonNull(GraphQLString)))
      .field(f -> f.name("update").type(nonNull(GraphQLString)))
      .field(f -> f.name("delete").type(nonNull(GraphQLString)))
      .field(f -> f.name("restore").type(nonNull(GraphQLString)))
      .field(f -> f.name("related").type(nonNull(list(nonNull(RELATED))))
          .description("Reference fields of any entity that point here, with the connection each adds to this type"))
      .build();
  static final GraphQLObjectType DRAFT = GraphQLObjectType.newObject().name("MetadataDraft")
      .description("An unpublished definition kept on the server for the designer")
      .field(f -> f.name("key").type(nonNull(GraphQLString))
          .description("id:<definition id>, or kind:name before the first publish"))
      .field(f -> f.name("kind").type(nonNull(GraphQLString)))
      .field(f -> f.name("name").type(nonNull(GraphQLString)))
      .field(f -> f.name("definition").type(nonNull(Scalars.JSON)))
      .field(f -> f.name("baseVersion").type(GraphQLInt).description("Metadata version when it was last saved"))
      .field(f -> f.name("revision").type(nonNull(GraphQLInt)).description("Send it with the next save"))
      .field(f -> f.name("updatedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("updatedBy").type(GraphQLString))
      .build();

  static final GraphQLObjectType FUNCTION = GraphQLObjectType.newObject().name("ExpressionFunction")
      .description("A function of the expression language, for completion in the designer's expression editor")
      .field(f -> f.name("name").type(nonNull(GraphQLString)))
      .field(f -> f.name("usage").type(nonNull(GraphQLString)).description("e.g. round(a number, [a number])"))
      .field(f -> f.name("description").type(nonNull(GraphQLString)).description("In the request's language"))
      .field(f -> f.name("clock").type(nonNull(GraphQLBoolean))
          .description("Reads the current date or time, so stored formulas cannot use it"))
      .build();

  private final MetadataSnapshot snap;
  private final DraftService drafts;
  private final VersionReader versions;
  private final FieldWiring wiring;

  DesignerApi(MetadataSnapshot snap, DraftService drafts, VersionReader versions, GraphQLCodeRegistry.Builder code) {
    this.snap = snap;
    this.drafts = drafts;
    this.versions = versions;
    this.wiring = new FieldWiring(code);
    code.dataFetcher(FieldCoordinates.coordinates("EntityApi", "related"),
        (DataFetcher<?>) env -> related(((ApiNames) env.getSource()).entity()));
  }

  /** The reverse references of {@code target}: one per reference field of any entity that points at it. */
  private List<Map<String, String>> related(String target) {
    List<Map<String, String>> out = new java.util.ArrayList<>();
    for (EntityDefinition source : snap.entities().values()) {
      for (FieldDefinition f : source.fields()) {
        if (f.type() == FieldType.REFERENCE && target.equals(f.target())) {
          out.add(Map.of("entity", source.name(), "field", f.name(),
              "connection", Identifiers.reverseFieldName(source, f.name())));
        }
      }
    }
    return out;
  }

  List<GraphQLFieldDefinition> queries() {
    return List.of(
        wiring.field("Query", "entityApis", nonNull(list(nonNull(ENTITY_API))),
            env -> snap.entities().values().stream().map(ApiNames::of).toList())
            .description("The generated query and mutation names of every published entity").build(),
        wiring.field("Query", "metadataDrafts", nonNull(list(nonNull(DRAFT))),
            env -> drafts.list().map(l -> l.stream().map(DesignerApi::json).toList()).subscribeAsCompletionStage())
            .description("Every draft, in the order publishMetadataDrafts sends them (problem paths $[i] point here)")
            .build(),
        wiring.field("Query", "expressionFunctions", nonNull(list(nonNull(FUNCTION))), env -> {
          boolean zh = RequestContext.of(env).locale().startsWith("zh");
          return FunctionLibrary.all().stream().map(s -> Map.of("name", s.name(), "usage", s.usage(),
              "description", zh ? s.zh() : s.en(), "clock", s.clock())).toList();
        }).description("The functions expressions may call").build(),
        wiring.field("Query", "metadataVersionDefinitions", nonNull(list(nonNull(Scalars.JSON))),
            env -> versions.definitions(env.getArgument("version")).map(list -> list.stream()
                .map(d -> MetamodelJson.mapper().convertValue(d, Object.class)).toList()).subscribeAsCompletionStage())
            .description("The definitions as an earlier (or the current) version published them, to compare versions")
            .argument(FieldWiring.arg("version", nonNull(GraphQLInt))).build());
  }

  List<GraphQLFieldDefinition> mutations() {
    return List.of(
        wiring.field("Mutation", "saveMetadataDraft", nonNull(DRAFT), env -> {
          Object definition = env.getArgument("definition");
          return drafts.save(MetamodelJson.mapper().valueToTree(definition), env.getArgument("replaces"),
              env.getArgument("revision"), RequestContext.of(env).actor()).map(DesignerApi::json)
              .subscribeAsCompletionStage();
        }).description("Keeps an unfinished definition on the server; only its kind and name are checked")
            .argument(FieldWiring.arg("definition", nonNull(Scalars.JSON)))
            .argument(FieldWiring.arg("replaces", GraphQLString).description("The key it was loaded under, when it had one"))
            .argument(FieldWiring.arg("revision", GraphQLInt).description("The revision it was loaded at; omit for a new draft"))
            .build(),
        wiring.field("Mutation", "discardMetadataDraft", nonNull(GraphQLBoolean),
            env -> drafts.discard(env.getArgument("key")).subscribeAsCompletionStage())
            .argument(FieldWiring.arg("key", nonNull(GraphQLString))).build(),
        wiring.field("Mutation", "publishMetadataDrafts", nonNull(MetadataApi.PUBLISH_RESULT),
            env -> drafts.publish(Boolean.TRUE.equals(env.getArgument("dryRun")), RequestContext.of(env).actor())
                .map(MetadataApi::result).subscribeAsCompletionStage())
            .description("Publishes every draft as one changeset (or, with dryRun, reports problems and changes "
                + "without applying); published drafts are removed")
            .argument(FieldWiring.arg("dryRun", GraphQLBoolean).defaultValueProgrammatic(false)).build());
  }

  private static Map<String, Object> json(MetadataDraft d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", d.key());
    m.put("kind", d.kind());
    m.put("name", d.name());
    m.put("definition", MetamodelJson.mapper().convertValue(d.definition(), Object.class));
    m.put("baseVersion", d.baseVersion());
    m.put("revision", d.revision());
    m.put("updatedAt", d.updatedAt().toString());
    m.put("updatedBy", d.updatedBy());
    return m;
  }


}
