package dev.tessera.graphql;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.naming.Identifiers;
import dev.tessera.security.Action;
import dev.tessera.security.EntityPolicy;
import dev.tessera.security.Policy;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema a caller with a set of roles sees: the full schema of the metadata version without the
 * fields it may read on no record (in the record type, its filter, order, input, patch, group-by and
 * aggregate types, and the reverse field a hidden reference gives its target), and without the root
 * fields of actions its roles do not grant on an entity. Such a field is absent from introspection, and
 * a query naming it is refused by validation as if it did not exist, so neither its values nor which
 * records match it can be inferred. Built once per role set and version ({@link GraphQlProvider}) from
 * a schema built for it alone (never the live one: graphql-java resolves type references inside the
 * field definitions a schema holds); the record reader and service enforce the rights anyway.
 */
final class RoleSchemas {
  private RoleSchemas() {}

  /** {@code full} without the {@code hidden} elements ({@link #hidden}); itself when there are none. */
  static GraphQLSchema of(GraphQLSchema full, Set<String> hidden) {
    if (hidden.isEmpty()) {
      return full;
    }
    // types are rebuilt whole, without their hidden members: a field definition may be one object shared
    // by several types, so deleting it where it is reached could take it from types that keep it
    return SchemaTransformer.transformSchema(full, new GraphQLTypeVisitorStub() {
      @Override
      public TraversalControl visitGraphQLObjectType(GraphQLObjectType node, TraverserContext<GraphQLSchemaElement> context) {
        List<GraphQLFieldDefinition> kept = node.getFieldDefinitions().stream()
            .filter(f -> !hidden.contains(node.getName() + "." + f.getName())).toList();
        return kept.size() == node.getFieldDefinitions().size() ? TraversalControl.CONTINUE
            : changeNode(context, node.transform(b -> b.clearFields().fields(kept)));
      }

      @Override
      public TraversalControl visitGraphQLInputObjectType(GraphQLInputObjectType node,
          TraverserContext<GraphQLSchemaElement> context) {
        List<GraphQLInputObjectField> kept = node.getFieldDefinitions().stream()
            .filter(f -> !hidden.contains(node.getName() + "." + f.getName())).toList();
        return kept.size() == node.getFieldDefinitions().size() ? TraversalControl.CONTINUE
            : changeNode(context, node.transform(b -> b.clearFields().fields(kept)));
      }

      @Override
      public TraversalControl visitGraphQLEnumType(GraphQLEnumType node, TraverserContext<GraphQLSchemaElement> context) {
        List<GraphQLEnumValueDefinition> kept = node.getValues().stream()
            .filter(v -> !hidden.contains(node.getName() + "." + v.getName())).toList();
        return kept.size() == node.getValues().size() ? TraversalControl.CONTINUE
            : changeNode(context, node.transform(b -> b.clearValues().values(kept)));
      }
    });
  }

  /** {@code Type.field} (or {@code Enum.VALUE}) of every element the policy hides. */
  static Set<String> hidden(MetadataSnapshot snapshot, Policy policy) {
    Set<String> out = new HashSet<>();
    if (policy.admin()) {
      return out;
    }
    for (EntityDefinition e : snapshot.entities().values()) {
      EntityPolicy rights = policy.entity(e.name());
      String type = Identifiers.typeName(e.name());
      String plural = Identifiers.pluralName(e);
      String plurals = Identifiers.typeName(plural);
      if (!rights.may(Action.READ)) {
        for (String q : List.of(e.name(), plural, "deleted" + plurals, plural + "Aggregate")) {
          out.add("Query." + q);
        }
      }
      if (!rights.may(Action.CREATE)) {
        for (String m : List.of("create" + type, "create" + plurals, "import" + plurals)) {
          out.add("Mutation." + m);
        }
      }
      if (!rights.may(Action.UPDATE)) {
        out.add("Mutation.update" + type);
      }
      if (!rights.may(Action.DELETE)) {
        out.add("Mutation.delete" + type);
        out.add("Mutation.restore" + type);
      }
      Set<String> readable = rights.readableFields();
      for (FieldDefinition f : e.fields()) {
        if (readable.contains(f.name())) {
          continue;
        }
        for (String t : List.of(type, type + "Filter", type + "OrderBy", type + "Input", type + "Patch", type + "GroupBy",
            type + "Group", type + "Numbers")) {
          out.add(t + "." + f.name());
        }
        if (f.type() == FieldType.REFERENCE && f.target() != null) {
          if (e.field(f.name() + "Id").isEmpty()) {
            out.add(type + "." + f.name() + "Id");
          }
          out.add(Identifiers.typeName(f.target()) + "." + Identifiers.reverseFieldName(e, f.name()));
        }
      }
      if (!rights.may(Action.READ)) {
        // nobody's reverse lists of this entity: the records behind them are not readable
        for (FieldDefinition f : e.fields()) {
          if (f.type() == FieldType.REFERENCE && f.target() != null) {
            out.add(Identifiers.typeName(f.target()) + "." + Identifiers.reverseFieldName(e, f.name()));
          }
        }
      }
    }
    return out;
  }
}
