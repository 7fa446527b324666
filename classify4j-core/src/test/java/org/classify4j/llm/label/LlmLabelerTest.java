package org.classify4j.llm.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmLabelerTest {
  @TempDir Path dir;

  /** "yes" with probability .9 when the text mentions safety, else "no" with .8; may run out. */
  static final class KeywordModel implements ClassifierModel {
    final AtomicInteger scored = new AtomicInteger();
    volatile int budget = Integer.MAX_VALUE;

    @Override
    public LabelSpace classes() {
      return LabelSpace.ofNames("no", "yes");
    }

    @Override
    public boolean multiLabel() {
      return false;
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      if (scored.get() + documents.size() > budget) {
        throw new ChatModelException.BudgetExceeded("budget");
      }
      scored.addAndGet(documents.size());
      float[][] s = new float[documents.size()][];
      for (int i = 0; i < s.length; i++) {
        s[i] = documents.get(i).text().contains("safety") ? new float[] {0.1f, 0.9f}
            : new float[] {0.8f, 0.2f};
      }
      return ScoreMatrix.of(classes(), s);
    }
  }

  static List<Document> docs(int n) {
    List<Document> d = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      d.add(Document.of("d" + i, i % 3 == 0 ? "safety walk " + i : "team lunch " + i));
    }
    return d;
  }

  @Test
  void labelsWithProbabilityAndScores() {
    List<LlmLabel> l = LlmLabeler.of(new KeywordModel()).label(docs(2));
    assertThat(l.get(0).labels()).containsExactly("yes");
    assertThat(l.get(0).probability()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(l.get(1).labels()).containsExactly("no");
    assertThat(l.get(1).scores().keySet()).containsExactly("no", "yes");
  }

  @Test
  void aBudgetStopsTheRunAndAResumeFinishesEachIdOnce() {
    Path out = dir.resolve("labels.jsonl");
    KeywordModel m = new KeywordModel();
    m.budget = 25;
    LlmLabeler labeler = LlmLabeler.of(m).withBatchSize(10);
    LlmLabeler.RunSummary first;
    try (LabelFile.Output o = LabelFile.openForResume(out, true)) {
      first = labeler.run(docs(50).iterator(), o);
    }
    assertThat(first.stoppedByBudget()).isTrue();
    // two batches of 10, then the batch that hits the budget one document at a time: 5 more
    assertThat(first.labeled()).isEqualTo(25);
    m.budget = Integer.MAX_VALUE;
    LlmLabeler.RunSummary second;
    List<Document> again = new ArrayList<>(docs(50));
    again.add(Document.of("d3", "a repeated id"));
    try (LabelFile.Output o = LabelFile.openForResume(out, true)) {
      second = labeler.run(again.iterator(), o);
    }
    assertThat(second.stoppedByBudget()).isFalse();
    assertThat(second.skipped()).isEqualTo(26);
    assertThat(second.labeled()).isEqualTo(25);
    List<LlmLabel> all = LabelFile.read(out);
    assertThat(all).extracting(LlmLabel::id).doesNotHaveDuplicates().hasSize(50);
    assertThat(m.scored.get()).isEqualTo(50);
  }

  @Test
  void repeatedIdsInOneRunAreLabeledOnce() {
    Path out = dir.resolve("labels.jsonl");
    List<Document> d = new ArrayList<>(docs(5));
    d.add(Document.of("d1", "again"));
    LlmLabeler.RunSummary s;
    try (LabelFile.Output o = LabelFile.openForResume(out, false)) {
      s = LlmLabeler.of(new KeywordModel()).withBatchSize(2).run(d.iterator(), o);
    }
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(LabelFile.read(out)).hasSize(5);
  }
}
