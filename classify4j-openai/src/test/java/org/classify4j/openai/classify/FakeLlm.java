package org.classify4j.openai.classify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classify4j.data.LabelSpace;
import org.classify4j.openai.OpenAiChatModel;
import org.classify4j.openai.OpenAiConfig;
import org.classify4j.testkit.Fixtures;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;

/** A fake server answering by the topic fixtures' keywords, and a client for it. */
final class FakeLlm {
  private FakeLlm() {}

  static final Map<String, List<String>> TOPIC_KEYWORDS = Map.of(
      "sports", List.of("team", "player", "match", "game", "football", "fans", "goal", "race"),
      "cooking", List.of("recipe", "bake", "butter", "flour", "fry", "garlic", "onion", "oil",
          "chef", "soup", "egg", "kitchen", "sauce"),
      "computers", List.of("code", "program", "software", "computer", "bug", "server", "laptop",
          "compil"),
      "music", List.of("song", "band", "concert", "album"));

  static FakeOpenAiServer topicServer() {
    return new FakeOpenAiServer(new KeywordChatScript(TOPIC_KEYWORDS));
  }

  static OpenAiChatModel client(FakeOpenAiServer server) {
    return new OpenAiChatModel(OpenAiConfig.of(server.baseUrl(), "", "fake-model")
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)));
  }

  static LabelSpace topics() {
    return Fixtures.TOPICS;
  }
}
