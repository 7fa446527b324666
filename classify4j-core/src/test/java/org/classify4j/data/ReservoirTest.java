package org.classify4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReservoirTest {

  private static Reservoir<Integer> fed(int capacity, long seed, int n) {
    Reservoir<Integer> r = new Reservoir<>(capacity, seed);
    IntStream.range(0, n).forEach(r::add);
    return r;
  }

  @Test
  void keepsEverythingInOrderWhileUnderCapacity() {
    Reservoir<Integer> r = fed(10, 1, 7);
    assertThat(r.seen()).isEqualTo(7);
    assertThat(r.sample()).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void keepsCapacityDistinctItemsInStreamOrderTheSameForTheSameSeed() {
    List<Integer> a = fed(100, 13, 10_000).sample();
    assertThat(a).hasSize(100).doesNotHaveDuplicates().isSorted();
    assertThat(fed(100, 13, 10_000).sample()).isEqualTo(a);
    assertThat(fed(100, 14, 10_000).sample()).isNotEqualTo(a);
  }

  @Test
  void everyPartOfTheStreamIsSampledAlike() {
    // 200 draws of 100 from 10,000: each tenth of the stream should hold about 10 % of the sample
    int[] perTenth = new int[10];
    for (long seed = 0; seed < 200; seed++) {
      for (int x : fed(100, seed, 10_000).sample()) {
        perTenth[x / 1000]++;
      }
    }
    for (int t : perTenth) {
      assertThat(t).isBetween(1800, 2200); // expected 2,000 each; sd about 42
    }
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new Reservoir<String>(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
