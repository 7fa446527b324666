package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Json;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.HierarchyMode;
import org.classify4j.data.Dataset;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project whose labels form a tree serves decisions that carry the ancestors. */
class HierarchyServeTest {
  @TempDir static Path tmp;
  static ClassifyServer server;
  static TestService.Client client;

  /** The topics fixture with sports and cooking under "leisure", computers under "work". */
  static Dataset topicsTree() {
    Dataset d = Fixtures.topics();
    List<Label> labels = new ArrayList<>();
    for (Label l : d.labels().labels()) {
      labels.add(new Label(l.name(), l.description(), l.synonyms(),
          l.name().equals("computers") ? "work" : "leisure"));
    }
    labels.add(Label.of("leisure", "free time"));
    labels.add(Label.of("work", "jobs and tools"));
    return new Dataset(LabelSpace.of(labels), d.examples(), d.multiLabel());
  }

  @BeforeAll
  static void start() {
    Path dir = TestService.model(tmp.resolve("tree"), "centroid", topicsTree());
    server = TestService.start(List.of(
        new ServedProject("tree", "tree", "", dir, Optional.of(DecisionRule.hierarchical(
            DecisionRule.argmax(), HierarchyMode.CONSISTENT, true))),
        new ServedProject("tree-flat", "tree-flat", "", dir, Optional.empty())), s -> s);
    client = new TestService.Client(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> labels(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    Json.mapper().readTree(r.body()).get("results").forEach(n -> out.add(n.get("label").asText()));
    return out;
  }

  @Test
  void suggestCarriesTheAncestorsAndKeepsThemUnderARequestLimit() throws Exception {
    String text = "The players won the game and the fans cheered";
    // the request's limit replaces the project's argmax, the project's hierarchy stays
    List<String> got = labels(client.postForm("/v1/projects/tree/suggest",
        TestService.form(Map.of("text", text, "limit", "1"))));
    assertThat(got).containsExactly("sports", "leisure");
    // Annif's default limit (10): every label above 0, each parent right after its best child
    got = labels(client.postForm("/v1/projects/tree/suggest",
        TestService.form(Map.of("text", text))));
    assertThat(got.subList(0, 2)).containsExactly("sports", "leisure");
    assertThat(got).containsExactlyInAnyOrder("sports", "leisure", "cooking", "computers",
        "work");
    // the same model without the hierarchical rule: labels on their own
    got = labels(client.postForm("/v1/projects/tree-flat/suggest",
        TestService.form(Map.of("text", text, "limit", "1"))));
    assertThat(got).containsExactly("sports");
  }

  @Test
  void classifyRouteToo() throws Exception {
    HttpResponse<String> r = client.postJson("/v1/classify4j/projects/tree/classify",
        "{\"texts\": [\"The code has a bug in the program\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode res = Json.mapper().readTree(r.body()).get("results").get(0);
    List<String> got = new ArrayList<>();
    res.get("labels").forEach(n -> got.add(n.isTextual() ? n.asText() : n.get("label").asText()));
    assertThat(got).containsExactly("computers", "work");
  }
}
