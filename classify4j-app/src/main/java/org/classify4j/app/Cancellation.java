package org.classify4j.app;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop a run early (Ctrl-C in the CLI, a cancelled request in a server): services
 * check it between batches, finish what is in flight, flush what they wrote and throw {@link
 * Cancelled}. The resources of the run (native sessions) are closed after that, by whoever opened
 * them, never under a call still running.
 */
public final class Cancellation {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean watched = new AtomicBoolean();

  /** A cancellation nobody requests. */
  public static Cancellation none() {
    return new Cancellation();
  }

  /** Asks the run to stop after the batch in flight. */
  public void request() {
    requested.set(true);
  }

  public boolean requested() {
    return requested.get();
  }

  /**
   * Says that a service now checks this cancellation (between its batches): only then is it
   * worth waiting for the run to stop by itself.
   */
  public void watch() {
    watched.set(true);
  }

  /** Whether a service has checked this cancellation since it was made. */
  public boolean watched() {
    return watched.get();
  }

  /** Throws {@link Cancelled} when a stop was requested. */
  public void check(String what) {
    if (requested()) {
      throw new Cancelled(what);
    }
  }

  /** A run stopped on request; what it wrote before is complete and usable. */
  public static final class Cancelled extends AppException {
    private static final long serialVersionUID = 1L;

    public Cancelled(String message) {
      super(message);
    }
  }
}
