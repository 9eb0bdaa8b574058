package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.notification.Notification;
import dev.tessera.notification.Inbox;
import dev.tessera.notification.InboxTail;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The calling user's inbox: their notifications, newest first, and marking them read. */
@ApplicationScoped
class NotificationApi implements SchemaContributor {
  static final int LIMIT = 200;
  static final GraphQLObjectType NOTIFICATION = GraphQLObjectType.newObject().name("Notification")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("kind").type(nonNull(GraphQLString)).description("What it is about, e.g. duplicate"))
      .field(f -> f.name("title").type(nonNull(GraphQLString)).description("In the request's language"))
      .field(f -> f.name("body").type(nonNull(GraphQLString)).description("In the request's language"))
      .field(f -> f.name("entity").type(GraphQLString))
      .field(f -> f.name("recordId").type(GraphQLID))
      .field(f -> f.name("read").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .build();

  private final Inbox inbox;
  private final InboxTail tail;

  NotificationApi(Inbox inbox, InboxTail tail) {
    this.inbox = inbox;
    this.tail = tail;
  }
  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.code()).forEach(parts::query);
    mutations(parts.code()).forEach(parts::mutation);
    parts.subscription(received(parts.code()));
  }

  private GraphQLFieldDefinition received(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Subscription", "notificationReceived"), (DataFetcher<?>) env -> {
      RequestContext rc = RequestContext.of(env);
      if (rc.actor().anonymous()) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("NOT_SIGNED_IN"), "notificationReceived");
      }
      return SubscriptionApi.bounded(tail.live(rc.actor().userId()), "notificationReceived", "notifications")
          .map(n -> json(n, rc.locale()));
    });
    return GraphQLFieldDefinition.newFieldDefinition().name("notificationReceived")
        .description("Your notifications as they arrive (over WebSocket, protocol graphql-transport-ws); the ones"
            + " you missed are in notifications")
        .type(nonNull(NOTIFICATION)).build();
  }


  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "notifications"), (DataFetcher<?>) env -> {
      RequestContext rc = RequestContext.of(env);
      boolean unread = Boolean.TRUE.equals(env.getArgument("unreadOnly"));
      return inbox.list(rc.actor(), unread, LIMIT)
          .map(list -> list.stream().map(n -> json(n, rc.locale())).toList()).subscribeAsCompletionStage();
    });
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("notifications")
        .description("Your notifications (the caller's, never anyone else's), newest first, at most " + LIMIT)
        .type(nonNull(list(nonNull(NOTIFICATION))))
        .argument(GraphQLArgument.newArgument().name("unreadOnly").type(GraphQLBoolean).defaultValueProgrammatic(false))
        .build());
  }

  private List<GraphQLFieldDefinition> mutations(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Mutation", "markNotificationsRead"), (DataFetcher<?>) env -> {
      List<String> ids = env.getArgument("ids");
      List<Long> numbers = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        numbers.add(number(ids.get(i), "ids[" + i + "]"));
      }
      return inbox.markRead(RequestContext.of(env).actor(), numbers).subscribeAsCompletionStage();
    });
    return List.of(GraphQLFieldDefinition.newFieldDefinition().name("markNotificationsRead")
        .description("Marks your notifications of these ids as read (others' are left alone); returns how many were unread")
        .type(nonNull(GraphQLInt))
        .argument(GraphQLArgument.newArgument().name("ids").type(nonNull(list(nonNull(GraphQLID)))))
        .build());
  }

  private static long number(String id, String path) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw RequestMessages.notAnId(id, "NOTIFICATION", path);
    }
  }

  private static Map<String, Object> json(Notification n, String locale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", String.valueOf(n.id()));
    m.put("kind", n.kind());
    m.put("title", n.title(locale));
    m.put("body", n.body(locale));
    m.put("entity", n.entity());
    m.put("recordId", n.recordId() == null ? null : n.recordId().toString());
    m.put("read", n.read());
    m.put("createdAt", n.createdAt().toString());
    return m;
  }
}
