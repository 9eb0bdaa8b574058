package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.metamodel.naming.Identifiers;
import dev.tessera.record.RequiredValues;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLNamedType;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the GraphQL types, queries and mutations of one entity (PostGraphile/Relay conventions):
 * {@code Customer}, {@code CustomerConnection}, {@code CustomerFilter}, {@code CustomerOrderBy},
 * {@code CustomerInput}, {@code CustomerPatch}, {@code CustomerAggregate}; fetchers come from
 * {@link RecordFetchers}.
 */
final class EntitySchema {
  private final MetadataSnapshot meta;
  private final EntityDefinition e;
  private final String type;
  private final RecordFetchers fetchers;
  private final GraphQLCodeRegistry.Builder code;

  EntitySchema(MetadataSnapshot meta, EntityDefinition e, RecordFetchers fetchers, GraphQLCodeRegistry.Builder code) {
    this.meta = meta;
    this.e = e;
    this.type = Identifiers.typeName(e.name());
    this.fetchers = fetchers;
    this.code = code;
  }

  List<GraphQLNamedType> types() {
    return List.of(object(), connection(), edge(), filter(), orderBy(), input("Input"), input("Patch"),
        groupBy(), aggregate(), numbers(), group());
  }

  List<GraphQLFieldDefinition> queries() {
    String plural = Identifiers.pluralName(e);
    List<GraphQLFieldDefinition> out = new ArrayList<>();
    out.add(field("Query", e.name(), typeRef(type), fetchers.byId(e))
        .argument(arg("id", nonNull(GraphQLID))).build());
    out.add(listField("Query", plural, fetchers.list(e, false)).build());
    out.add(field("Query", "deleted" + Identifiers.typeName(plural), nonNull(typeRef(type + "Connection")), fetchers.list(e, true))
        .description("The recycle bin: deleted " + plural + ", restorable with restore" + type)
        .argument(arg("first", GraphQLInt)).argument(arg("after", GraphQLString)).build());
    out.add(field("Query", plural + "Aggregate", nonNull(list(nonNull(typeRef(type + "Aggregate")))),
        fetchers.aggregate(e))
        .argument(arg("filter", typeRef(type + "Filter")))
        .argument(arg("groupBy", list(nonNull(typeRef(type + "GroupBy"))))).build());
    return out;
  }

  List<GraphQLFieldDefinition> mutations() {
    String plural = Identifiers.pluralName(e);
    return List.of(
        field("Mutation", "create" + type, nonNull(typeRef(type)), fetchers.create(e))
            .argument(arg("input", nonNull(typeRef(type + "Input")))).build(),
        field("Mutation", "create" + Identifiers.typeName(plural), nonNull(list(nonNull(typeRef(type)))), fetchers.createMany(e))
            .description("Creates all or none, in one transaction")
            .argument(arg("inputs", nonNull(list(nonNull(typeRef(type + "Input")))))).build(),
        field("Mutation", "import" + Identifiers.typeName(plural), nonNull(CommonTypes.IMPORT_RESULT), fetchers.importMany(e))
            .description("Imports row by row (at most " + dev.tessera.record.RecordService.MAX_IMPORT_ROWS + "): each row is"
                + " created, skipped as a duplicate, or fails on its own without stopping the others")
            .argument(arg("inputs", nonNull(list(nonNull(typeRef(type + "Input")))))).build(),
        field("Mutation", "update" + type, nonNull(typeRef(type)), fetchers.update(e))
            .argument(arg("id", nonNull(GraphQLID))).argument(arg("version", nonNull(GraphQLInt)))
            .argument(arg("patch", nonNull(typeRef(type + "Patch")))).build(),
        field("Mutation", "delete" + type, nonNull(typeRef(type)), fetchers.delete(e))
            .description("Moves the record to the recycle bin; returns it as it is there (deletedAt set)")
            .argument(arg("id", nonNull(GraphQLID))).build(),
        field("Mutation", "restore" + type, nonNull(typeRef(type)), fetchers.restore(e))
            .argument(arg("id", nonNull(GraphQLID))).build());
  }

