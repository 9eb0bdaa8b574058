package dev.tessera.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Background jobs a publish queued: their ids from its changes, and waiting for them through GraphQL. */
public final class Jobs {
  private static final Pattern JOB = Pattern.compile("\\(job (\\d+)\\)");

  private Jobs() {}

  /** The id of the job a publish's change line names, e.g. "... in the background (job 12)". */
  public static String queuedBy(List<String> changes, String startingWith) {
    for (String c : changes) {
      Matcher m = JOB.matcher(c);
      if (c.startsWith(startingWith) && m.find()) {
        return m.group(1);
      }
    }
    return fail("no job queued by \"" + startingWith + "\" in " + changes);
  }

  /**
   * The publish result {@code r} queued the key rebuild of {@code entity}; waits for it and checks it
   * went over {@code records} records.
   */
  public static void awaitKeyRebuild(JsonPath r, String entity, int records) {
    String job = queuedBy(r.getList("data.publishDefinitions.changes"), "rebuild duplicate-matching keys of " + entity
        + " in the background");
    JsonPath done = awaitDone(job);
    org.junit.jupiter.api.Assertions.assertEquals(String.valueOf(records), done.getString("data.backgroundJob.done"), done.prettify());
    org.junit.jupiter.api.Assertions.assertEquals(String.valueOf(records), done.getString("data.backgroundJob.total"));
    org.junit.jupiter.api.Assertions.assertEquals(100.0, done.getDouble("data.backgroundJob.percent"));
  }

  /** Waits (at most 60 s) until the job is done; its state as GraphQL shows it. */
  public static JsonPath awaitDone(String id) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonPath j = null;
    while (System.nanoTime() < deadline) {
      j = Gql.ok("{ backgroundJob(id: \"" + id + "\") { id kind entity state done total percent error startedAt finishedAt } }");
      String state = j.getString("data.backgroundJob.state");
      if ("done".equals(state)) {
        return j;
      }
      if ("failed".equals(state) || "superseded".equals(state)) {
        return fail("job " + id + " ended " + state + ": " + j.prettify());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("job " + id + " not done within 60 s: " + (j == null ? "" : j.prettify()));
  }
}
