package org.classify4j.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer TOKEN} in constant time: both sides are hashed (SHA-256) and
 * the digests compared with {@link MessageDigest#isEqual}, so neither the token's content nor its
 * length shows in the time a wrong guess takes. The token itself is kept only as its digest.
 */
final class BearerToken {
  private final byte[] digest;

  BearerToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("blank token");
    }
    this.digest = sha256(token);
  }

  /** Whether an Authorization header value carries the token. */
  boolean accepts(Optional<String> authorization) {
    String h = authorization.orElse("");
    String presented = h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : "";
    // always hash and compare, so a missing or malformed header takes the same time
    return MessageDigest.isEqual(digest, sha256(presented)) && !presented.isEmpty();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[(hidden)]";
  }
}
