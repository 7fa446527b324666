package org.classify4j.onnx;

import ai.onnxruntime.OrtException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.classify4j.Classify4jException;

/**
 * Keeps a native session from being closed under a running call: calls run under a shared lock,
 * {@link #close} takes it exclusively, so it waits for running calls and later calls fail cleanly
 * ("… is closed") instead of touching freed native memory. One per owner of an ONNX Runtime session
 * (embedder, cross-encoder, decoder).
 */
public final class NativeGuard {
  /** A call into the native session. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws OrtException;
  }

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final String name;
  private boolean closed;

  /** {@code name} says what is guarded in messages, e.g. {@code "embedder all-minilm-l6-v2"}. */
  public NativeGuard(String name) {
    this.name = name;
  }

  /** Runs {@code w} unless closed; an {@link OrtException} becomes a {@link Classify4jException}. */
  public <T> T run(Work<T> w) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new Classify4jException(name + " is closed");
      }
      return w.run();
    } catch (OrtException e) {
      throw new Classify4jException("ONNX Runtime failed in " + name + ": " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs {@code release} once, after every running call has returned; later calls (and a second
   * close) do nothing.
   */
  public void close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      release.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** True once {@link #close} was called. */
  public boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }
}
