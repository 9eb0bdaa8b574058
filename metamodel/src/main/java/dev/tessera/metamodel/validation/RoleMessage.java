package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.MessageCode;

/** The codes of {@code messages/role.properties}, the words of the checks of roles; the file documents the placeholders. */
public enum RoleMessage implements MessageCode {
  ADMIN_IS_BUILT_IN, UNKNOWN_ENTITY, UNKNOWN_FIELD, UNKNOWN_CAPABILITY, SCOPE_EXPRESSION, FIELD_WRITE_WITHOUT_WRITE;

  @Override
  public String catalog() {
    return "role";
  }
}
