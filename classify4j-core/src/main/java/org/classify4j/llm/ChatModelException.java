package org.classify4j.llm;

import java.time.Duration;
import java.util.Optional;
import org.classify4j.Classify4jException;

/**
 * A chat call that failed. The subclasses are the kinds callers act on differently; {@link
 * #retriable()} says whether the same call may succeed later. Backends map their errors onto these
 * in one table (for OpenAI: {@code org.classify4j.openai.OpenAiErrors}). Messages never contain
 * keys or document text.
 */
public class ChatModelException extends Classify4jException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ChatModelException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, 0 when there was none (timeouts, dropped connections). */
  public int status() {
    return status;
  }

  /** Short name of the kind, for reports: auth, invalid_request, rate_limited, ... */
  public String kind() {
    return "error";
  }

  /** The server refused the credentials (401/403). Not retriable. */
  public static final class Auth extends ChatModelException {
    private static final long serialVersionUID = 1L;

    public Auth(String message, int status) {
      super(message, status, null);
    }

    @Override
    public String kind() {
      return "auth";
    }
  }

  /** The request is wrong (400, 404, 413, 422): the same call fails again. Not retriable. */
  public static final class InvalidRequest extends ChatModelException {
    private static final long serialVersionUID = 1L;

    public InvalidRequest(String message, int status) {
      super(message, status, null);
    }

    @Override
    public String kind() {
      return "invalid_request";
    }
  }

  /** Too many requests (429); {@link #retryAfter()} when the server said how long to wait. */
  public static final class RateLimited extends ChatModelException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RateLimited(String message, Optional<Duration> retryAfter) {
      super(message, 429, null);
      this.retryAfter = retryAfter.orElse(null);
    }

    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retriable() {
      return true;
    }

    @Override
    public String kind() {
      return "rate_limited";
    }
  }

  /** The server failed or is overloaded (5xx, dropped connections); may say when to come back. */
  public static final class Unavailable extends ChatModelException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public Unavailable(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
      super(message, status, cause);
      this.retryAfter = retryAfter.orElse(null);
    }

    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retriable() {
      return true;
    }

    @Override
    public String kind() {
      return "unavailable";
    }
  }

  /** No answer in time. Retriable. */
  public static final class Timeout extends ChatModelException {
    private static final long serialVersionUID = 1L;

    public Timeout(String message, Throwable cause) {
      super(message, 0, cause);
    }

    @Override
    public boolean retriable() {
      return true;
    }

    @Override
    public String kind() {
      return "timeout";
    }
  }

  /** The server answered 2xx with something that is not a chat completion. Retriable. */
  public static final class MalformedResponse extends ChatModelException {
    private static final long serialVersionUID = 1L;

    public MalformedResponse(String message, Throwable cause) {
      super(message, 0, cause);
    }

    @Override
    public boolean retriable() {
      return true;
    }

    @Override
    public String kind() {
      return "malformed_response";
    }
  }

  /** A run's budget would be exceeded; the call was not sent. Not retriable. */
  public static final class BudgetExceeded extends ChatModelException {
    private static final long serialVersionUID = 1L;

    public BudgetExceeded(String message) {
      super(message, 0, null);
    }

    @Override
    public String kind() {
      return "budget_exceeded";
    }
  }

  /** The answer is not one of the valid labels and the policy is to fail. Not retriable. */
  public static final class InvalidAnswer extends ChatModelException {
    private static final long serialVersionUID = 1L;

    public InvalidAnswer(String message) {
      super(message, 0, null);
    }

    @Override
    public String kind() {
      return "invalid_answer";
    }
  }
}
