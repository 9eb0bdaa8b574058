package dev.tessera.identity;

/**
 * What signing in or refreshing gives: a short-lived access token (send it as
 * {@code Authorization: Bearer ...}), a refresh token that works once and yields the next pair, and
 * the access token's lifetime in seconds.
 */
public record Session(String accessToken, String refreshToken, long expiresIn) {}
