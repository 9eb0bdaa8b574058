package dev.tessera.graphql;

import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import io.smallrye.mutiny.CompositeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/** Maps exceptions to GraphQL errors with {@code extensions.code}, the field, and the result path. */
final class ErrorMapper implements DataFetcherExceptionHandler {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters p) {
    String locale = RequestContext.of(p.getDataFetchingEnvironment()).locale();
    GraphQLError error = error(p.getException(), p.getPath(), p.getSourceLocation(), locale);
    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
  }

  static GraphQLError error(Throwable t, ResultPath path, SourceLocation location, String locale) {
    Throwable e = unwrap(t);
    GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError();
    if (path != null) {
      b.path(path);
    }
    if (location != null) {
      b.location(location);
    }
    return b.message(message(e, locale)).extensions(extensions(e, locale)).errorType(new Classification(code(e))).build();
  }

  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof CompositeException) && e.getCause() != null) {
      e = e instanceof CompositeException c ? c.getCauses().get(0) : e.getCause();
    }
    return e;
  }

  static Map<String, Object> extensions(Throwable e, String locale) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", code(e).name());
    if (e instanceof PlatformException pe) {
      if (pe.field() != null) {
        ext.put("field", pe.field());
      }
      if (!pe.details().isEmpty()) {
        List<Map<String, Object>> details = pe.details().stream().map(d -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("field", d.field());
          m.put("code", d.code());
          if (d.rule() != null) {
            m.put("rule", d.rule());
          }
          m.put("message", d.message(locale));
          return m;
        }).toList();
        ext.put("problems", details);
      }
    }
    return ext;
  }

  static ErrorCode code(Throwable e) {
    return e instanceof PlatformException pe ? pe.code() : ErrorCode.INTERNAL_ERROR;
  }

  static String message(Throwable e, String locale) {
    if (e instanceof PlatformException pe) {
      return pe.message(locale);
    }
    LOG.error("unexpected error while running a GraphQL request", e);
    return "Internal error; it has been logged";
  }

  private record Classification(ErrorCode code) implements ErrorClassification {
    @Override
    public String toString() {
      return code.name();
    }
  }
}
