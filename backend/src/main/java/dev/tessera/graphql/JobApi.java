package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import static graphql.Scalars.GraphQLFloat;
import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.job.Job;
import dev.tessera.job.JobRunner;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Background jobs (e.g. rebuilding duplicate keys after a publish) and their progress. */
@jakarta.enterprise.context.ApplicationScoped
class JobApi implements SchemaContributor {
  static final int LIMIT = 100;
  static final GraphQLObjectType JOB = GraphQLObjectType.newObject().name("BackgroundJob")
      .description("Work a publish (or an operator) started that runs in the background, with its progress")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("kind").type(nonNull(GraphQLString)).description("What it does, e.g. matchKeys"))
      .field(f -> f.name("entity").type(GraphQLString))
      .field(f -> f.name("state").type(nonNull(GraphQLString)).description("pending, running, done, failed or superseded"))
      .field(f -> f.name("done").type(nonNull(GraphQLString)).description("Records done (a 64-bit number as text)"))
      .field(f -> f.name("total").type(GraphQLString).description("Records to do; null until counted"))
      .field(f -> f.name("percent").type(GraphQLFloat))
      .field(f -> f.name("error").type(GraphQLString))
      .field(f -> f.name("createdAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("startedAt").type(Scalars.DATETIME))
      .field(f -> f.name("finishedAt").type(Scalars.DATETIME))
      .build();

  private final JobRunner jobs;

  JobApi(JobRunner jobs) {
    this.jobs = jobs;
  }

  @Override
  public void contribute(SchemaParts parts) {
    queries(parts.code()).forEach(parts::query);
  }

  private List<GraphQLFieldDefinition> queries(GraphQLCodeRegistry.Builder code) {
    code.dataFetcher(FieldCoordinates.coordinates("Query", "backgroundJobs"), (DataFetcher<?>) env -> {
      Integer first = env.getArgument("first");
      int n = first == null ? 20 : first;
      if (n < 1 || n > LIMIT) {
        throw RequestMessages.pageSize(LIMIT);
      }
      return jobs.list(env.getArgument("state"), n).map(l -> l.stream().map(JobApi::json).toList()).subscribeAsCompletionStage();
    });
    code.dataFetcher(FieldCoordinates.coordinates("Query", "backgroundJob"), (DataFetcher<?>) env -> {
      String id = env.getArgument("id");
      long n;
      try {
        n = Long.parseLong(id);
      } catch (NumberFormatException e) {
        throw RequestMessages.notAnId(id, "JOB", "id");
      }
      return jobs.find(n).map(j -> j == null ? null : json(j)).subscribeAsCompletionStage();
    });
    return List.of(
        GraphQLFieldDefinition.newFieldDefinition().name("backgroundJobs").description("Background jobs, newest first")
            .type(nonNull(list(nonNull(JOB))))
            .argument(GraphQLArgument.newArgument().name("state").type(GraphQLString))
            .argument(GraphQLArgument.newArgument().name("first").type(GraphQLInt).defaultValueProgrammatic(20)).build(),
        GraphQLFieldDefinition.newFieldDefinition().name("backgroundJob").type(JOB)
            .argument(GraphQLArgument.newArgument().name("id").type(nonNull(GraphQLID))).build());
  }

  private static Map<String, Object> json(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(j.id()));
    m.put("kind", j.kind());
    m.put("entity", j.entity());
    m.put("state", j.state());
    m.put("done", Long.toString(j.done()));
    m.put("total", j.total() == null ? null : Long.toString(j.total()));
    m.put("percent", j.percent());
    m.put("error", j.error());
    m.put("createdAt", j.createdAt());
    m.put("startedAt", j.startedAt());
    m.put("finishedAt", j.finishedAt());
    return m;
  }
}
