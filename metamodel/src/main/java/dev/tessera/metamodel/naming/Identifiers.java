package dev.tessera.metamodel.naming;

import dev.tessera.metamodel.model.EntityDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API-name rules: the single gate for names that reach GraphQL or SQL. A name starts with a lowercase
 * ASCII letter and continues with letters and digits ({@code annualSpend}); it is at most
 * {@link #MAX_LENGTH} characters so {@code rec_<name>} and derived index names fit PostgreSQL's limit.
 */
public final class Identifiers {
  public static final int MAX_LENGTH = 50;
  public static final Pattern NAME = Pattern.compile("^[a-z][a-zA-Z0-9]*$");

  /** Columns every record has; a field may not take these names ({@code owner} would shadow {@code ownerId}). */
  public static final Set<String> SYSTEM_FIELDS = Set.of("id", "version", "createdAt", "updatedAt", "createdBy",
      "updatedBy", "ownerId", "owner", "deletedAt");

  /** Keys of the generated filter inputs. */
  public static final Set<String> RESERVED_FIELDS = Set.of("and", "or", "not");

  /** Entity names of built-in entities that later capabilities ship, and GraphQL root type names. */
  public static final Set<String> RESERVED_ENTITIES = Set.of("query", "mutation", "subscription", "node", "user",
      "team", "teamMember", "role", "task");

  /** Types every schema has: GraphQL's own scalars and Tessera's shared types. */
  public static final Set<String> BUILTIN_TYPES = Set.of("Query", "Mutation", "Subscription", "String", "Int",
      "Float", "Boolean", "ID", "JSON", "Decimal", "Date", "DateTime", "SortDirection", "PageInfo", "Problem",
      "PublishResult", "MetadataVersion", "BooleanFilter", "ListFilter", "JSONFilter", "StringFilter", "IntFilter",
      "FloatFilter", "DecimalFilter", "DateFilter", "DateTimeFilter", "IDFilter", "PoolClaim", "ImportResult",
      "ImportRow", "MergeFieldChoice", "MergeResult", "Notification", "Node", "AssignmentTrace", "AssignmentTarget",
      "AssignmentCandidate", "AssignmentSkip", "PoolRecord", "DuplicateCandidate", "MergeHistoryEntry", "MergeChange",
      "RepointedReference", "AssignmentOutcome", "DuplicateReport", "RecordChange", "ChangeSubscriberState",
      "ChangeFeedStatus", "BackgroundJob", "RecordChangeFilter", "EntityApi", "MetadataDraft", "ExpressionFunction",
      "SavedView", "RelatedList", "AuthSession", "ApiKey", "NewApiKey", "RecordHistory", "RecordHistoryEntry",
      "AuditFieldChange", "SecurityEvent", "SecurityEventKind", "AuditLog", "AuditLogFilter", "UserActivity",
      "UserActivityEntry", "SlaState", "SlaStatus", "SlaFilter", "SlaStatusFilter");

  /** Root fields of the metadata API. */
  public static final Set<String> BUILTIN_ROOT_FIELDS = Set.of("definitions", "metadataVersion", "metadataVersions",
      "publishDefinitions", "restoreMetadataVersion", "assignmentTrace",
      "claimRecord", "releaseRecord", "runAssignment", "recyclePool", "poolRecords",
      "duplicateReports", "duplicateCandidates", "mergeRecords", "undoMerge", "mergeHistory", "notifications",
      "markNotificationsRead", "recordHistory", "changeFeed", "backgroundJobs", "backgroundJob", "entityApis",
      "metadataDrafts", "saveMetadataDraft", "discardMetadataDraft", "publishMetadataDrafts", "expressionFunctions",
      "metadataVersionDefinitions", "savedViews", "saveView", "deleteView", "signIn", "refreshSession", "signOut",
      "changePassword", "setUserPassword", "createApiKey", "revokeApiKey", "apiKeys", "userActivity", "auditLog");

  private static final List<String> TYPE_SUFFIXES = List.of("", "Connection", "Edge", "Filter", "OrderBy", "Input",
      "Patch", "GroupBy", "Aggregate", "Numbers", "Group");

  private Identifiers() {}

  public static boolean isValid(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  /** Returns the name if it is a valid API name, else throws; call before a name reaches SQL. */
  public static String requireValid(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException("not a valid API name: " + name);
    }
    return name;
  }

  /** GraphQL type name of an entity: {@code customer} gives {@code Customer}. */
  public static String typeName(String entityName) {
    return Character.toUpperCase(entityName.charAt(0)) + entityName.substring(1);
  }

  /** Name of an entity's list query: its declared {@code pluralName}, else the English plural. */
  public static String pluralName(EntityDefinition e) {
    return e.pluralName() != null && !e.pluralName().isBlank() ? e.pluralName() : plural(e.name());
  }

  /**
   * English plural of a camelCase name, inflecting only its last word: {@code company} gives
   * {@code companies}, {@code salesBox} gives {@code salesBoxes}, {@code lead} gives {@code leads}.
   */
  public static String plural(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return name + "es";
    }
    if (lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return name.substring(0, name.length() - 1) + "ies";
    }
    return name + "s";
  }

  /** Every GraphQL type name generated for an entity ({@code Customer}, {@code CustomerFilter}, ...). */
  public static List<String> generatedTypeNames(EntityDefinition e) {
    String type = typeName(e.name());
    return TYPE_SUFFIXES.stream().map(s -> type + s).toList();
  }

  /** Every root query and mutation field generated for an entity. */
  public static List<String> generatedRootFields(EntityDefinition e) {
    return ApiNames.of(e).rootFields();
  }

  /**
   * The connection a reference field adds to its target: {@code customer.company} gives
   * {@code company.customersByCompany}.
   */
  public static String reverseFieldName(EntityDefinition source, String referenceField) {
    return pluralName(source) + "By" + typeName(referenceField);
  }
}
