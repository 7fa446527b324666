package org.classify4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.distill.Distiller;
import org.classify4j.distill.Target;
import org.classify4j.eval.Bootstrap;
import org.classify4j.llm.label.LlmLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distill through the app service without picocli: the model saved, the claim held back. */
class DistillServiceTest {
  @TempDir Path dir;

  private static String text(int i, boolean hazard) {
    return hazard ? "hazard number " + i + ": a broken stair and a wet floor"
        : "note number " + i + ": the meeting moved to friday afternoon";
  }

  @Test
  void savesTheModelAndSaysMetOnlyWithEnoughAuditedSupport() {
    List<LlmLabel> labels = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean hazard = i % 2 == 0;
      labels.add(new LlmLabel("t" + i, text(i, hazard), Map.of(),
          List.of(hazard ? "yes" : "no"), 0.95, Map.of(), false, "scored"));
    }
    LabelSpace space = LabelSpace.ofNames(List.of("yes", "no"));
    List<Example> audit = new ArrayList<>();
    for (int i = 100; i < 120; i++) { // 10 audited 'yes': fewer than MIN_AUDIT_SUPPORT
      boolean hazard = i % 2 == 0;
      audit.add(Example.of("a" + i, text(i, hazard), hazard ? "yes" : "no"));
    }
    Path out = dir.resolve("model");
    DistillService.Result r = DistillService.distill(new DistillService.Request(
        dir.resolve("labels.jsonl"), labels, false, false, dir.resolve("audit.jsonl"),
        Dataset.of(space, audit), Optional.empty(), Optional.empty(), Optional.empty(),
        "hashing:64", Distiller.Weighting.NONE, 0.0, Optional.of(Target.precision(0.8)),
        Optional.of("yes"), 1.0, new Bootstrap(200, 0.95, 7), true, out),
        ProgressListener.none());
    assertThat(Files.isRegularFile(out.resolve("manifest.json"))).isTrue();
    assertThat(r.report().training().used()).isEqualTo(60);
    // separable data: the distiller reaches the target, but 10 audited positives cannot carry it
    assertThat(r.report().targetMet()).isTrue();
    assertThat(r.claim().met()).contains(false);
    assertThat(r.claim().statement()).contains("precision").contains("10 audited");
  }
}
