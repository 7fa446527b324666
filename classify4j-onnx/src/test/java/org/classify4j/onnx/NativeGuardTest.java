package org.classify4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;
import org.junit.jupiter.api.Test;

class NativeGuardTest {

  @Test
  void closeWaitsForARunningCallAndReleasesOnce() throws Exception {
    NativeGuard guard = new NativeGuard("test session");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicBoolean released = new AtomicBoolean();
    AtomicBoolean releasedDuringCall = new AtomicBoolean();
    Thread call = new Thread(() -> guard.run(() -> {
      inside.countDown();
      try {
        finish.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      releasedDuringCall.set(released.get());
      return 1;
    }));
    call.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicInteger releases = new AtomicInteger();
    Thread closer = new Thread(() -> guard.close(() -> {
      released.set(true);
      releases.incrementAndGet();
    }));
    closer.start();
    closer.join(200);
    assertThat(released).as("released while a call was running").isFalse();
    finish.countDown();
    call.join(10_000);
    closer.join(10_000);
    assertThat(releasedDuringCall).isFalse();
    assertThat(released).isTrue();
    guard.close(releases::incrementAndGet);
    assertThat(releases).hasValue(1);
    assertThat(guard.isClosed()).isTrue();
  }

  @Test
  void callsAfterCloseFailNamingTheSessionAndOrtErrorsAreWrapped() {
    NativeGuard guard = new NativeGuard("embedder e5");
    assertThatThrownBy(() -> guard.run(() -> {
      throw new OrtException("boom");
    })).isInstanceOf(Classify4jException.class).hasMessageContaining("embedder e5")
        .hasMessageContaining("boom");
    guard.close(() -> { });
    assertThatThrownBy(() -> guard.run(() -> 1)).isInstanceOf(Classify4jException.class)
        .hasMessage("embedder e5 is closed");
  }
}
