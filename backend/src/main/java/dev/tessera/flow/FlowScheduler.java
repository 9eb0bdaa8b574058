package dev.tessera.flow;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowEdge;
import dev.tessera.metamodel.model.FlowTrigger;
import dev.tessera.metamodel.time.Cron;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SystemColumn;
import dev.tessera.record.Uuids;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the flows that time triggers: {@code schedule} (cron, in its time zone: one instance per slot,
 * or with an entity one per matching record) and {@code relativeDate} (N days before or after a date
 * field: contract ends, birthdays with {@code annual}). Every node ticks; each start carries its slot in
 * the instance's trigger key, so a slot starts once however many nodes tick and however often. A node
 * that was down catches up on the slots of the last {@code tessera.flows.catch-up} (default 1 hour).
 */
@ApplicationScoped
public class FlowScheduler {
  private static final Logger LOG = Logger.getLogger(FlowScheduler.class);
  /** Most records one time trigger starts per slot (more are left for the next slot, and logged). */
  static final int MAX_RECORDS = 10_000;
  private static final int PAGE = 1000;

  private final MetadataRegistry registry;
  private final FlowVersions versions;
  private final FlowEnrollment enrollment;
  private final FlowStore store;
  private final RecordStore records;
  private final TxRunner tx;
  private final FlowRunner runner;
  private final Vertx vertx;
  private final boolean enabled;
  private final Duration interval;
  private final Duration catchUp;
  private final Map<String, ZonedDateTime> checked = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  public FlowScheduler(MetadataRegistry registry, FlowVersions versions, FlowEnrollment enrollment, FlowStore store,
      RecordStore records, TxRunner tx, FlowRunner runner, Vertx vertx,
      @ConfigProperty(name = "tessera.flows.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "tessera.flows.schedule-interval", defaultValue = "PT10S") Duration interval,
      @ConfigProperty(name = "tessera.flows.catch-up", defaultValue = "PT1H") Duration catchUp) {
    this.registry = registry;
    this.versions = versions;
    this.enrollment = enrollment;
    this.store = store;
    this.records = records;
    this.tx = tx;
    this.runner = runner;
    this.vertx = vertx;
    this.enabled = enabled;
    this.interval = interval;
    this.catchUp = catchUp;
  }

  void onStart(@Observes StartupEvent ev) {
    if (enabled) {
      timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> tick());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    check(OffsetDateTime.now()).subscribe().with(n -> {
      running.set(false);
      if (n > 0) {
        runner.wake();
      }
    }, e -> {
      LOG.warnf(e, "flows: the time triggers could not be checked");
      running.set(false);
    });
  }

  /** Starts what the time triggers ask for up to {@code now}; how many instances started. */
  public Uni<Integer> check(OffsetDateTime now) {
    MetadataSnapshot meta = registry.current();
    List<FlowDefinition> timed = meta.all(FlowDefinition.class).stream().filter(f -> f.enabled()
        && (f.trigger() instanceof FlowTrigger.Schedule || f.trigger() instanceof FlowTrigger.RelativeDate)).toList();
    return Sequence.map(timed, f -> f.trigger() instanceof FlowTrigger.Schedule s ? schedule(meta, f, s, now)
        : relativeDate(meta, f, (FlowTrigger.RelativeDate) f.trigger(), now))
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
  }

  /** The cron slots since the last check (at most the catch-up window back), each started once. */
  private Uni<Integer> schedule(MetadataSnapshot meta, FlowDefinition f, FlowTrigger.Schedule s, OffsetDateTime now) {
    Cron cron;
    try {
      cron = Cron.parse(s.cron());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(0);
    }
    ZoneId zone = ZoneId.of(s.timezone());
    ZonedDateTime until = now.atZoneSameInstant(zone);
    ZonedDateTime from = checked.getOrDefault(f.name(), until.minus(catchUp));
    List<ZonedDateTime> slots = new ArrayList<>();
    for (ZonedDateTime t = cron.next(from); t != null && !t.isAfter(until) && slots.size() < 100; t = cron.next(t)) {
      slots.add(t);
    }
    return Sequence.map(slots, slot -> start(meta, f, s.entity(), s.filter(), "schedule:" + slot.toOffsetDateTime(),
            null, slot.toOffsetDateTime()))
        .invoke(x -> checked.put(f.name(), until))
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
  }

  /**
   * Records whose date is {@code offsetDays} before today (so today is N days after it; negative: before
   * it), once the local time reaches {@code at}; {@code annual}: the month and day, every year.
   */
  private Uni<Integer> relativeDate(MetadataSnapshot meta, FlowDefinition f, FlowTrigger.RelativeDate r,
      OffsetDateTime now) {
    ZoneId zone = ZoneId.of(r.timezone());
    ZonedDateTime local = now.atZoneSameInstant(zone);
    LocalTime at;
    try {
      at = LocalTime.parse(r.at());
    } catch (RuntimeException e) {
      at = LocalTime.of(9, 0);
    }
    if (local.toLocalTime().isBefore(at)) {
      return Uni.createFrom().item(0);
    }
    LocalDate target = local.toLocalDate().minusDays(r.offsetDays());
    EntityDefinition e = meta.entities().get(r.entity());
    FieldDefinition field = e == null ? null : e.field(r.field()).orElse(null);
    if (field == null) {
      return Uni.createFrom().item(0);
    }
    // a date flow published today still acts today: its slot is the day, not a moment before the publish
    String key = "date:" + local.toLocalDate() + ":";
    return start(meta, f, r.entity(), r.condition(), key, rec -> matches(rec.get(field.name()), field, target, r.annual(),
        zone), null);
  }

  private static boolean matches(Object value, FieldDefinition field, LocalDate target, boolean annual, ZoneId zone) {
    if (value == null) {
      return false;
    }
    LocalDate date;
    try {
      date = field.type() == FieldType.DATETIME
          ? OffsetDateTime.parse(value.toString()).atZoneSameInstant(zone).toLocalDate()
          : LocalDate.parse(value.toString().substring(0, Math.min(10, value.toString().length())));
    } catch (RuntimeException e) {
      return false;
    }
    return annual ? date.getMonth() == target.getMonth() && date.getDayOfMonth() == target.getDayOfMonth()
        : date.equals(target);
  }

  /**
   * One slot: without an entity one instance (key {@code key}); with one, an instance per record that
   * {@code select} keeps (null: all) and the enrollment condition admits (keys {@code key + record id}).
   * {@code slot}: the cron time (null for dates).
   */
  private Uni<Integer> start(MetadataSnapshot meta, FlowDefinition f, String entity, String condition, String key,
      java.util.function.Predicate<DataRecord> select, OffsetDateTime slot) {
    return tx.inTransaction(t -> versions.current(t, meta, f.name()).chain(running -> {
      if (running == null || slot != null && slot.isBefore(running.publishedAt())) {
        return Uni.createFrom().item(0); // cron slots from before the flow was published do not start it
      }
      List<String> first = running.definition().start().stream().map(FlowEdge::to).toList();
      if (entity == null) {
        FlowInstance i = new FlowInstance(Uuids.v7(), f.name(), running.version(), null, null,
            FlowInstance.Status.RUNNING, null, Map.of(), key, "system", false, null, null);
        return store.start(t, i, first, OffsetDateTime.now()).map(started -> started ? 1 : 0);
      }
      EntityDefinition e = meta.entity(entity);
      return candidates(t, e, null, new ArrayList<>()).chain(all -> Sequence.map(all, r -> {
        if (select != null && !select.test(r)) {
          return Uni.createFrom().item((UUID) null);
        }
        FlowInstance probe = new FlowInstance(null, f.name(), running.version(), e.name(), r.id(),
            FlowInstance.Status.RUNNING, null, Map.of(), null, "system", false, null, null);
        return condition == null || condition.isBlank() ? Uni.createFrom().item(r.id())
            : enrollment.admitted(t, meta, running.definition(), e, probe, false).map(ok -> ok ? r.id() : null);
      })).chain(ids -> {
        List<UUID> chosen = ids.stream().filter(java.util.Objects::nonNull).toList();
        return chosen.isEmpty() ? Uni.createFrom().item(0)
            : store.startMany(t, f.name(), running.version(), e.name(), chosen, key, "system", first, OffsetDateTime.now());
      });
    }));
  }

  /** The live records of {@code e} in id order, page by page, at most {@link #MAX_RECORDS}. */
  private Uni<List<DataRecord>> candidates(Tx t, EntityDefinition e, List<Object> after, List<DataRecord> out) {
    Page page = new Page(List.of(new OrderKey(Column.of(SystemColumn.ID), false)), after, false, PAGE);
    return records.find(t, new RecordQuery(e, new Filter.And(List.of()), page, false)).chain(rows -> {
      out.addAll(rows);
      if (rows.size() < PAGE || out.size() >= MAX_RECORDS) {
        if (out.size() >= MAX_RECORDS) {
          LOG.warnf("flows: a time trigger on %s reached %d records; the rest wait for the next slot", e.name(), MAX_RECORDS);
        }
        return Uni.createFrom().item(out);
      }
      return candidates(t, e, List.of(rows.get(rows.size() - 1).id()), out);
    });
  }
}
