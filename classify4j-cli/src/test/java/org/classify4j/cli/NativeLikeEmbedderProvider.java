package org.classify4j.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.embed.EmbedderProvider;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.testkit.HashingEmbedder;

/**
 * {@code native-like:DIM}: the hashing embedder behaving like ONNX Runtime's, whose environment is
 * released by a JVM shutdown hook of its own: the hook marks the environment released (and takes
 * a moment, as freeing native memory does); a call that is running then, or starts after, is what
 * would be a SIGSEGV — here a line on stderr and exit 134. Each call takes 20 ms, so a child
 * process is inside one nearly all the time.
 */
public final class NativeLikeEmbedderProvider implements EmbedderProvider {
  private static final AtomicBoolean RELEASED = new AtomicBoolean();
  private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  @Override
  public Optional<TextEmbedder> create(String id) {
    if (!id.startsWith("native-like:")) {
      return Optional.empty();
    }
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        RELEASED.set(true);
        if (IN_FLIGHT.get() > 0) {
          crash("environment released with " + IN_FLIGHT.get() + " calls running");
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "native-like-env-closer"));
    }
    HashingEmbedder h = new HashingEmbedder(Integer.parseInt(id.substring("native-like:".length())));
    return Optional.of(new TextEmbedder() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public int dimension() {
        return h.dimension();
      }

      @Override
      public float[][] embed(List<String> texts) {
        IN_FLIGHT.incrementAndGet();
        try {
          if (RELEASED.get()) {
            crash("called after the environment was released");
          }
          Thread.sleep(20);
          if (RELEASED.get()) {
            crash("environment released under a running call");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          IN_FLIGHT.decrementAndGet();
        }
        return h.embed(texts);
      }

      @Override
      public void close() {
        // the session: closed by its owner after its last call (checked by SlowEmbedderProvider)
      }
    });
  }

  private static void crash(String what) {
    System.err.println("native-like embedder: " + what);
    System.err.flush();
    Runtime.getRuntime().halt(134);
  }

  @Override
  public List<String> knownIds() {
    return List.of();
  }
}
