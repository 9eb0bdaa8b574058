package dev.tessera.flow;

import dev.tessera.expression.ConditionService;
import dev.tessera.metamodel.message.MessageText;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.MessageTemplateDefinition;
import dev.tessera.outbox.Channel;
import dev.tessera.outbox.OutboundMessage;
import dev.tessera.outbox.Outbox;
import dev.tessera.platform.Sequence;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordStore;
import dev.tessera.webhook.WebhookCaller;
import dev.tessera.webhook.WebhookRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What each node type does in a step, and how a waiting node resumes. Every effect is written through
 * the transaction of the step ({@link FlowContext#tx}): records through the record service (its checks,
 * before-save lane, change feed), tasks as records of the built-in {@code task} entity, in-app messages
 * in the inbox. In a test run the effects are described instead.
 */
@ApplicationScoped
class FlowNodes {
  static final String TASK = "task";
  private final FlowExpressions expressions;
  private final ConditionService conditions;
  private final RecordService records;
  private final RecordStore store;
  private final Outbox outbox;
  private final WebhookCaller webhooks;
  private final FlowPeople people;
  private final FlowVersions versions;
  private final FlowStore flows;
  private final dev.tessera.assignment.AssignmentService assignments;
  private final String language;
  private final ZoneId zone;

  FlowNodes(FlowExpressions expressions, ConditionService conditions, RecordService records, RecordStore store,
      Outbox outbox, WebhookCaller webhooks, FlowPeople people, dev.tessera.assignment.AssignmentService assignments,
      FlowVersions versions, FlowStore flows, FlowApprovals approvals,
      @ConfigProperty(name = "tessera.flows.language", defaultValue = "zh-CN") String language,
      @ConfigProperty(name = "tessera.flows.timezone", defaultValue = "Asia/Shanghai") String zone) {
    this.expressions = expressions;
    this.conditions = conditions;
    this.records = records;
    this.store = store;
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.people = people;
    this.versions = versions;
    this.flows = flows;
    this.assignments = assignments;
    this.approvals = approvals;
    this.language = language;
    this.zone = ZoneId.of(zone);
  }

  private final FlowApprovals approvals;

  FlowExpressions expressions() {
    return expressions;
  }

  /** Runs a node that was ready. */
  Uni<Outcome> run(FlowContext ctx, FlowNode node, FlowToken tok) {
    if (node instanceof FlowNode.Condition c) {
      List<Map<String, Object>> seen = new java.util.ArrayList<>();
      ctx.input(single("conditions", seen));
      return condition(ctx, c.branches(), 0, seen);
    } else if (node instanceof FlowNode.Split s) {
      Map<String, Object> weights = new LinkedHashMap<>();
      s.branches().forEach(b -> weights.put(b.name(), b.weight()));
      ctx.input(single("weights", weights));
      return Uni.createFrom().item(split(s));
    } else if (node instanceof FlowNode.SetVariable v) {
      return expressions.value(ctx, v.value()).map(x -> {
        Object value = plainJson(x);
        ctx.set(v.name(), value);
        ctx.input(single(v.name(), value));
        return new Outcome.Next(null, single(v.name(), value));
      });
    } else if (node instanceof FlowNode.UpdateRecord u) {
      return updateRecord(ctx, u);
    } else if (node instanceof FlowNode.CreateRecord c) {
      return createRecord(ctx, c);
    } else if (node instanceof FlowNode.CreateTask t) {
      return createTask(ctx, t, tok);
    } else if (node instanceof FlowNode.Notify n) {
      return notify(ctx, n, tok);
    } else if (node instanceof FlowNode.Assign a) {
      return assign(ctx, a);
    } else if (node instanceof FlowNode.CallFlow c) {
      return callFlow(ctx, c, tok);
    } else if (node instanceof FlowNode.ForEach f) {
      return forEach(ctx, f, tok);
    } else if (node instanceof FlowNode.CallWebhook w) {
      return callWebhook(ctx, w, tok);
    } else if (node instanceof FlowNode.Wait w) {
      return startWait(ctx, w);
    } else if (node instanceof FlowNode.End) {
      return Uni.createFrom().item(new Outcome.Stop(null));
    } else if (node instanceof FlowNode.Approval a) {
      return approvals.run(ctx, a, tok, text(ctx, a.title()));
    }
    throw new FlowFailure("NOT_AVAILABLE", Map.of("type", node.type()));
  }

  /** Resumes a waiting node: its due time came, or an event (task done, record changed) woke it. */
  Uni<Outcome> resume(FlowContext ctx, FlowNode node, FlowToken tok) {
    Map<String, Object> wait = tok.waitFor() == null ? Map.of() : tok.waitFor();
    OffsetDateTime until = wait.get("until") instanceof String s ? OffsetDateTime.parse(s) : null;
    boolean timedOut = until == null || !ctx.now.isBefore(until);
    String type = String.valueOf(wait.get("type"));
    switch (type) {
      case "task":
        if (wait.get("event") != null) {
          return Uni.createFrom().item(new Outcome.Next(null, wait.get("event")));
        }
        return Uni.createFrom().item(timedOut ? new Outcome.Next(FlowNode.TIMEOUT, null) : again(wait, until));
      case "approval":
        return approvals.resume(ctx, (FlowNode.Approval) node, wait);
      case "flow":
        if (wait.get("event") != null) {
          return Uni.createFrom().item(new Outcome.Next(null, wait.get("event")));
        }
        return Uni.createFrom().item(again(wait, until));
      case "condition":
        return expressions.test(ctx, String.valueOf(wait.get("condition"))).map(met -> met
            ? new Outcome.Next(null, Map.of("met", true))
            : timedOut ? new Outcome.Next(FlowNode.TIMEOUT, null) : again(wait, until));
      default:
        // a duration or a date: done when due (a wake-up for the goal comes early: wait on)
        return Uni.createFrom().item(timedOut ? new Outcome.Next(null, null) : again(wait, until));
    }
  }

  static Outcome again(Map<String, Object> wait, OffsetDateTime until) {
    return new Outcome.Wait(until == null ? FlowEngine.FOREVER : until, wait, null);
  }

  static Map<String, Object> waiting(String type, OffsetDateTime until, Map<String, Object> more) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("type", type);
    if (until != null && until.isBefore(FlowEngine.FOREVER)) {
      w.put("until", until.toString());
    }
    w.putAll(more);
    return w;
  }

  /** The first branch whose condition holds; {@code seen} gets each condition tried and whether it held. */
  private Uni<Outcome> condition(FlowContext ctx, List<FlowNode.Branch> branches, int i, List<Map<String, Object>> seen) {
    if (i == branches.size()) {
      return Uni.createFrom().item(new Outcome.Next(FlowNode.ELSE, single("branch", FlowNode.ELSE)));
    }
    FlowNode.Branch b = branches.get(i);
    return expressions.test(ctx, b.condition()).chain(holds -> {
      Map<String, Object> tried = single("condition", b.condition());
      tried.put("holds", holds);
      seen.add(tried);
      ctx.input(single("conditions", seen));
      return holds ? Uni.createFrom().item(new Outcome.Next(b.name(), single("branch", b.name())))
          : condition(ctx, branches, i + 1, seen);
    });
  }

  private static Outcome split(FlowNode.Split s) {
    int total = s.branches().stream().mapToInt(FlowNode.WeightedBranch::weight).sum();
    int pick = ThreadLocalRandom.current().nextInt(Math.max(total, 1));
    for (FlowNode.WeightedBranch b : s.branches()) {
      pick -= b.weight();
      if (pick < 0) {
        return new Outcome.Next(b.name(), single("branch", b.name()));
      }
    }
    String last = s.branches().get(s.branches().size() - 1).name();
    return new Outcome.Next(last, single("branch", last));
  }

  /** The values of a {@code set} map, evaluated in order. */
  private Uni<Map<String, Object>> values(FlowContext ctx, Map<String, String> set) {
    Map<String, Object> out = new LinkedHashMap<>();
    return Sequence.each(set.entrySet(), e -> expressions.value(ctx, e.getValue())
        .invoke(v -> out.put(e.getKey(), plainJson(v)))).map(x -> out);
  }

  private Uni<Outcome> updateRecord(FlowContext ctx, FlowNode.UpdateRecord u) {
    return values(ctx, u.set()).chain(patch -> target(ctx, u.record()).chain(target -> {
      if (target == null) {
        throw new FlowFailure("NO_RECORD", Map.of("entity", ctx.instance.entity(), "id", ctx.instance.recordId()));
      }
      Map<String, Object> out = Map.of("entity", target.entity().name(), "id", target.record().id().toString(),
          "set", patch);
      ctx.input(out);
      if (ctx.test) {
        ctx.effects.add(effect("updateRecord", out));
        if (ctx.record != null && target.record().id().equals(ctx.record.id())) {
          Map<String, Object> data = new LinkedHashMap<>(ctx.record.data());
          data.putAll(patch); // later nodes of the test run see the values it would have set
          DataRecord r = ctx.record;
          ctx.record = new DataRecord(r.id(), data, r.ownerId(), r.version(), r.createdAt(), r.updatedAt(), r.createdBy(),
              r.updatedBy(), r.deletedAt());
        }
        return Uni.createFrom().item(new Outcome.Next(null, out));
      }
      return records.update(ctx.tx, ctx.meta, target.entity(), target.record().id(), target.record().version(), patch,
          null, ctx.actor, ctx.events).map(after -> {
            if (ctx.record != null && after.id().equals(ctx.record.id())) {
              ctx.record = after;
            }
            return new Outcome.Next(null, out);
          });
    }));
  }

  private record Target(EntityDefinition entity, DataRecord record) {}

  /**
   * Starts the sub-flow (a flow with a manual trigger) on the record: the trigger record, or the one a
   * variable holds. Its start is keyed by this visit, so a retried step starts it once; with {@code wait}
   * the path waits until the sub-flow's instance ends.
   */
  private Uni<Outcome> callFlow(FlowContext ctx, FlowNode.CallFlow c, FlowToken tok) {
    return target(ctx, c.record()).chain(target -> {
      if (target == null) {
        throw new FlowFailure("NO_RECORD", Map.of("entity", String.valueOf(ctx.instance.entity()),
            "id", String.valueOf(ctx.instance.recordId())));
      }
      if (ctx.test) {
        Map<String, Object> out = Map.of("flow", c.flow(), "record", target.record().id().toString());
        ctx.input(out);
        ctx.effects.add(effect("callFlow", out));
        return Uni.createFrom().item(new Outcome.Next(null, out));
      }
      ctx.input(Map.of("flow", c.flow(), "record", target.record().id().toString(), "waits", c.waits()));
      return versions.current(ctx.tx, ctx.meta, c.flow()).chain(running -> {
        if (running == null) {
          throw new FlowFailure("NO_SUBFLOW", Map.of("flow", c.flow()));
        }
        java.util.UUID child = dev.tessera.record.Uuids.v7();
        FlowInstance instance = new FlowInstance(child, c.flow(), running.version(), target.entity().name(),
            target.record().id(), FlowInstance.Status.RUNNING, null, Map.of(), "sub:" + tok.effectKey(),
            "flow:" + ctx.flow.name(), false, null, null);
        List<String> first = running.definition().start().stream().map(e -> e.to()).toList();
        return flows.start(ctx.tx, instance, first, ctx.now).map(started -> {
          Map<String, Object> out = Map.of("flow", c.flow(), "instance", child.toString());
          return c.waits()
              ? new Outcome.Wait(FlowEngine.FOREVER, waiting("flow", null, Map.of("instance", child.toString())), out)
              : new Outcome.Next(null, out);
        });
      });
    });
  }

  /** Most related records one forEach starts its sub-flow on. */
  static final int MAX_EACH = 1000;

  /**
   * Starts the sub-flow on each record of {@code entity} whose reference {@code via} points at the
   * instance's record (and that meets {@code condition}), keyed by this visit and record.
   */
  private Uni<Outcome> forEach(FlowContext ctx, FlowNode.ForEach f, FlowToken tok) {
    EntityDefinition related = ctx.meta.entities().get(f.entity());
    if (related == null || ctx.record == null) {
      throw new FlowFailure("NO_RECORD", Map.of("entity", String.valueOf(f.entity()), "id", String.valueOf(ctx.instance.recordId())));
    }
    return store.find(ctx.tx, dev.tessera.record.RecordQuery.byField(related, f.via(), ctx.record.id().toString(), MAX_EACH))
        .chain(rows -> Sequence.map(rows, r -> {
          if (f.condition() == null || f.condition().isBlank()) {
            return Uni.createFrom().item(r.id());
          }
          return conditions.test(ctx.tx, ctx.meta, related.name(), f.condition(), r).map(ok -> ok ? r.id() : null);
        }))
        .chain(ids -> {
          List<java.util.UUID> chosen = ids.stream().filter(java.util.Objects::nonNull).toList();
          Map<String, Object> out = Map.of("flow", f.flow(), "records", chosen.size());
          ctx.input(Map.of("flow", f.flow(), "entity", related.name(), "via", f.via(), "records", chosen.size()));
          if (ctx.test) {
            ctx.effects.add(effect("forEach", out));
            return Uni.createFrom().item((Outcome) new Outcome.Next(null, out));
          }
          return versions.current(ctx.tx, ctx.meta, f.flow()).chain(running -> {
            if (running == null) {
              throw new FlowFailure("NO_SUBFLOW", Map.of("flow", f.flow()));
            }
            List<String> first = running.definition().start().stream().map(e -> e.to()).toList();
            return chosen.isEmpty() ? Uni.createFrom().item((Outcome) new Outcome.Next(null, out))
                : flows.startMany(ctx.tx, f.flow(), running.version(), related.name(), chosen,
                    "each:" + tok.effectKey() + ":", "flow:" + ctx.flow.name(), first, ctx.now)
                    .map(n -> (Outcome) new Outcome.Next(null, out));
          });
        });
  }

  /**
   * Assigns the record through the assignment engine (its rule, turns and trace; the owner change is
   * an update through the record service, source {@code assignment}). In a test run it only decides.
   */
  private Uni<Outcome> assign(FlowContext ctx, FlowNode.Assign a) {
    if (ctx.record == null || ctx.record.deletedAt() != null) {
      throw new FlowFailure("NO_RECORD", Map.of("entity", String.valueOf(ctx.instance.entity()),
          "id", String.valueOf(ctx.instance.recordId())));
    }
    return assignments.assign(ctx.tx, ctx.meta, ctx.entity, a.rule(), ctx.record, ctx.test, ctx.actor, ctx.events)
        .chain(o -> {
          if (o == null) {
            throw new FlowFailure("NO_RULE", Map.of("entity", ctx.entity.name(),
                "rule", a.rule() == null ? "-" : a.rule()));
          }
          Map<String, Object> in = new LinkedHashMap<>();
          in.put("rule", o.trace().getOrDefault("rule", a.rule()));
          in.put("strategy", o.trace().get("pickedBy"));
          in.put("target", o.trace().get("target"));
          ctx.input(in);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("ownerBefore", o.ownerBefore());
          out.put("owner", o.owner());
          if (ctx.test) {
            ctx.effects.add(effect("assign", out));
            return Uni.createFrom().item(new Outcome.Next(null, out));
          }
          // read the record again: the owner (and version) changed
          return store.findById(ctx.tx, ctx.entity, ctx.record.id(), false).map(after -> {
            if (after != null) {
              ctx.record = after;
            }
            return new Outcome.Next(null, out);
          });
        });
  }

  /** The record a node acts on: the instance's, or the one whose id a variable holds (set by a createRecord's output). */
  private Uni<Target> target(FlowContext ctx, String variable) {
    if (variable == null || variable.isBlank()) {
      return Uni.createFrom().item(ctx.record == null || ctx.record.deletedAt() != null ? null
          : new Target(ctx.entity, ctx.record));
    }
    String entity = ctx.flow.nodes().stream().filter(n -> n instanceof FlowNode.CreateRecord c
        && variable.equals(c.output())).map(n -> ((FlowNode.CreateRecord) n).entity()).findFirst()
        .orElse(ctx.instance.entity());
    EntityDefinition e = ctx.meta.entities().get(entity);
    Object id = ctx.vars.get(variable);
    if (e == null || id == null) {
      return Uni.createFrom().nullItem();
    }
    return store.findById(ctx.tx, e, UUID.fromString(id.toString()), false)
        .map(r -> r == null ? null : new Target(e, r));
  }

  private Uni<Outcome> createRecord(FlowContext ctx, FlowNode.CreateRecord c) {
    EntityDefinition e = ctx.meta.entities().get(c.entity());
    return values(ctx, c.set()).chain(input -> {
      ctx.input(Map.of("entity", c.entity(), "set", input));
      if (ctx.test) {
        String id = "test:" + c.id();
        if (c.output() != null) {
          ctx.set(c.output(), id);
        }
        ctx.effects.add(effect("createRecord", Map.of("entity", c.entity(), "set", input)));
        return Uni.createFrom().item(new Outcome.Next(null, Map.of("entity", c.entity(), "id", id)));
      }
      return records.create(ctx.tx, ctx.meta, e, input, null, ctx.actor, ctx.events).map(r -> {
        if (c.output() != null) {
          ctx.set(c.output(), r.id().toString());
        }
        return new Outcome.Next(null, Map.of("entity", c.entity(), "id", r.id().toString()));
      });
    });
  }

  private Uni<Outcome> createTask(FlowContext ctx, FlowNode.CreateTask t, FlowToken tok) {
    return people.recipient(ctx, t.assignee()).chain(assignee -> due(ctx, t).chain(due -> text(ctx, t.title())
        .chain(title -> text(ctx, t.description()).chain(description -> {
          Map<String, Object> input = new LinkedHashMap<>();
          input.put("title", title);
          input.put("assignee", assignee.id().toString());
          input.put("due", due == null ? null : due.toString());
          input.put("status", "open");
          if (t.priority() != null) {
            input.put("priority", t.priority());
          }
          if (description != null && !description.isBlank()) {
            input.put("description", description);
          }
          input.put("relatedEntity", ctx.instance.entity());
          input.put("relatedId", ctx.instance.recordId() == null ? null : ctx.instance.recordId().toString());
          input.put("flowInstance", ctx.instance.id().toString());
          ctx.input(input);
          String username = String.valueOf(assignee.get("username"));
          OffsetDateTime until = t.timeout() == null ? FlowEngine.FOREVER
              : later(ctx, FlowDefinition.duration(t.timeout()).orElseThrow(), t.calendar());
          if (ctx.test) {
            Map<String, Object> out = Map.of("title", title, "assignee", username);
            ctx.effects.add(effect("createTask", out));
            return Uni.createFrom().item(t.waits() ? new Outcome.Wait(until, waiting("task", until, Map.of()), out)
                : new Outcome.Next(null, out));
          }
          EntityDefinition tasks = ctx.meta.entity(TASK);
          return records.create(ctx.tx, ctx.meta, tasks, input, username, ctx.actor, ctx.events).map(task -> {
            Map<String, Object> out = Map.of("task", task.id().toString(), "assignee", username, "title", title);
            return t.waits()
                ? new Outcome.Wait(until, waiting("task", until, Map.of("task", task.id().toString())), out)
                : new Outcome.Next(null, out);
          });
        }))));
  }

  /** A task's due date: in {@code dueInDays} days, or the value of {@code due}; null when neither is given. */
  private Uni<OffsetDateTime> due(FlowContext ctx, FlowNode.CreateTask t) {
    if (t.due() != null && !t.due().isBlank()) {
      return expressions.value(ctx, t.due()).map(v -> dateTime(v, t.due()));
    }
    return Uni.createFrom().item(t.dueInDays() == null ? null : ctx.now.plusDays(t.dueInDays()));
  }

  private OffsetDateTime dateTime(Object v, String source) {
    if (v instanceof OffsetDateTime d) {
      return d;
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay(zone).toOffsetDateTime();
    }
    if (v instanceof String s) {
      try {
        return OffsetDateTime.parse(s);
      } catch (RuntimeException e) {
        try {
          return LocalDate.parse(s).atStartOfDay(zone).toOffsetDateTime();
        } catch (RuntimeException e2) {
          // fall through
        }
      }
    }
    throw new FlowFailure("BAD_DATE", Map.of("expression", source));
  }

  private Uni<Outcome> notify(FlowContext ctx, FlowNode.Notify n, FlowToken tok) {
    LocalizedText subject;
    LocalizedText body;
    if (n.template() != null) {
      MessageTemplateDefinition template = ctx.meta.named(MessageTemplateDefinition.class, n.template())
          .orElseThrow(() -> new FlowFailure("NO_TEMPLATE", Map.of("name", n.template())));
      subject = template.subject();
      body = template.body();
    } else {
      subject = n.message() == null ? null : n.message().subject();
      body = n.message() == null ? null : n.message().body();
    }
    Channel channel = channel(n.channel());
    return address(ctx, n, channel).chain(to -> placeholderValues(ctx, subject, body).chain(values -> {
      String subjectZh = render(subject, LocalizedText.ZH, values);
      String subjectEn = render(subject, LocalizedText.EN, values);
      String bodyZh = render(body, LocalizedText.ZH, values);
      String bodyEn = render(body, LocalizedText.EN, values);
      Map<String, Object> out = Map.of("channel", n.channel(), "to", to, "body", bodyZh);
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("channel", channel.name());
      in.put("to", to);
      if (n.template() != null) {
        in.put("template", n.template());
      }
      in.put("subject", subjectZh);
      in.put("body", bodyZh);
      in.put("bodyEn", bodyEn);
      ctx.input(in);
      if (ctx.test) {
        ctx.effects.add(effect("notify", out));
        return Uni.createFrom().item(new Outcome.Next(null, out));
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("kind", "flow");
      data.put("subjectEn", subjectEn.isBlank() && channel == Channel.IN_APP ? ctx.flow.label().get(LocalizedText.EN) : subjectEn);
      data.put("bodyEn", bodyEn);
      if (ctx.instance.entity() != null) {
        data.put("entity", ctx.instance.entity());
      }
      if (ctx.instance.recordId() != null) {
        data.put("recordId", ctx.instance.recordId().toString());
      }
      String zhSubject = subjectZh.isBlank() && channel == Channel.IN_APP ? ctx.flow.label().get(LocalizedText.ZH) : subjectZh;
      // the key of this visit: a retried or replayed step enqueues nothing twice
      return outbox.enqueue(ctx.tx, new OutboundMessage(tok.effectKey(), channel, to, zhSubject, bodyZh, data))
          .replaceWith(new Outcome.Next(null, out));
    }));
  }

  private static Channel channel(String json) {
    return switch (json == null ? "inApp" : json) {
      case "email" -> Channel.EMAIL;
      case "sms" -> Channel.SMS;
      case "wecom" -> Channel.WECOM;
      case "dingtalk" -> Channel.DINGTALK;
      default -> Channel.IN_APP;
    };
  }

  /**
   * Where a message goes: a field of the record ({@code to.type: field}: an email or phone field, or a
   * reference to a user), else the recipient user's username (in-app, WeCom, DingTalk), email or phone.
   */
  private Uni<String> address(FlowContext ctx, FlowNode.Notify n, Channel channel) {
    FlowNode.Recipient to = n.to();
    if (to != null && to.type() == FlowNode.RecipientType.FIELD) {
      boolean toUser = ctx.entity != null && ctx.entity.field(to.field())
          .map(f -> f.type() == FieldType.REFERENCE && "user".equals(f.target())).orElse(false);
      if (!toUser) {
        Object v = ctx.record == null ? null : ctx.record.get(to.field());
        if (v == null || v.toString().isBlank()) {
          throw new FlowFailure("NO_ADDRESS", Map.of("field", to.field()));
        }
        return Uni.createFrom().item(v.toString());
      }
    }
    return people.recipient(ctx, to).map(user -> {
      Object v = switch (channel) {
        case EMAIL -> user.get("email");
        case SMS -> user.get("phone");
        default -> user.get("username");
      };
      if (v == null || v.toString().isBlank()) {
        throw new FlowFailure("NO_ADDRESS", Map.of("field", channel == Channel.EMAIL ? "email" : "phone"));
      }
      return v.toString();
    });
  }

  /**
   * Calls a URL, signed, with the visit's idempotency key (the receiver's answer is recorded: a retried
   * step gets it again without a second call); the answer is kept in {@code output}. The nodes after it
   * run in a transaction of their own.
   */
  private Uni<Outcome> callWebhook(FlowContext ctx, FlowNode.CallWebhook w, FlowToken tok) {
    Map<String, Object> body = new LinkedHashMap<>();
    return Sequence.each(w.body().entrySet(), e -> expressions.value(ctx, e.getValue())
        .invoke(v -> body.put(e.getKey(), plainJson(v)))).chain(x -> {
          // what was sent, never the headers (they may carry tokens) nor the secret or the signature
          Map<String, Object> in = new LinkedHashMap<>();
          in.put("url", w.url());
          in.put("method", w.method());
          in.put("body", body);
          ctx.input(in);
          if (ctx.test) {
            ctx.effects.add(effect("callWebhook", Map.of("url", w.url(), "body", body)));
            Map<String, Object> answer = Map.of("status", 200, "body", Map.of());
            if (w.output() != null) {
              ctx.set(w.output(), answer);
            }
            return Uni.createFrom().item((Outcome) new Outcome.Next(null, answer));
          }
          return webhooks.call(new WebhookRequest(tok.effectKey(), w.method(), w.url(), w.headers(), w.secret(), body))
              .map(r -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", r.status());
                answer.put("body", r.bodyJson());
                if (w.output() != null) {
                  ctx.set(w.output(), answer);
                }
                return (Outcome) new Outcome.Next(null, answer, true);
              });
        });
  }

  private String render(LocalizedText text, String locale, Function<String, Object> values) {
    return text == null ? "" : MessageText.render(text, locale, zone, values);
  }

  /** Renders a localized text in the flows' language (a task's title is one text). */
  Uni<String> text(FlowContext ctx, LocalizedText text) {
    if (text == null) {
      return Uni.createFrom().nullItem();
    }
    return placeholderValues(ctx, text, null).map(values -> render(text, language, values));
  }

  /** What the placeholders of {@code texts} need: record fields and reference paths, {@code vars.*}, {@code owner.*}. */
  private Uni<Function<String, Object>> placeholderValues(FlowContext ctx, LocalizedText... texts) {
    Set<String> paths = new TreeSet<>();
    for (LocalizedText t : texts) {
      if (t == null) {
        continue;
      }
      for (String locale : List.of(LocalizedText.ZH, LocalizedText.EN)) {
        MessageText.placeholders(t.get(locale)).stream().filter(MessageText.Placeholder::wellFormed)
            .forEach(p -> paths.add(p.path()));
      }
    }
    List<String> through = paths.stream().filter(p -> p.indexOf('.') > 0 && ctx.entity != null
        && ctx.entity.field(p.substring(0, p.indexOf('.'))).map(f -> f.type() == FieldType.REFERENCE).orElse(false))
        .toList();
    Uni<Function<String, Object>> fields = ctx.record == null || through.isEmpty()
        ? Uni.createFrom().item(p -> ctx.value(p))
        : conditions.values(ctx.tx, ctx.meta, ctx.entity, ctx.record, through);
    boolean owner = paths.stream().anyMatch(p -> p.startsWith("owner."));
    Uni<DataRecord> ownerRecord = owner && ctx.record != null && ctx.record.ownerId() != null
        ? people.user(ctx, ctx.record.ownerId()) : Uni.createFrom().nullItem();
    return fields.chain(f -> ownerRecord.map(o -> path -> {
      if (path.startsWith("owner.")) {
        return o == null ? null : o.get(path.substring(6));
      }
      return path.startsWith("vars.") || path.indexOf('.') < 0 ? ctx.value(path) : f.apply(path);
    }));
  }

  private Uni<Outcome> startWait(FlowContext ctx, FlowNode.Wait w) {
    if (w.duration() != null) {
      OffsetDateTime until = later(ctx, FlowDefinition.duration(w.duration()).orElseThrow(), w.calendar());
      ctx.input(waitInput("duration", w.duration(), until, w.calendar()));
      return Uni.createFrom().item(new Outcome.Wait(until, waiting("duration", until, Map.of()), null));
    }
    if (w.until() != null) {
      return expressions.value(ctx, w.until()).map(v -> {
        OffsetDateTime until = dateTime(v, w.until());
        ctx.input(waitInput("until", w.until(), until, w.calendar()));
        return until.isAfter(ctx.now) ? new Outcome.Wait(until, waiting("until", until, Map.of()), null)
            : new Outcome.Next(null, null);
      });
    }
    OffsetDateTime until = later(ctx, FlowDefinition.duration(w.timeout()).orElse(Duration.ofDays(1)), w.calendar());
    return expressions.test(ctx, w.condition()).invoke(met -> {
      Map<String, Object> in = waitInput("condition", w.condition(), until, w.calendar());
      in.put("met", met);
      ctx.input(in);
    }).map(met -> met ? new Outcome.Next(null, Map.of("met", true))
        : new Outcome.Wait(until, waiting("condition", until, Map.of("condition", w.condition())), null));
  }

  /** A wait's input: its kind, what it was given, the due time computed (for a condition: its timeout). */
  private static Map<String, Object> waitInput(String type, String given, OffsetDateTime until, String calendar) {
    Map<String, Object> in = single("type", type);
    in.put(type, given);
    in.put("due", until.toString());
    if (calendar != null) {
      in.put("calendar", calendar);
    }
    return in;
  }

  /** {@code d} after now: in working time of the named calendar (working days, hours, holidays, 调休), else plainly. */
  static OffsetDateTime later(FlowContext ctx, Duration d, String calendar) {
    if (calendar == null) {
      return ctx.now.plus(d);
    }
    dev.tessera.metamodel.model.CalendarDefinition c = ctx.meta.named(dev.tessera.metamodel.model.CalendarDefinition.class,
        calendar).orElseThrow(() -> new FlowFailure("NO_CALENDAR", Map.of("name", calendar)));
    dev.tessera.metamodel.time.WorkingTime wt = new dev.tessera.metamodel.time.WorkingTime(c);
    return wt.plus(ctx.now.toInstant(), d).atZone(wt.zone()).toOffsetDateTime();
  }

  private static Map<String, Object> effect(String type, Map<String, Object> what) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", type);
    e.putAll(what);
    return e;
  }

  private static Map<String, Object> single(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  /** An expression's value as JSON keeps it: numbers, text, booleans, lists, maps; dates as ISO text. */
  static Object plainJson(Object v) {
    if (v instanceof TemporalAccessor t) {
      return t.toString();
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(FlowNodes::plainJson).toList();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plainJson(x)));
      return out;
    }
    return v instanceof BigDecimal d ? d.stripTrailingZeros() : v;
  }

}