  private GraphQLObjectType object() {
    GraphQLObjectType.Builder b = GraphQLObjectType.newObject().name(type).description(e.label().get("en"))
        .withInterface(typeRef(Nodes.NAME));
    b.field(sys("id", nonNull(GraphQLID)));
    b.field(sys("version", nonNull(GraphQLInt)));
    b.field(sys("createdAt", nonNull(Scalars.DATETIME)));
    b.field(sys("updatedAt", nonNull(Scalars.DATETIME)));
    b.field(sys("createdBy", GraphQLString));
    b.field(sys("updatedBy", GraphQLString));
    b.field(sys("ownerId", GraphQLString));
    b.field(sys("deletedAt", Scalars.DATETIME));
    if (SlaApi.shows(meta, e)) {
      b.field(SlaApi.field());
    }
    for (FieldDefinition f : e.fields()) {
      if (f.type() == FieldType.REFERENCE) {
        String target = Identifiers.typeName(f.target());
        b.field(field(type, f.name(), typeRef(target), fetchers.reference(meta.entity(f.target()), f)).build());
        if (e.field(f.name() + "Id").isEmpty()) {
          b.field(field(type, f.name() + "Id", GraphQLID, fetchers.value(f)).build());
        }
      } else {
        graphql.schema.GraphQLOutputType t = CommonTypes.output(f);
        b.field(field(type, f.name(), RequiredValues.guaranteed(f) ? nonNull(t) : t, fetchers.value(f))
            .description(f.label() == null ? null : f.label().get("en")).build());
      }
    }
    for (EntityDefinition source : meta.entities().values()) {
      for (FieldDefinition f : source.fields()) {
        if (f.type() == FieldType.REFERENCE && e.name().equals(f.target())) {
          String name = Identifiers.reverseFieldName(source, f.name());
          GraphQLFieldDefinition.Builder rf = field(type, name,
              nonNull(typeRef(Identifiers.typeName(source.name()) + "Connection")), fetchers.reverse(source, f));
          connectionArgs(rf, Identifiers.typeName(source.name()), false);
          b.field(rf.build());
        }
      }
    }
    return b.build();
  }

  private GraphQLFieldDefinition sys(String name, graphql.schema.GraphQLOutputType t) {
    return field(type, name, t, fetchers.system(name)).build();
  }

  private GraphQLObjectType connection() {
    String name = type + "Connection";
    return GraphQLObjectType.newObject().name(name)
        .field(field(name, "edges", nonNull(list(nonNull(typeRef(type + "Edge")))), RecordFetchers.EDGES).build())
        .field(field(name, "nodes", nonNull(list(nonNull(typeRef(type)))), RecordFetchers.NODES).build())
        .field(field(name, "pageInfo", nonNull(CommonTypes.PAGE_INFO), RecordFetchers.PAGE_INFO).build())
        .field(field(name, "totalCount", nonNull(GraphQLInt), RecordFetchers.TOTAL).build())
        .build();
  }

  private GraphQLObjectType edge() {
    String name = type + "Edge";
    return GraphQLObjectType.newObject().name(name)
        .field(field(name, "cursor", nonNull(GraphQLString), RecordFetchers.CURSOR).build())
        .field(field(name, "node", nonNull(typeRef(type)), RecordFetchers.NODE).build())
        .build();
  }

  private GraphQLInputObjectType filter() {
    String name = type + "Filter";
    GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(name)
        .field(f -> f.name("and").type(list(nonNull(typeRef(name)))))
        .field(f -> f.name("or").type(list(nonNull(typeRef(name)))))
        .field(f -> f.name("not").type(typeRef(name)))
        .field(f -> f.name("id").type(CommonTypes.ID_FILTER))
        .field(f -> f.name("version").type(CommonTypes.INT_FILTER))
        .field(f -> f.name("ownerId").type(CommonTypes.STRING_FILTER))
        .field(f -> f.name("createdBy").type(CommonTypes.STRING_FILTER))
        .field(f -> f.name("updatedBy").type(CommonTypes.STRING_FILTER))
        .field(f -> f.name("createdAt").type(CommonTypes.DATETIME_FILTER))
        .field(f -> f.name("updatedAt").type(CommonTypes.DATETIME_FILTER));
    for (FieldDefinition fd : e.fields()) {
      b.field(f -> f.name(fd.name()).type(CommonTypes.filter(fd)));
    }
    if (SlaApi.shows(meta, e)) {
      b.field(f -> f.name(SlaPolicyDefinition.STATE_FIELD).type(typeRef(SlaApi.FILTER.getName())));
    }
    return b.build();
  }

