package org.classify4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.classification.TextClassifier;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.Set;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Dataset;
import org.classify4j.data.Example;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.llm.cache.CachingChatModel;
import org.classify4j.llm.cache.InMemoryResponseCache;
import org.classify4j.llm.classify.LlmClassifier;
import org.classify4j.llm.govern.GovernedChatModel;
import org.classify4j.testkit.openai.KeywordChatScript;
import org.junit.jupiter.api.Test;

/** The example of docs/langchain4j.md, with a fake chat model in place of the real one. */
class DocsExampleTest {

  @Test
  void theDocumentedExampleRuns() {
    LabelSpace labels = LabelSpace.of(List.of(
        Label.of("billing", "invoices, charges, refunds and payments"),
        Label.of("delivery", "shipping, parcels, couriers and delays"),
        Label.of("account", "login, password, profile and settings")));
    Dataset train = Dataset.of(labels, List.of(
        Example.of("1", "I was charged twice for my order", "billing"),
        Example.of("2", "Where is my refund?", "billing"),
        Example.of("3", "The parcel has not arrived yet", "delivery"),
        Example.of("4", "The courier left the package at the wrong door", "delivery"),
        Example.of("5", "I cannot log in to my account", "account"),
        Example.of("6", "How do I change my password?", "account")));

    EmbeddingModel minilm = new AllMiniLmL6V2EmbeddingModel();
    LangChain4jEmbedder embedder = LangChain4jEmbedder.builder("langchain4j:all-minilm-l6-v2", minilm)
        .batchSize(32)
        .build();
    ClassifierModel fast = CentroidClassifier.of(embedder).fit(train);
    TextClassifier<String> classifier = Classify4jTextClassifier.of(fast);
    List<String> topics = classifier.classify("My card was billed two times");

    dev.langchain4j.model.chat.ChatModel yourChatModel =
        new ScriptedLangChain4jChatModel(KeywordChatScript.fromLabels(labels), Set.of());
    var chat = new CachingChatModel(
        GovernedChatModel.builder(LangChain4jChatModel.of("langchain4j:my-model", yourChatModel))
            .maxConcurrency(4).build(),
        new InMemoryResponseCache());
    var llm = LlmClassifier.builder(chat).zeroShot().build().fit(train);
    TextClassifier<String> llmClassifier = Classify4jTextClassifier.of(llm);
    List<String> answer = llmClassifier.classify("The parcel is late again");

    assertThat(topics).containsExactly("billing");
    assertThat(answer).containsExactly("delivery");
  }
}
