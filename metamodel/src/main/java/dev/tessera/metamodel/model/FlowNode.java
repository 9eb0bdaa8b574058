package dev.tessera.metamodel.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a flow: one record per node type of ADR 0046. Every node has a unique {@link #id()}, an
 * optional {@link #label()}, a {@link #retry()} policy and an optional {@link #onError()} (the node that
 * catches its failure, like an {@code error} edge). {@link #branchNames()} names the branches its edges may
 * take besides the default; {@link Unknown} holds a type that is not supported and only appears in
 * definitions that were refused.
 */
public sealed interface FlowNode {
  /** The branch of a failed node, built in on every node. */
  String ERROR = "error";
  /** The branch of a condition node when no branch holds. */
  String ELSE = "else";
  /** The branch of a wait with a condition, or a waited task, when its timeout passes first. */
  String TIMEOUT = "timeout";

  /** The parts every node has: id, label, retry, onError. */
  Common common();

  /** The type as the JSON writes it ({@code createTask} ...). */
  String type();

  default String id() {
    return common().id();
  }

  default LocalizedText label() {
    return common().label();
  }

  default Retry retry() {
    return common().retry();
  }

  /** The id of the node that catches this node's failure; null when none does. */
  default String onError() {
    return common().onError();
  }

  /** The named branches edges from this node may take (besides the default edge); {@code error} is always one. */
  default List<String> branchNames() {
    return List.of(ERROR);
  }

  /** True when a default (unnamed) edge may leave this node. */
  default boolean hasDefaultEdge() {
    return true;
  }

  /** The common parts every node has. */
  record Common(String id, LocalizedText label, Retry retry, String onError) {
    public Common {
      retry = retry == null ? Retry.DEFAULT : retry;
    }
  }

  /** How a failing step is retried: at most {@code maxAttempts} attempts, {@code backoff} (ISO) doubling between them. */
  record Retry(int maxAttempts, String backoff) {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final String DEFAULT_BACKOFF = "PT10S";
    public static final Retry DEFAULT = new Retry(DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF);
  }

  /** Who a task or message goes to; {@code username} for {@link RecipientType#USER}, {@code field} for {@link RecipientType#FIELD}. */
  record Recipient(RecipientType type, String username, String field) {}

  enum RecipientType {
    RECORD_OWNER("recordOwner"), OWNER_MANAGER("ownerManager"), USER("user"), FIELD("field");

    private final String jsonName;

    RecipientType(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<RecipientType> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }

  /** A named branch of a condition node. */
  record Branch(String name, String condition) {}

  /** A weighted branch of a split. */
  record WeightedBranch(String name, int weight) {}

  /** If / else-if / else: {@code branches} tried in order, then {@code else}; no default edge. */
  record Condition(Common common, List<Branch> branches) implements FlowNode {
    @Override
    public String type() {
      return "condition";
    }

    public Condition {
      branches = List.copyOf(branches);
    }

    @Override
    public List<String> branchNames() {
      return named(branches.stream().map(Branch::name).toList(), ELSE, ERROR);
    }

    @Override
    public boolean hasDefaultEdge() {
      return false;
    }
  }

  /** A/B split: one branch chosen by weight and recorded; no default edge. */
  record Split(Common common, List<WeightedBranch> branches) implements FlowNode {
    @Override
    public String type() {
      return "split";
    }

    public Split {
      branches = List.copyOf(branches);
    }

    @Override
    public List<String> branchNames() {
      return named(branches.stream().map(WeightedBranch::name).toList(), ERROR);
    }

    @Override
    public boolean hasDefaultEdge() {
      return false;
    }
  }

  /** Sets fields ({@code set}: field to expression) on the trigger record, or on the record whose id the variable {@code record} holds. */
  record UpdateRecord(Common common, Map<String, String> set, String record) implements FlowNode {
    @Override
    public String type() {
      return "updateRecord";
    }

    public UpdateRecord {
      set = ordered(set);
    }
  }

  /** Creates a record of {@code entity}; {@code output} (optional) is the variable receiving its id. */
  record CreateRecord(Common common, String entity, Map<String, String> set, String output) implements FlowNode {
    @Override
    public String type() {
      return "createRecord";
    }

    public CreateRecord {
      set = ordered(set);
    }
  }

  /** Assigns the record through the assignment engine: {@code rule}, or (null) the entity's rules in order. */
  record Assign(Common common, String rule) implements FlowNode {
    @Override
    public String type() {
      return "assign";
    }
}

  /**
   * Creates a task ({@code task} entity) for {@code assignee}, due in {@code dueInDays} days or at the
   * date-time expression {@code due}; with {@code waits} (JSON {@code wait}) the path waits until the task is done, and with a
   * {@code timeout} takes the branch {@code timeout} when it is still open then (in working time of
   * {@code calendar} if given).
   */
  record CreateTask(Common common, LocalizedText title, LocalizedText description, Recipient assignee,
      Integer dueInDays, String due, String priority, boolean waits, String timeout, String calendar)
      implements FlowNode {
    @Override
    public String type() {
      return "createTask";
    }

    @Override
    public List<String> branchNames() {
      return timeout == null ? List.of(ERROR) : List.of(TIMEOUT, ERROR);
    }
  }

  /** A message on {@code channel} to {@code to}: a {@code messageTemplate} by name, or an inline {@code message}. */
  record Notify(Common common, String channel, Recipient to, String template, Message message) implements FlowNode {
    @Override
    public String type() {
      return "notify";
    }
}

  /** An inline message: localized subject (email) and body with {@code {{field}}} placeholders. */
  record Message(LocalizedText subject, LocalizedText body) {}

  /**
   * Waits for exactly one of: {@code duration} (ISO), {@code until} (a date-time expression), or
   * {@code condition} (an expression re-checked on changes of the record) with its required
   * {@code timeout}; the default edge is "met", the branch {@code timeout} runs otherwise. With
   * {@code calendar}, durations count working time.
   */
  record Wait(Common common, String duration, String until, String condition, String timeout, String calendar)
      implements FlowNode {
    @Override
    public String type() {
      return "wait";
    }

    @Override
    public List<String> branchNames() {
      return condition == null ? List.of(ERROR) : List.of(TIMEOUT, ERROR);
    }
  }

  /** Calls a URL; {@code output} receives {@code {status, body}} for later expressions ({@code vars.<output>.body.x}). */
  record CallWebhook(Common common, String url, String method, Map<String, String> headers, Map<String, String> body,
      String secret, String output) implements FlowNode {
    @Override
    public String type() {
      return "callWebhook";
    }

    public static final String DEFAULT_METHOD = "POST";

    public CallWebhook {
      method = method == null ? DEFAULT_METHOD : method;
      headers = ordered(headers);
      body = ordered(body);
    }
  }

  /** Sets the variable {@code name} to the value of an expression. */
  record SetVariable(Common common, String name, String value) implements FlowNode {
    @Override
    public String type() {
      return "setVariable";
    }
}

  /** Runs the sub-flow {@code flow} for each record of {@code entity} whose reference {@code via} points at the record. */
  record ForEach(Common common, String entity, String via, String condition, String flow) implements FlowNode {
    @Override
    public String type() {
      return "forEach";
    }
}

  /** Runs the sub-flow {@code flow} on {@code record} (a variable holding an id; null: the trigger record); {@code waits} (JSON {@code wait}, default true) until it ends. */
  record CallFlow(Common common, String flow, String record, boolean waits) implements FlowNode {
    @Override
    public String type() {
      return "callFlow";
    }
}

  /** Ends this path; no edge leaves it. */
  record End(Common common) implements FlowNode {
    @Override
    public String type() {
      return "end";
    }

    @Override
    public List<String> branchNames() {
      return List.of();
    }

    @Override
    public boolean hasDefaultEdge() {
      return false;
    }
  }

  /** The branch of an approval node taken when it is rejected (the default edge is "approved"). */
  String REJECTED = "rejected";

  /**
   * An approval (ADR 0050): the path waits until {@code approvers} decide under {@code mode}; the default
   * edge is "approved", the branch {@code rejected} the rejection. {@code passRatio} is the share of approvals
   * a {@code vote} needs; {@code ifNoApprover} says what an empty approver list does; {@code skipRepeated}
   * (去重) approves for who approved at the approval node just before; {@code copyTo} are readers (抄送);
   * {@code timeLimit} acts when the approval is still pending then; {@code fields} per field {@code none},
   * {@code read} or {@code write} for the approvers.
   */
  record Approval(Common common, LocalizedText title, ApprovalMode mode, Double passRatio, List<Approver> approvers,
      NoApprover ifNoApprover, boolean skipRepeated, List<Approver> copyTo, TimeLimit timeLimit,
      Map<String, String> fields, boolean allowReturn, boolean allowWithdraw) implements FlowNode {
    @Override
    public String type() {
      return "approval";
    }

    public Approval {
      mode = mode == null ? ApprovalMode.ANY : mode;
      approvers = approvers == null ? List.of() : List.copyOf(approvers);
      copyTo = copyTo == null ? List.of() : List.copyOf(copyTo);
      ifNoApprover = ifNoApprover == null ? NoApprover.DEFAULT : ifNoApprover;
      fields = ordered(fields);
    }

    @Override
    public List<String> branchNames() {
      return List.of(REJECTED, ERROR);
    }
  }

  /** How the approvers of one approval decide. */
  enum ApprovalMode {
    /** 或签: the first decision decides. */
    ANY("any"),
    /** 会签: all approve; one rejection rejects. */
    ALL("all"),
    /** 依次: one after the other in order; one rejection rejects. */
    SEQUENTIAL("sequential"),
    /** 票签: approved when approvals reach the pass ratio; rejected when they no longer can. */
    VOTE("vote");

    private final String jsonName;

    ApprovalMode(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<ApprovalMode> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }

  /**
   * Who approves (or reads, in {@code copyTo}): {@code user} ({@code username}), {@code team} (its members),
   * {@code manager} ({@code levels} managers up from the record owner, default 1), {@code role} (active users
   * holding it), {@code recordOwner}, {@code field} (a user reference of the record), {@code expression}
   * (a username or a list of them).
   */
  record Approver(ApproverType type, String username, String team, Integer levels, String role, String field,
      String expression) {}

  enum ApproverType {
    USER("user"), TEAM("team"), MANAGER("manager"), ROLE("role"), RECORD_OWNER("recordOwner"), FIELD("field"),
    EXPRESSION("expression");

    private final String jsonName;

    ApproverType(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<ApproverType> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }

  /** What an empty approver list does: {@code approve} at once, send to the {@code admin}, or to the {@code user} named. */
  record NoApprover(String action, String username) {
    public static final String APPROVE = "approve";
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final NoApprover DEFAULT = new NoApprover(ADMIN, null);
  }

  /**
   * What happens when an approval is still pending {@code after} (ISO duration, working time of
   * {@code calendar} when given): {@code remind} (then every {@code remindEvery}), {@code approve},
   * {@code reject}, or {@code escalate} (the pending approvers handed over to {@code escalateTo}).
   */
  record TimeLimit(String after, String calendar, String action, String remindEvery, Approver escalateTo) {
    public static final String REMIND = "remind";
    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final String ESCALATE = "escalate";
    /** The shortest {@code remindEvery}, as the runtime's limit on reminders (ADR 0050). */
    public static final java.time.Duration MIN_REMIND_EVERY = java.time.Duration.ofMinutes(10);
  }

  /** A type that is not supported; refused by the checks. */
  record Unknown(Common common, String type) implements FlowNode {}

  private static List<String> named(List<String> names, String... builtIn) {
    List<String> out = new ArrayList<>(names);
    out.addAll(Arrays.asList(builtIn));
    return List.copyOf(out);
  }

  private static Map<String, String> ordered(Map<String, String> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
