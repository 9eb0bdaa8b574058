package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.identity.AccountAdmin;
import dev.tessera.identity.ApiKey;
import dev.tessera.identity.IdentityMessages;
import dev.tessera.identity.Session;
import dev.tessera.identity.SignInService;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sign-in over GraphQL: signIn, refreshSession, signOut, changePassword, and for administrators
 * setUserPassword and API keys. No answer ever carries a password hash or a stored secret; an API
 * key's secret is in the answer of createApiKey and nowhere else.
 */
@ApplicationScoped
class IdentityApi implements SchemaContributor {
  /** The fields an anonymous request may use while sign-in is required. */
  static final java.util.Set<String> OPEN_MUTATIONS = java.util.Set.of("signIn", "refreshSession");

  static final GraphQLObjectType SESSION = GraphQLObjectType.newObject().name("AuthSession")
      .description("A signed-in session: send accessToken as Authorization: Bearer <accessToken>; before it expires"
          + " (expiresIn seconds) trade refreshToken, which works once, for the next pair with refreshSession")
      .field(f -> f.name("accessToken").type(nonNull(GraphQLString)))
      .field(f -> f.name("refreshToken").type(nonNull(GraphQLString)))
      .field(f -> f.name("expiresIn").type(nonNull(GraphQLInt)).description("Seconds the access token is valid"))
      .build();
  static final GraphQLObjectType API_KEY = GraphQLObjectType.newObject().name("ApiKey")
      .description("An integrator's API key, without its secret")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("name").type(nonNull(GraphQLString)))
      .field(f -> f.name("role").type(nonNull(GraphQLString)).description("The role whose rights the key has"))
      .field(f -> f.name("prefix").type(nonNull(GraphQLString)).description("The key's first characters, to tell keys apart"))
      .field(f -> f.name("createdBy").type(nonNull(GraphQLString)))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("lastUsedAt").type(Scalars.DATETIME).description("To the minute"))
      .field(f -> f.name("revokedAt").type(Scalars.DATETIME))
      .build();
  static final GraphQLObjectType NEW_API_KEY = GraphQLObjectType.newObject().name("NewApiKey")
      .field(f -> f.name("key").type(nonNull(GraphQLString))
          .description("The secret: send it as Authorization: Bearer <key>. Shown this once, never again"))
      .field(f -> f.name("apiKey").type(nonNull(API_KEY)))
      .build();

  private final SignInService signIn;
  private final AccountAdmin admin;

  IdentityApi(SignInService signIn, AccountAdmin admin) {
    this.signIn = signIn;
    this.admin = admin;
  }

  @Override
  public void contribute(SchemaParts parts) {
    GraphQLCodeRegistry.Builder code = parts.code();
    parts.mutation(field(code, "signIn", nonNull(SESSION), "Signs in with a username and password",
        env -> session(signIn.signIn(env.getArgument("username"), env.getArgument("password"), address(env))),
        arg("username", GraphQLString), arg("password", GraphQLString)));
    parts.mutation(field(code, "refreshSession", nonNull(SESSION), "Trades a refresh token (it works once) for the next pair",
        env -> session(signIn.refresh(env.getArgument("refreshToken"))), arg("refreshToken", GraphQLString)));
    parts.mutation(field(code, "signOut", nonNull(GraphQLBoolean),
        "Ends this session, or with everywhere: true every session of yours; tokens stop working within a minute",
        env -> signIn.signOut(caller(env), Boolean.TRUE.equals(env.getArgument("everywhere"))),
        GraphQLArgument.newArgument().name("everywhere").type(GraphQLBoolean).defaultValueProgrammatic(false).build()));
    parts.mutation(field(code, "changePassword", nonNull(SESSION),
        "Changes your password; every session of yours ends and this answer is your new one",
        env -> session(signIn.changePassword(caller(env), env.getArgument("currentPassword"), env.getArgument("newPassword"))),
        arg("currentPassword", GraphQLString), arg("newPassword", GraphQLString)));
    parts.mutation(field(code, "setUserPassword", nonNull(GraphQLBoolean),
        "Administrators: sets a user's password; the user's sessions end",
        env -> admin.setUserPassword(caller(env), env.getArgument("username"), env.getArgument("password")),
        arg("username", GraphQLString), arg("password", GraphQLString)));
    parts.mutation(field(code, "createApiKey", nonNull(NEW_API_KEY),
        "Administrators: a new API key bound to a role; its secret is in this answer only",
        env -> admin.createApiKey(caller(env), env.getArgument("name"), env.getArgument("role"))
            .map(k -> Map.of("key", k.secret(), "apiKey", json(k.key()))),
        arg("name", GraphQLString), arg("role", GraphQLString)));
    parts.mutation(field(code, "revokeApiKey", nonNull(GraphQLBoolean),
        "Administrators: revokes an API key (false when it was revoked already)",
        env -> admin.revokeApiKey(caller(env), id(env.getArgument("id"))), arg("id", GraphQLID)));
    parts.query(field(code, "apiKeys", nonNull(list(nonNull(API_KEY))), "Administrators: every API key, without secrets",
        env -> admin.apiKeys(caller(env)).map(keys -> keys.stream().map(IdentityApi::json).toList())));
  }

  private static GraphQLFieldDefinition field(GraphQLCodeRegistry.Builder code, String name, GraphQLOutputType type,
      String description, Function<DataFetchingEnvironment, Uni<?>> fetch, GraphQLArgument... args) {
    String parent = name.equals("apiKeys") ? "Query" : "Mutation";
    code.dataFetcher(FieldCoordinates.coordinates(parent, name),
        (DataFetcher<?>) env -> fetch.apply(env).subscribeAsCompletionStage());
    return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description).type(type)
        .arguments(java.util.List.of(args)).build();
  }

  private static GraphQLArgument arg(String name, GraphQLInputType type) {
    return GraphQLArgument.newArgument().name(name).type(nonNull(type)).build();
  }

  private static dev.tessera.identity.Principal caller(DataFetchingEnvironment env) {
    return RequestContext.of(env).principal();
  }

  private static String address(DataFetchingEnvironment env) {
    String a = RequestContext.of(env).address();
    return a == null ? "unknown" : a;
  }

  private static Uni<Map<String, Object>> session(Uni<Session> s) {
    return s.map(x -> Map.of("accessToken", x.accessToken(), "refreshToken", x.refreshToken(), "expiresIn", x.expiresIn()));
  }

  private static UUID id(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, IdentityMessages.text("NOT_AN_API_KEY_ID", Map.of("id", id)), "id");
    }
  }

  private static Map<String, Object> json(ApiKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id().toString());
    m.put("name", k.name());
    m.put("role", k.role());
    m.put("prefix", k.prefix());
    m.put("createdBy", k.createdBy());
    m.put("createdAt", k.createdAt());
    m.put("lastUsedAt", k.lastUsedAt());
    m.put("revokedAt", k.revokedAt());
    return m;
  }
}
