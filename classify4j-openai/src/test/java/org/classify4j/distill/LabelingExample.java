package org.classify4j.distill;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.testkit.openai.FakeOpenAiServer;
import org.classify4j.testkit.openai.KeywordChatScript;

/**
 * The worked example of docs/llm-labeling.md: synthetic workplace recognition messages (made by
 * {@code src/test/resources/llm-labeling/gen_messages.py}), "is this message related to safety or
 * security? yes/no", and a local fake OpenAI server whose "LLM" answers by keywords from the label
 * descriptions — a decent but imperfect labeler, as real ones are.
 */
final class LabelingExample {
  private LabelingExample() {}

  static final String TASK =
      "Is this workplace recognition message related to safety or security?";

  static final LabelSpace LABELS = LabelSpace.of(List.of(
      Label.of("no", "Everything else: teamwork, sales, customers, events, projects"),
      Label.of("yes", "Related to workplace safety or security: hazards, injuries, protective"
          + " equipment, emergencies, security incidents")));

  /** A fake OpenAI-compatible server labeling by the keywords of {@link #LABELS}. */
  static FakeOpenAiServer server() {
    return new FakeOpenAiServer(KeywordChatScript.fromLabels(LABELS));
  }

  /** A file of the example: messages.jsonl (unlabeled), audit.jsonl, heldout_gold.jsonl. */
  static Path resource(String name) {
    try {
      return Path.of(LabelingExample.class.getResource("/llm-labeling/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
