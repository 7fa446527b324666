package org.classify4j.openai.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.classify4j.Json;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.llm.label.LlmLabeler;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

class LlmLabelerTest {
  private static List<Document> stream() {
    List<Document> d = new ArrayList<>();
    for (Example e : Fixtures.topics().examples()) {
      d.add(Document.of("u-" + e.document().id(), e.document().text()));
    }
    return d;
  }

  @Test
  void labelsAStreamStopsOnBudgetAndResumesWithoutRepeating() throws Exception {
    try (FakeOpenAiServer server = FakeLlm.topicServer()) {
      OpenAiChatModel chat = FakeLlm.client(server);
      List<Document> docs = stream();
      StringWriter out = new StringWriter();

      GovernedChatModel tight = GovernedChatModel.builder(chat).budget(Budget.ofRequests(10)).build();
      LlmClassifierModel m1 = LlmClassifier.builder(tight).parallelism(1).build()
          .fit(Fixtures.topics());
      LlmLabeler.Report r1 = new LlmLabeler(m1, m1.defaultRule(), 4).run(docs.iterator(),
          Set.of(), out);
      assertThat(r1.stoppedByBudget()).isTrue();
      assertThat(r1.labeled()).isEqualTo(8);
      assertThat(out.toString().lines()).hasSize(8);

      Set<String> done = LlmLabeler.doneIds(new StringReader(out.toString() + "{\"id\": \"u-tru"));
      assertThat(done).hasSize(8);
      long before = server.requestCount();
      LlmClassifierModel m2 = LlmClassifier.builder(chat).build().fit(Fixtures.topics());
      LlmLabeler.Report r2 = new LlmLabeler(m2).run(docs.iterator(), done, out);
      assertThat(r2.stoppedByBudget()).isFalse();
      assertThat(r2.skipped()).isEqualTo(8);
      assertThat(r2.labeled()).isEqualTo(16);
      assertThat(server.requestCount() - before).isEqualTo(16);

      List<String> lines = out.toString().lines().toList();
      assertThat(lines).hasSize(24);
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < lines.size(); i++) {
        JsonNode n = Json.mapper().readTree(lines.get(i));
        ids.add(n.get("id").asText());
        assertThat(n.get("probability").asDouble()).isBetween(0.5, 1.0);
        assertThat(n.get("abstained").asBoolean()).isFalse();
        String gold = Fixtures.topics().examples().stream()
            .filter(e -> ("u-" + e.document().id()).equals(n.get("id").asText()))
            .findFirst().orElseThrow().labels().get(0);
        assertThat(n.get("label").asText()).isEqualTo(gold);
        assertThat(lines.get(i)).doesNotContain("text");
      }
      assertThat(ids).hasSize(24);
    }
  }
}
