package dev.tessera.webhook;

/**
 * The answer to a synchronous webhook call: its HTTP status and its body read as JSON (maps, lists,
 * text, numbers, booleans; the text itself when the body is not JSON; null when empty).
 */
public record WebhookResponse(int status, Object bodyJson) {}
