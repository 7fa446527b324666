package org.classify4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.LabelSpace;
import org.classify4j.llm.ChatCapabilities;
import org.classify4j.llm.ChatModel;
import org.classify4j.llm.ChatRequest;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.Usage;
import org.classify4j.llm.govern.Budget;
import org.classify4j.llm.label.AuditReport;
import org.classify4j.llm.label.LabelAudit;
import org.classify4j.llm.label.LabelFile;
import org.classify4j.llm.label.LlmLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** label → audit through the app layer's services, with a chat model made here (no picocli). */
class LabelingServicesTest {
  @TempDir Path dir;

  /** Answers option 1 ("positive") when the text says "good", else option 2, as plain text. */
  static final class KeywordChat implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String id() {
      return "keyword:test";
    }

    @Override
    public ChatCapabilities capabilities() {
      return ChatCapabilities.textOnly();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      calls.incrementAndGet();
      String user = request.messages().get(request.messages().size() - 1).content();
      String text = user.substring(user.lastIndexOf("Text: ")).toLowerCase(Locale.ROOT);
      return new ChatResponse(text.contains("good") ? "1" : "2", List.of(), new Usage(20, 1),
          "stop");
    }
  }

  private LabelService.Request request(LabelSpace labels, Path out) {
    return new LabelService.Request(out, labels, false, Optional.empty(),
        new Dataset(labels, List.of(), false), 4, "keyword:test", Optional.empty(),
        new Budget(0, 0, 0), Optional.of(dir.resolve("cache.jsonl")), false, 2);
  }

  private static final List<Document> DOCS = List.of(
      Document.of("a", "a good film"), Document.of("b", "a dull film"),
      Document.of("c", "good acting"), Document.of("d", "too long"));

  @Test
  void labelWritesEveryDocumentOnceResumesFreeAndRefusesAnotherTask() {
    Settings s = Settings.of(new AppEnvironment(Map.of(), dir, dir), Optional.empty());
    KeywordChat chat = new KeywordChat();
    LabelService.ChatSource chats = (spec, config) -> chat;
    LabelSpace labels = LabelSpace.ofNames(List.of("positive", "negative"));
    Path out = dir.resolve("labels.jsonl");

    LabelService.Result first = LabelService.label(s, request(labels, out), chats,
        DOCS.iterator(), ProgressListener.none());
    assertThat(first.summary().labeled()).isEqualTo(4);
    assertThat(chat.calls.get()).isEqualTo(4);
    List<LlmLabel> written = LabelFile.read(out);
    assertThat(written).extracting(LlmLabel::id).containsExactly("a", "b", "c", "d");

    // the same run again: nothing new to label, nothing sent
    LabelService.Result again = LabelService.label(s, request(labels, out), chats,
        DOCS.iterator(), ProgressListener.none());
    assertThat(again.summary().skipped()).isEqualTo(4);
    assertThat(chat.calls.get()).isEqualTo(4);

    // another label set on the same output is refused, not appended
    LabelSpace other = LabelSpace.ofNames(List.of("good", "bad"));
    assertThatThrownBy(() -> LabelService.label(s, request(other, out), chats, DOCS.iterator(),
        ProgressListener.none())).isInstanceOf(AppException.class);
    assertThat(LabelFile.read(out)).hasSize(4);

    // audit against a human sample: the keyword "LLM" is right on a, b, c and wrong on d
    Dataset gold = Dataset.of(labels, List.of(Example.of("a", "a good film", "positive"),
        Example.of("b", "a dull film", "negative"), Example.of("c", "good acting", "positive"),
        Example.of("d", "too long", "positive")));
    AuditReport audit = AuditService.audit(out, written, dir.resolve("gold.jsonl"), gold,
        LabelAudit.Options.defaults());
    assertThat(audit.matched()).isEqualTo(4);
    Dataset strangers = Dataset.of(labels, List.of(Example.of("x", "else", "positive")));
    assertThatThrownBy(() -> AuditService.audit(out, written, dir.resolve("g2.jsonl"), strangers,
        LabelAudit.Options.defaults())).hasMessageContaining("ids must match");
  }
}
