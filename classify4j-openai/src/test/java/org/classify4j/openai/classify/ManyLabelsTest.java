package org.classify4j.openai.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.Tokens;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.classify.LlmClassifierModel;
import org.classify4j.testkit.HashingEmbedder;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.Test;

/** 150 labels: dynamic few-shot with retrieve-then-rank keeps prompts small and right. */
class ManyLabelsTest {
  private static String word(int i) {
    StringBuilder b = new StringBuilder();
    int n = i + 27;
    while (n > 0) {
      b.append((char) ('a' + n % 26));
      n /= 26;
    }
    return "zq" + b + "x";
  }

  @Test
  void dynamicFewShotOver150LabelsOffersFewCandidatesAndFindsTheLabel() {
    int k = 150;
    List<Label> labels = new ArrayList<>();
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    List<Example> ex = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      String name = "label_" + j;
      labels.add(new Label(name, "about " + word(j), List.of(), ""));
      keywords.put(name, List.of(word(j)));
      ex.add(Example.of("e" + j + "a", "a note on " + word(j) + " today", name));
      ex.add(Example.of("e" + j + "b", "more on " + word(j) + " here", name));
    }
    LabelSpace space = LabelSpace.of(labels);
    Dataset train = new Dataset(space, ex, false);
    try (FakeOpenAiServer server = new FakeOpenAiServer(new KeywordChatScript(keywords))) {
      LlmClassifierModel m = LlmClassifier.builder(FakeLlm.client(server))
          .embedder(new HashingEmbedder(1024)).candidates(8).dynamicFewShot(4).tokenBudget(400)
          .build().fit(train);
      List<Document> test = new ArrayList<>();
      for (int j = 0; j < k; j += 7) {
        test.add(Document.of("t" + j, "what about " + word(j) + " now"));
      }
      ScoreMatrix s = m.predictProba(test);
      for (int i = 0; i < test.size(); i++) {
        assertThat(s.classes().name(s.argmax(i))).isEqualTo("label_" + (i * 7));
      }
      assertThat(server.requestCount()).isEqualTo(test.size());
      for (JsonNode r : server.requests()) {
        String user = r.path("messages").get(1).path("content").asText();
        assertThat(user.split("\n(?=[A-Z]\\. label_)", -1)).hasSize(9); // 8 options
        assertThat(Tokens.estimate(user)).isLessThanOrEqualTo(400);
        assertThat(user).contains("Answer: ");
      }
    }
  }
}
