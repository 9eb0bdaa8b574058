package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.view.SavedView;
import dev.tessera.view.SavedViewService;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Saved list views of the workspace: the caller's own and the shared ones. */
final class ViewApi {
  static final GraphQLObjectType VIEW = GraphQLObjectType.newObject().name("SavedView")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("name").type(nonNull(GraphQLString)))
      .field(f -> f.name("shared").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("settings").type(nonNull(Scalars.JSON)).description("Columns, filters, sort, page size"))
      .field(f -> f.name("createdBy").type(GraphQLString))
      .field(f -> f.name("updatedAt").type(nonNull(Scalars.DATETIME)))
      .build();

  private final MetadataSnapshot snap;
  private final SavedViewService views;
  private final FieldWiring wiring;

  ViewApi(MetadataSnapshot snap, SavedViewService views, GraphQLCodeRegistry.Builder code) {
    this.snap = snap;
    this.views = views;
    this.wiring = new FieldWiring(code);
  }

  List<GraphQLFieldDefinition> queries() {
    return List.of(wiring.field("Query", "savedViews", nonNull(list(nonNull(VIEW))), env -> views
        .list(entity(env.getArgument("entity")), RequestContext.of(env).actor())
        .map(l -> l.stream().map(ViewApi::json).toList()).subscribeAsCompletionStage())
        .description("The entity's shared list views and the caller's own, by name")
        .argument(FieldWiring.arg("entity", nonNull(GraphQLString))).build());
  }

  List<GraphQLFieldDefinition> mutations() {
    return List.of(
        wiring.field("Mutation", "saveView", nonNull(VIEW), env -> views.save(entity(env.getArgument("entity")),
            env.getArgument("name"), Boolean.TRUE.equals(env.getArgument("shared")),
            MetamodelJson.mapper().valueToTree(env.getArgument("settings")), RequestContext.of(env).actor())
            .map(ViewApi::json).subscribeAsCompletionStage())
            .description("Saves a list view under a name (replacing the caller's, or the shared, view of that name)")
            .argument(FieldWiring.arg("entity", nonNull(GraphQLString))).argument(FieldWiring.arg("name", nonNull(GraphQLString)))
            .argument(FieldWiring.arg("shared", GraphQLBoolean)).argument(FieldWiring.arg("settings", nonNull(Scalars.JSON))).build(),
        wiring.field("Mutation", "deleteView", nonNull(GraphQLBoolean), env -> views.delete(viewId(env.getArgument("id")),
            RequestContext.of(env).actor()).subscribeAsCompletionStage())
            .description("Deletes a shared view or one of the caller's own; false for any other")
            .argument(FieldWiring.arg("id", nonNull(GraphQLID))).build());
  }

  private String entity(String name) {
    if (!snap.entities().containsKey(name)) {
      throw new PlatformException(ErrorCode.NOT_FOUND, RequestMessages.text("NO_ENTITY", java.util.Map.of("name", name)), "entity");
    }
    return name;
  }

  private static long viewId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw RequestMessages.notAnId(id, "VIEW", "id");
    }
  }

  private static Map<String, Object> json(SavedView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", String.valueOf(v.id()));
    m.put("entity", v.entity());
    m.put("name", v.name());
    m.put("shared", v.owner() == null);
    m.put("settings", MetamodelJson.mapper().convertValue(v.settings(), Object.class));
    m.put("createdBy", v.createdBy());
    m.put("updatedAt", v.updatedAt().toString());
    return m;
  }


}
