package org.classify4j.server;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a server until the process is asked to stop: on SIGTERM (or SIGINT, Ctrl-C) the server
 * closes gracefully and {@link #awaitThenClose} returns, so the caller can exit with status 0
 * instead of the JVM's 143.
 */
public final class Termination {
  private static final Logger LOG = LoggerFactory.getLogger(Termination.class);

  private Termination() {}

  /** Blocks until SIGTERM or SIGINT, then closes the server (gracefully) and returns the signal. */
  public static String awaitThenClose(ClassifyServer server) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    String[] which = {"?"};
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
          which[0] = "SIG" + s.getName();
          stop.countDown();
        });
      } catch (IllegalArgumentException e) {
        LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
      }
    }
    try {
      stop.await();
    } finally {
      LOG.info("classify4j serve: {} received, stopping gracefully", which[0]);
      server.close();
    }
    return which[0];
  }
}
