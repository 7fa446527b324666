package org.classify4j.server;

import java.util.Optional;
import org.classify4j.Classify4jException;

/**
 * A request that ends with an HTTP error: the status, a detail for the caller (never the request's
 * text or a token) and, for 503, how many seconds to wait before retrying.
 */
public final class ApiException extends Classify4jException {
  private final int status;
  private final Optional<Integer> retryAfterSeconds;

  public ApiException(int status, String detail) {
    this(status, detail, Optional.empty(), null);
  }

  public ApiException(int status, String detail, Optional<Integer> retryAfterSeconds,
      Throwable cause) {
    super(detail, cause);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  public static ApiException tooLarge(String detail) {
    return new ApiException(413, detail);
  }

  public static ApiException unavailable(String detail, int retryAfterSeconds) {
    return new ApiException(503, detail, Optional.of(retryAfterSeconds), null);
  }

  public int status() {
    return status;
  }

  public Optional<Integer> retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public boolean retriable() {
    return status == 503;
  }
}
