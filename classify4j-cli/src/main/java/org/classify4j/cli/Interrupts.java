package org.classify4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.classify4j.app.Cancellation;

/**
 * Ctrl-C (SIGINT) and SIGTERM for the command line process.
 *
 * <p>Left to the JVM, a signal starts the shutdown hooks at once, all together, while the command
 * still runs — and ONNX Runtime releases its native environment in a hook of its own: a session
 * being created or run at that moment crashes the JVM (SIGSEGV). So the process handles the
 * signals itself, and no shutdown hook runs while a native call may:
 *
 * <ul>
 *   <li>a run that checks the cancellation between batches ({@code predict}) is asked to stop: it
 *       finishes the batch in flight, writes it, closes its native sessions after their last call
 *       and exits 130 through {@code System.exit}; if it has not stopped after {@link
 *       Main#SHUTDOWN_GRACE_SECONDS}, the process halts;
 *   <li>any other command (or a run not yet at its batches: still loading its model) halts at
 *       once with status 130 (143 for SIGTERM), without running the shutdown hooks: nothing native is released
 *       under a running call, and what was written is what a kill would leave (every output line
 *       is flushed whole);
 *   <li>a second Ctrl-C halts at once.
 * </ul>
 *
 * A signal the process was started to ignore (a background job of a non-interactive shell,
 * {@code nohup}) stays ignored. {@code serve} installs its own handlers when it starts listening.
 */
final class Interrupts {
  private Interrupts() {}


  static void install(Cancellation cancellation, CountDownLatch finished, PrintWriter err) {
    AtomicBoolean signalled = new AtomicBoolean();
    for (String name : List.of("INT", "TERM")) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name),
            s -> onSignal(128 + s.getNumber(), signalled, cancellation, finished, err));
      } catch (IllegalArgumentException e) {
        // ignored at start (nohup, a background job): it stays ignored
      }
    }
  }

  /** Runs in a thread of its own (one per signal), so it may wait. */
  private static void onSignal(int status, AtomicBoolean signalled, Cancellation cancellation,
      CountDownLatch finished, PrintWriter err) {
    if (!signalled.compareAndSet(false, true)) {
      halt(status, err, "classify4j: interrupted again: stopping now");
    }
    cancellation.request();
    if (cancellation.watched()) {
      try {
        if (finished.await(Main.SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
          // the command has returned; the main thread exits with its status
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      halt(status, err, "classify4j: interrupted: the batch in flight did not finish in "
          + Main.SHUTDOWN_GRACE_SECONDS + " s; stopping now");
    }
    halt(status, err, "classify4j: interrupted");
  }

  /** Stops the JVM without its shutdown hooks, with 128 + the signal's number (130 for Ctrl-C). */
  private static void halt(int status, PrintWriter err, String message) {
    err.println(message);
    err.flush();
    Runtime.getRuntime().halt(status);
  }
}
