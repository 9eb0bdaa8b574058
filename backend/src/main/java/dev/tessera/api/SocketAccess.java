package dev.tessera.api;

import dev.tessera.graphql.RequestContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Who may use a GraphQL socket: {@code init} finds the caller from connection_init's payload (a failure
 * closes the socket with 4403); while the socket is open, {@code recheck} asks every {@code recheckMs}
 * whether that caller may still act (signed out, password changed, deactivated, key revoked: false
 * closes the socket with 4403).
 */
record SocketAccess(Function<Object, CompletionStage<RequestContext>> init,
    Function<RequestContext, CompletionStage<Boolean>> recheck, long recheckMs) {}
