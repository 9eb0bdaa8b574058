package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeReference;

/** Types shared by every entity: PageInfo, SortDirection and one filter input per scalar kind. */
final class CommonTypes {
  static final GraphQLEnumType SORT = GraphQLEnumType.newEnum().name("SortDirection")
      .value("ASC").value("DESC").build();
  static final GraphQLObjectType PAGE_INFO = GraphQLObjectType.newObject().name("PageInfo")
      .field(f -> f.name("hasNextPage").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("hasPreviousPage").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("startCursor").type(GraphQLString))
      .field(f -> f.name("endCursor").type(GraphQLString))
      .build();
  static final GraphQLInputObjectType STRING_FILTER = comparable("StringFilter", GraphQLString, true);
  static final GraphQLInputObjectType ID_FILTER = comparable("IDFilter", GraphQLID, false);
  static final GraphQLInputObjectType INT_FILTER = comparable("IntFilter", GraphQLInt, false);
  static final GraphQLInputObjectType DECIMAL_FILTER = comparable("DecimalFilter", Scalars.DECIMAL, false);
  static final GraphQLInputObjectType DATE_FILTER = comparable("DateFilter", Scalars.DATE, false);
  static final GraphQLInputObjectType DATETIME_FILTER = comparable("DateTimeFilter", Scalars.DATETIME, false);
  static final GraphQLInputObjectType BOOLEAN_FILTER = GraphQLInputObjectType.newInputObject().name("BooleanFilter")
      .field(f -> f.name("eq").type(GraphQLBoolean))
      .field(f -> f.name("ne").type(GraphQLBoolean))
      .field(f -> f.name("isNull").type(GraphQLBoolean))
      .build();
  static final GraphQLInputObjectType LIST_FILTER = GraphQLInputObjectType.newInputObject().name("ListFilter")
      .description("contains: holds all of the values; containsAny: holds at least one")
      .field(f -> f.name("contains").type(list(nonNull(GraphQLString))))
      .field(f -> f.name("containsAny").type(list(nonNull(GraphQLString))))
      .field(f -> f.name("isNull").type(GraphQLBoolean))
      .build();
  static final GraphQLInputObjectType JSON_FILTER = GraphQLInputObjectType.newInputObject().name("JSONFilter")
      .description("contains: JSON containment, e.g. {city: \"杭州\"}")
      .field(f -> f.name("contains").type(Scalars.JSON))
      .field(f -> f.name("isNull").type(GraphQLBoolean))
      .build();

  static final GraphQLObjectType IMPORT_ROW = GraphQLObjectType.newObject().name("ImportRow")
      .description("One row of an import: CREATED (with its id), SKIPPED (a duplicate its matching rule skips on import)"
          + " or FAILED (with the problems); nothing of a skipped or failed row is stored")
      .field(f -> f.name("row").type(nonNull(GraphQLInt)).description("1-based position in inputs"))
      .field(f -> f.name("status").type(nonNull(GraphQLString)))
      .field(f -> f.name("id").type(GraphQLID))
      .field(f -> f.name("problems").type(nonNull(list(nonNull(GraphQLTypeReference.typeRef("Problem"))))))
      .field(f -> f.name("warnings").type(nonNull(list(nonNull(GraphQLTypeReference.typeRef("Problem")))))
          .description("For a created row: what did not stop it, e.g. DUPLICATE_WARNING naming the record it resembles"))
      .build();
  static final GraphQLObjectType IMPORT_RESULT = GraphQLObjectType.newObject().name("ImportResult")
      .field(f -> f.name("created").type(nonNull(GraphQLInt)))
      .field(f -> f.name("skipped").type(nonNull(GraphQLInt)))
      .field(f -> f.name("failed").type(nonNull(GraphQLInt)))
      .field(f -> f.name("rows").type(nonNull(list(nonNull(IMPORT_ROW)))))
      .build();

  private CommonTypes() {}

  private static GraphQLInputObjectType comparable(String name, GraphQLScalarType t, boolean text) {
    GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(name);
    for (String op : new String[] {"eq", "ne", "lt", "lte", "gt", "gte"}) {
      b.field(f -> f.name(op).type(t));
    }
    b.field(f -> f.name("in").type(list(nonNull(t))));
    b.field(f -> f.name("notIn").type(list(nonNull(t))));
    b.field(f -> f.name("isNull").type(GraphQLBoolean));
    if (text) {
      b.field(f -> f.name("contains").type(GraphQLString).description("case-insensitive substring"));
      b.field(f -> f.name("startsWith").type(GraphQLString));
    }
    return b.build();
  }

  /** The GraphQL scalar a field's value is read and written as: integer numbers as Int, other numbers exact. */
  static GraphQLScalarType scalar(FieldDefinition f) {
    return f.integer() ? GraphQLInt : scalar(f.valueType());
  }

  static GraphQLScalarType scalar(FieldType t) {
    return switch (t) {
      case NUMBER, PERCENT, MONEY -> Scalars.DECIMAL;
      case BOOL -> GraphQLBoolean;
      case DATE -> Scalars.DATE;
      case DATETIME -> Scalars.DATETIME;
      case JSON -> Scalars.JSON;
      case REFERENCE -> GraphQLID;
      default -> GraphQLString;
    };
  }

  static GraphQLOutputType output(FieldDefinition f) {
    FieldType t = f.valueType();
    if (t.storage() == FieldType.Storage.ARRAY) {
      return list(nonNull(GraphQLString));
    }
    return scalar(f);
  }

  static GraphQLInputType input(FieldDefinition f) {
    FieldType t = f.valueType();
    if (t.storage() == FieldType.Storage.ARRAY) {
      return list(nonNull(GraphQLString));
    }
    return scalar(f);
  }

  static GraphQLInputObjectType filter(FieldDefinition f) {
    FieldType t = f.valueType();
    return switch (t.storage()) {
      case ARRAY -> LIST_FILTER;
      case JSON -> JSON_FILTER;
      case BOOLEAN -> BOOLEAN_FILTER;
      case DATE -> DATE_FILTER;
      case TIMESTAMP -> DATETIME_FILTER;
      case NUMERIC -> f.integer() ? INT_FILTER : DECIMAL_FILTER;
      case TEXT -> t == FieldType.REFERENCE ? ID_FILTER : STRING_FILTER;
    };
  }
}
