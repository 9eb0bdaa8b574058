package dev.tessera.outbox;

/**
 * Where an outbound message goes: the inbox of a user ({@code IN_APP}, written at once in the caller's
 * transaction), or a channel the delivery worker sends through its {@link MessageSender}.
 */
public enum Channel {
  IN_APP, EMAIL, SMS, WECOM, DINGTALK, WEBHOOK
}
