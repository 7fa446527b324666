package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

  @Test
  void concurrentItemsAreScoredTogetherAndEachGetsItsOwnResult() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstBatchStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (MicroBatcher<Integer, String> b = new MicroBatcher<>("t", 8, Duration.ZERO, 1,
        items -> {
          firstBatchStarted.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return items.stream().map(i -> "r" + i).toList();
        }, (size, nanos) -> sizes.add(size))) {
      CompletableFuture<String> first = b.submit(0);
      assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
      // while the first batch is being scored, 20 more arrive from other threads
      List<CompletableFuture<String>> rest = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        int item = i;
        CompletableFuture<String> f = new CompletableFuture<>();
        rest.add(f);
        Thread t = new Thread(() -> b.submit(item).whenComplete((v, e) -> f.complete(v)));
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(b.queued()).isEqualTo(20);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("r0");
      for (int i = 0; i < 20; i++) {
        assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("r" + (i + 1));
      }
      // 1, then the 20 waiting ones in batches of at most 8: 8, 8, 4
      assertThat(sizes).containsExactly(1, 8, 8, 4);
    }
  }

  @Test
  void twoWorkersScoreTwoBatchesAtOnceAndEachTakesAllThatWaits() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (MicroBatcher<Integer, String> b = new MicroBatcher<>("t", 8, Duration.ZERO, 2,
        items -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return items.stream().map(i -> "r" + i).toList();
        }, (size, nanos) -> sizes.add(size))) {
      CompletableFuture<String> first = b.submit(0);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (entered.getCount() > 1 && System.nanoTime() < until) {
        Thread.sleep(1);
      }
      // the first worker is busy with item 0: the second one takes item 1 on its own
      CompletableFuture<String> second = b.submit(1);
      assertThat(entered.await(10, TimeUnit.SECONDS))
          .as("both workers inside the batch function at once").isTrue();
      List<CompletableFuture<String>> rest = new ArrayList<>();
      for (int i = 2; i < 22; i++) {
        rest.add(b.submit(i));
      }
      assertThat(b.queued()).isEqualTo(20);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("r0");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("r1");
      for (int i = 0; i < 20; i++) {
        assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("r" + (i + 2));
      }
      // each free worker takes all that waits, at most 8: the 20 waiting form two full batches of
      // 8 and the last 4 — in one batch, or in two when both workers come free at the same
      // moment and split them (seen under load: [1, 1, 8, 8, 1, 3]); never one at a time
      assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(22);
      assertThat(sizes).allMatch(n -> n <= 8);
      assertThat(sizes.stream().filter(n -> n == 8).count()).isEqualTo(2);
      assertThat(sizes).hasSizeBetween(5, 6);
    }
  }

  @Test
  void aLoneItemWaitsAtMostTheWindowForCompany() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("t", 32, Duration.ofMillis(200), 1,
        items -> items, (size, nanos) -> sizes.add(size))) {
      CompletableFuture<Integer> one = b.submit(1);
      CompletableFuture<Integer> two = b.submit(2);
      assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(sizes).containsExactly(2);
    }
  }

  @Test
  void aFailingBatchFailsEachOfItsItemsAndTheNextBatchWorks() throws Exception {
    try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("t", 4, Duration.ofMillis(50), 1,
        items -> {
          if (items.contains(13)) {
            throw new IllegalStateException("unlucky");
          }
          return items;
        }, MicroBatcher.Listener.NONE)) {
      List<CompletableFuture<Integer>> fs = b.submitAll(List.of(12, 13));
      for (CompletableFuture<Integer> f : fs) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasRootCauseMessage("unlucky");
      }
      assertThat(b.submit(14).get(10, TimeUnit.SECONDS)).isEqualTo(14);
    }
  }

  @Test
  void aWrongNumberOfResultsIsAnError() {
    try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("t", 4, Duration.ZERO, 1,
        items -> List.of(), MicroBatcher.Listener.NONE)) {
      assertThatThrownBy(() -> b.submit(1).get(10, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void afterCloseSubmitsFail() {
    MicroBatcher<Integer, Integer> b = new MicroBatcher<>("t", 4, Duration.ZERO, 2,
        items -> items, MicroBatcher.Listener.NONE);
    b.close();
    assertThat(b.submit(1)).isCompletedExceptionally();
    assertThatThrownBy(() -> new MicroBatcher<Integer, Integer>("t", 0, Duration.ZERO, 1,
        items -> items, MicroBatcher.Listener.NONE)).isInstanceOf(IllegalArgumentException.class);
  }
}
