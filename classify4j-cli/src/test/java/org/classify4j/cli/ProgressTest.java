package org.classify4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  final AtomicLong clock = new AtomicLong();
  final StringWriter sw = new StringWriter();

  Progress progress(Progress.Mode mode, long total) {
    return new Progress(new PrintWriter(sw, true), mode, "predict", total, "docs", clock::get,
        5_000_000_000L);
  }

  @Test
  void linesModePrintsPeriodicLinesWithRateAndEta() {
    try (Progress p = progress(Progress.Mode.LINES, 100)) {
      clock.set(1_000_000_000L);
      p.advance(10); // before the interval: nothing
      assertThat(sw.toString()).isEmpty();
      clock.set(5_000_000_000L);
      p.advance(10); // 20 docs in 5 s = 4/s, 80 left = 20 s
      assertThat(sw.toString()).isEqualTo("predict: 20/100 docs (20%), 4.0 docs/s, ETA 20s\n");
      clock.set(25_000_000_000L);
      p.advance(80);
      p.finish();
    }
    assertThat(sw.toString()).endsWith("predict: done, 100 docs in 25s (4.0 docs/s)\n");
  }

  @Test
  void barModeRedrawsOneLine() {
    try (Progress p = progress(Progress.Mode.BAR, 4)) {
      clock.set(200_000_000L);
      p.advance(2);
      assertThat(sw.toString()).startsWith("\rpredict [").contains("2/4 docs (50%)")
          .contains("ETA").doesNotContain("\n");
      clock.set(400_000_000L);
      p.advance(2);
      p.finish();
    }
    assertThat(sw.toString()).endsWith("\n").contains("predict: done, 4 docs");
  }

  @Test
  void unknownTotalShowsCountAndRate() {
    try (Progress p = progress(Progress.Mode.LINES, -1)) {
      clock.set(10_000_000_000L);
      p.advance(50);
      assertThat(sw.toString()).isEqualTo("predict: 50 docs, 5.0 docs/s\n");
    }
  }

  @Test
  void noneModePrintsNothing() {
    try (Progress p = progress(Progress.Mode.NONE, 10)) {
      clock.set(100_000_000_000L);
      p.advance(10);
    }
    assertThat(sw.toString()).isEmpty();
  }

  @Test
  void modeFollowsQuietAndTerminal() {
    assertThat(Progress.mode(true, true)).isEqualTo(Progress.Mode.NONE);
    assertThat(Progress.mode(false, true)).isEqualTo(Progress.Mode.BAR);
    assertThat(Progress.mode(false, false)).isEqualTo(Progress.Mode.LINES);
    assertThat(Progress.duration(3725)).isEqualTo("1h02m");
    assertThat(Progress.duration(65)).isEqualTo("1m05s");
  }

  @Test
  void closeWithoutFinishLeavesNoSummary() {
    try (Progress p = progress(Progress.Mode.LINES, 10)) {
      p.advance(3);
    }
    assertThat(sw.toString()).isEmpty();
    try (Progress p = progress(Progress.Mode.BAR, 10)) {
      clock.set(200_000_000L);
      p.advance(3);
    }
    // the bar is wiped, no "done" line
    assertThat(sw.toString()).doesNotContain("done").endsWith("\r");
  }
}
