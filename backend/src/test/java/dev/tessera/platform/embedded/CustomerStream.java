package dev.tessera.platform.embedded;

import dev.tessera.support.PackagedApp;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients creating customers one after another as fast as the app answers, each keeping the ids the
 * app acknowledged (HTTP 200 with the created id). A request the killed app never answered is not
 * acknowledged.
 */
final class CustomerStream implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<Thread> clients = new ArrayList<>();

  static CustomerStream start(PackagedApp app, int clients) {
    CustomerStream s = new CustomerStream();
    for (int c = 0; c < clients; c++) {
      String prefix = "c" + c + "-" + System.nanoTime();
      Thread t = new Thread(() -> s.write(app, prefix), "customer-stream-" + c);
      s.clients.add(t);
      t.start();
    }
    return s;
  }

  private void write(PackagedApp app, String prefix) {
    for (int i = 0; !stop.get(); i++) {
      try {
        acknowledged.add(create(app, prefix + "-" + i));
      } catch (Exception | AssertionError refusedOrKilled) {
        if (!app.process().isAlive()) {
          return;
        }
      }
    }
  }

  /** How many writes the app acknowledged up to now. */
  int acknowledgedSoFar() {
    return acknowledged.size();
  }

  /** Creates one customer and returns its id; fails unless the app acknowledged it. */
  static String create(PackagedApp app, String name) throws Exception {
    HttpResponse<String> res = app.post("mutation { createCustomer(input: {name: \"" + name + "\", email: \"" + name
        + "@crash.test\"}) { id } }");
    JsonObject body = new JsonObject(res.body());
    if (res.statusCode() != 200 || body.getJsonArray("errors") != null) {
      throw new AssertionError("not acknowledged: " + res.statusCode() + " " + res.body());
    }
    return body.getJsonObject("data").getJsonObject("createCustomer").getString("id");
  }

  /** The id of the customer {@code id}, read through the API (null when it is not there). */
  static String read(PackagedApp app, String id) throws Exception {
    JsonObject c = app.graphql("{ customer(id: \"" + id + "\") { id } }").getJsonObject("data").getJsonObject("customer");
    return c == null ? null : c.getString("id");
  }

  /** Every id acknowledged so far. */
  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread t : clients) {
      t.join(30_000);
    }
  }
}
