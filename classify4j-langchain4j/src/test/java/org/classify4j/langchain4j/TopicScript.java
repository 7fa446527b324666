package org.classify4j.langchain4j;

import java.util.List;
import java.util.Map;
import org.classify4j.testkit.openai.KeywordChatScript;

/** The testkit's keyword "model" over the topic fixtures. */
final class TopicScript {
  private TopicScript() {}

  static KeywordChatScript topics() {
    return new KeywordChatScript(Map.of(
        "sports", List.of("team", "player", "match", "game", "football", "fans", "goal", "race"),
        "cooking", List.of("recipe", "bake", "butter", "flour", "fry", "garlic", "onion", "oil",
            "chef", "soup", "egg", "kitchen", "sauce"),
        "computers", List.of("code", "program", "software", "computer", "bug", "server", "laptop",
            "compil"),
        "music", List.of("song", "band", "concert", "album")));
  }
}
