package org.classify4j.llm.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.classify4j.llm.govern.PriceTable;
import org.classify4j.llm.govern.UsageReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelUsageTest {
  @TempDir Path dir;

  @Test
  void sumsRunsAndPricesPerThousandDocumentsFromTheMeanCall() {
    PriceTable.Price price = new PriceTable.Price(1.0, 2.0);
    UsageReport r1 = new UsageReport(10, 10, 0, 0, 1000, 100, 0.0012, 0, false, Map.of());
    UsageReport r2 = new UsageReport(5, 5, 0, 0, 500, 50, 0.0006, 5, false, Map.of());
    LabelUsage u = LabelUsage.of("m", 10, r1, Optional.of(price), 2.0)
        .plus(LabelUsage.of("m", 10, r2.withCacheHits(5), Optional.of(price), 1.0));
    assertThat(u.documents()).isEqualTo(20);
    assertThat(u.calls()).isEqualTo(15);
    assertThat(u.cacheHits()).isEqualTo(5);
    assertThat(u.runs()).isEqualTo(2);
    // 1500 prompt + 150 completion tokens over 15 calls: 110 tokens per call
    assertThat(u.tokensPer1000Documents()).hasValueSatisfying(v ->
        assertThat(v).isCloseTo(110_000, within(1e-6)));
    // (100 · 1 + 10 · 2) / 1e6 per call
    assertThat(u.costPer1000Documents()).hasValueSatisfying(v ->
        assertThat(v).isCloseTo(0.12, within(1e-9)));
    assertThat(u.documentsPerSecond()).hasValueSatisfying(v ->
        assertThat(v).isCloseTo(20 / 3.0, within(1e-9)));

    Path f = dir.resolve("x.jsonl.usage.json");
    assertThat(LabelUsage.sidecar(dir.resolve("x.jsonl"))).isEqualTo(f);
    u.write(f);
    assertThat(LabelUsage.read(f)).contains(u);
    assertThat(LabelUsage.read(dir.resolve("none.json"))).isEmpty();
  }

  @Test
  void withoutPricesThereIsNoCostButThereAreTokens() {
    UsageReport r = new UsageReport(4, 4, 0, 0, 400, 4, 0, 0, false, Map.of());
    LabelUsage u = LabelUsage.of("m", 4, r, Optional.empty(), 0);
    assertThat(u.costPer1000Documents()).isEmpty();
    assertThat(u.tokensPer1000Documents()).contains(101_000.0);
    assertThat(u.documentsPerSecond()).isEmpty();
  }
}
