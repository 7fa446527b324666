package org.classify4j.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InFlightWindowTest {

  @Test
  void handsResultsOutInInputOrderWithTheWindowFullAcrossChunks() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    try {
      List<Integer> items = IntStream.range(0, 200).boxed().toList();
      InFlightWindow<Integer, Integer> w = new InFlightWindow<>(items.iterator(), 3, 8, chunk -> {
        List<CompletableFuture<Integer>> fs = new ArrayList<>();
        for (int i : chunk) {
          fs.add(CompletableFuture.supplyAsync(() -> {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
              Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return i * 2;
          }, pool));
        }
        return fs;
      });
      List<Integer> out = new ArrayList<>();
      while (w.hasNext()) {
        InFlightWindow.Done<Integer, Integer> d = w.next();
        assertThat(d.get()).isEqualTo(d.item() * 2);
        out.add(d.item());
      }
      assertThat(out).isEqualTo(items);
      // chunks of 3 never cap the calls at 3: the window (8) keeps the pool busy across them
      assertThat(max.get()).isGreaterThan(3).isLessThanOrEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingPullStopsThePullingHandsOutWhatWasStartedThenThrows() {
    Iterator<Integer> items = new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        if (i == 5) {
          throw new IllegalStateException("cancelled");
        }
        return true;
      }

      @Override
      public Integer next() {
        return i++;
      }
    };
    InFlightWindow<Integer, Integer> w = new InFlightWindow<>(items, 2, 4, chunk -> {
      List<CompletableFuture<Integer>> fs = new ArrayList<>();
      for (int i : chunk) {
        fs.add(i == 3 ? CompletableFuture.failedFuture(new IllegalArgumentException("no " + i))
            : CompletableFuture.completedFuture(i));
      }
      return fs;
    });
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> {
      while (w.hasNext()) {
        InFlightWindow.Done<Integer, Integer> d = w.next();
        seen.add(d.item() + (d.error().isPresent() ? "!" : ""));
      }
    }).isInstanceOf(IllegalStateException.class).hasMessage("cancelled");
    assertThat(seen).containsExactly("0", "1", "2", "3!", "4");
  }
}
