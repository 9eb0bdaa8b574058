package dev.tessera.metamodel.validation;

/**
 * Stable codes of metadata problems. Clients (the designer, integrators' CI) switch on these, so a
 * code is never renamed; new checks add new codes.
 */
public enum ProblemCode {
  /** The document is not a JSON object, or a property has the wrong JSON type. */
  INVALID_TYPE,
  /** A required property is missing. */
  REQUIRED,
  /** A property this kind of definition does not know (often a typo). */
  UNKNOWN_PROPERTY,
  /** A value outside the allowed set (field type, onDelete, ...). */
  INVALID_VALUE,
  /** A name that is not a valid API name. */
  INVALID_NAME,
  /** A name the platform uses itself. */
  RESERVED_NAME,
  /** Two definitions, fields, rules or options with the same name, value or id. */
  DUPLICATE,
  /** A label or message without both zh-CN and en text. */
  MISSING_TRANSLATION,
  /** A {@code kind} the platform does not (yet) support. */
  UNKNOWN_KIND,
  /** A reference to an entity that is not in the definitions. */
  UNKNOWN_TARGET,
  /** An expression that mentions a field the entity does not have, or does not parse. */
  INVALID_EXPRESSION,
  /** Formulas that depend on each other in a circle. */
  FORMULA_CYCLE,
  /** A picklist or stage without options, a transition to an unknown value, a default outside the options. */
  INVALID_OPTIONS,
  /** An option (min, max, pattern, unique, default, format, ...) that does not fit the field's type or value. */
  INVALID_OPTION,
  /** Generated GraphQL names of two entities collide. */
  NAME_COLLISION,
  /** Entity id changed kind or the definitions cannot be combined. */
  CONFLICT
}
