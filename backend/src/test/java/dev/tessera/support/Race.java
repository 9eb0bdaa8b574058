package dev.tessera.support;

import dev.tessera.platform.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs contenders on real threads released at the same instant; each outcome is the contender's
 * answer, or the code of the PlatformException it got.
 */
public final class Race implements AutoCloseable {
  /** One contender: its index in, its answer out. */
  public interface Contender {
    String run(int index) throws Exception;
  }

  private final ExecutorService pool;

  public Race(int threads) {
    pool = Executors.newFixedThreadPool(threads);
  }

  public List<String> run(List<Contender> contenders) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < contenders.size(); i++) {
      int index = i;
      Contender c = contenders.get(i);
      results.add(pool.submit(() -> {
        start.await();
        try {
          return c.run(index);
        } catch (PlatformException e) {
          return e.code().name();
        }
      }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : results) {
      outcomes.add(f.get());
    }
    return outcomes;
  }

  /** {@code n} copies of one contender. */
  public List<String> run(int n, Contender c) throws Exception {
    return run(java.util.Collections.nCopies(n, c));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