  private GraphQLInputObjectType orderBy() {
    GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(type + "OrderBy")
        .description("One field per item, e.g. [{annualSpend: DESC}, {name: ASC}]");
    for (String s : new String[] {"id", "createdAt", "updatedAt", "ownerId", "version"}) {
      b.field(f -> f.name(s).type(CommonTypes.SORT));
    }
    for (FieldDefinition fd : e.fields()) {
      if (scalar(fd)) {
        b.field(f -> f.name(fd.name()).type(CommonTypes.SORT));
      }
    }
    return b.build();
  }

  private GraphQLInputObjectType input(String suffix) {
    GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(type + suffix)
        .field(f -> f.name("ownerId").type(GraphQLString));
    for (FieldDefinition fd : e.fields()) {
      if (!fd.computed() && !(fd.readOnly() && suffix.equals("Patch"))) {
        b.field(f -> f.name(fd.name()).type(CommonTypes.input(fd)));
      }
    }
    return b.build();
  }

  private GraphQLEnumType groupBy() {
    GraphQLEnumType.Builder b = GraphQLEnumType.newEnum().name(type + "GroupBy")
        .value("ownerId").value("createdBy");
    e.fields().stream().filter(EntitySchema::scalar).forEach(f -> b.value(f.name()));
    return b.build();
  }

  private GraphQLObjectType group() {
    GraphQLObjectType.Builder b = GraphQLObjectType.newObject().name(type + "Group")
        .description("The values this group shares (as text)")
        .field(f -> f.name("ownerId").type(GraphQLString))
        .field(f -> f.name("createdBy").type(GraphQLString));
    e.fields().stream().filter(EntitySchema::scalar).forEach(fd -> b.field(f -> f.name(fd.name()).type(GraphQLString)));
    return b.build();
  }

  private GraphQLObjectType aggregate() {
    String name = type + "Aggregate";
    String numbers = type + "Numbers";
    return GraphQLObjectType.newObject().name(name)
        .field(f -> f.name("group").type(typeRef(type + "Group")))
        .field(f -> f.name("count").type(nonNull(GraphQLInt)))
        .field(f -> f.name("sum").type(typeRef(numbers)))
        .field(f -> f.name("avg").type(typeRef(numbers)))
        .field(f -> f.name("min").type(typeRef(numbers)))
        .field(f -> f.name("max").type(typeRef(numbers)))
        .build();
  }

  private GraphQLObjectType numbers() {
    GraphQLObjectType.Builder b = GraphQLObjectType.newObject().name(type + "Numbers")
        .field(f -> f.name("_").type(GraphQLString).description("placeholder when an entity has no numbers"));
    for (FieldDefinition fd : RecordFetchers.measured(e)) {
      b.field(f -> f.name(fd.name()).type(Scalars.DECIMAL));
    }
    return b.build();
  }

  private GraphQLFieldDefinition.Builder listField(String parent, String name, graphql.schema.DataFetcher<?> df) {
    GraphQLFieldDefinition.Builder b = field(parent, name, nonNull(typeRef(type + "Connection")), df);
    connectionArgs(b, type, true);
    return b;
  }

  private static void connectionArgs(GraphQLFieldDefinition.Builder b, String type, boolean backward) {
    b.argument(arg("filter", typeRef(type + "Filter")))
        .argument(arg("orderBy", list(nonNull(typeRef(type + "OrderBy")))))
        .argument(arg("first", GraphQLInt)).argument(arg("after", GraphQLString));
    if (backward) {
      b.argument(arg("last", GraphQLInt)).argument(arg("before", GraphQLString));
    }
  }

  private GraphQLFieldDefinition.Builder field(String parent, String name, graphql.schema.GraphQLOutputType t,
      graphql.schema.DataFetcher<?> df) {
    code.dataFetcher(FieldCoordinates.coordinates(parent, name), df);
    return GraphQLFieldDefinition.newFieldDefinition().name(name).type(t);
  }

  private static GraphQLArgument arg(String name, graphql.schema.GraphQLInputType t) {
    return GraphQLArgument.newArgument().name(name).type(t).build();
  }

  static boolean scalar(FieldDefinition f) {
    FieldType.Storage s = f.valueType().storage();
    return s != FieldType.Storage.ARRAY && s != FieldType.Storage.JSON;
  }
}
