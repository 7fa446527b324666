package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 17: the Annif-compatible routes answer as Annif does (NatLibFi/Annif,
 * annif/rest.py and annif/openapi/annif.yaml): only subjects scoring above 0, {@code limit=0}
 * keeps none, an unknown {@code language} is 400, deep JSON is 400, and {@code /v1/vocabs}, {@code
 * /v1/detect-language} and {@code …/learn} are served.
 */
class AnnifSemanticsTest {
  @TempDir static Path tmp;
  static ClassifyServer server;
  static TestService.Client client;
  static final int MANY = 1500;

  /** Every text gets the same scores: {@code first} for the first label, 0 for the others. */
  record FixedModel(LabelSpace classes, float[] row) implements ClassifierModel {
    @Override
    public boolean multiLabel() {
      return true;
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      float[][] rows = new float[documents.size()][];
      Arrays.fill(rows, row);
      return ScoreMatrix.of(classes, rows);
    }
  }

  @BeforeAll
  static void start() {
    LoadContext ctx = LoadContext.standard();
    List<ServedProject> real = TestService.projects(tmp);
    Path dir = real.get(0).modelDir();
    // "sparse": one label scores 0.6, two score 0 (a subject model's nonsense text);
    // "many": 1,500 labels, every one above 0
    List<Label> many = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      many.add(Label.of("s" + i));
    }
    float[] manyRow = new float[MANY];
    Arrays.fill(manyRow, 1f / MANY);
    List<ServedProject> projects = List.of(real.get(0),
        new ServedProject("sparse", "sparse", "", dir, Optional.empty()),
        new ServedProject("many", "many", "", dir, Optional.empty()));
    ModelCatalog catalog = new ModelCatalog(projects, p -> {
      LoadedModel lm = ModelStore.load(p.modelDir(), ctx);
      ClassifierModel m = switch (p.id()) {
        case "sparse" -> new FixedModel(LabelSpace.of(List.of(Label.of("a"), Label.of("b"),
            Label.of("c"))), new float[] {0.6f, 0f, 0f});
        case "many" -> new FixedModel(LabelSpace.of(many), manyRow);
        default -> lm.model();
      };
      return new LoadedModel(m, lm.decisionRule(), lm.provenance(), lm.directory());
    }, ctx);
    server = TestService.start(catalog, ctx, s -> s);
    client = new TestService.Client(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return ServerApiTest.json(r);
  }

  @Test
  void subjectsScoringZeroAreNotSuggested() throws Exception {
    JsonNode one = json(client.postForm("/v1/projects/sparse/suggest", "text=qwzx+vvv"), 200);
    assertThat(one.get("results")).hasSize(1);
    assertThat(one.get("results").get(0).get("uri").asText()).isEqualTo("a");
    JsonNode batch = json(client.postJson("/v1/projects/sparse/suggest-batch?limit=3",
        "{\"documents\": [{\"text\": \"qwzx\"}, {\"text\": \"vvv\"}]}"), 200);
    for (JsonNode d : batch) {
      assertThat(d.get("results")).hasSize(1);
    }
  }

  @Test
  void limitZeroKeepsNoSubjectAsInAnnifAndLargeLimitsAreCapped() throws Exception {
    JsonNode zero = json(client.postForm("/v1/projects/many/suggest", "text=x&limit=0"), 200);
    assertThat(zero.get("results")).isEmpty();
    JsonNode zeroBatch = json(client.postJson("/v1/projects/many/suggest-batch?limit=0",
        "{\"documents\": [{\"text\": \"x\", \"document_id\": \"d1\"}]}"), 200);
    assertThat(zeroBatch.get(0).get("results")).isEmpty();
    assertThat(zeroBatch.get(0).get("document_id").asText()).isEqualTo("d1");
    JsonNode big = json(client.postForm("/v1/projects/many/suggest", "text=x&limit=100000"), 200);
    assertThat(big.get("results")).hasSize(Api.MAX_ANNIF_LIMIT);
    JsonNode ten = json(client.postForm("/v1/projects/many/suggest", "text=x"), 200);
    assertThat(ten.get("results")).hasSize(10);
  }

  @Test
  void aLanguageTheVocabularyDoesNotHaveIsAnnifs400() throws Exception {
    JsonNode p = ServerApiTest.problem(
        client.postForm("/v1/projects/topics/suggest", "text=bake+bread&language=xx"), 400);
    assertThat(p.get("detail").asText()).isEqualTo("language \"xx\" not supported by vocabulary");
    ServerApiTest.problem(client.postJson("/v1/projects/topics/suggest-batch?language=fi",
        "{\"documents\": [{\"text\": \"bake bread\"}]}"), 400);
    // the project's own language (und), or none, is fine
    json(client.postForm("/v1/projects/topics/suggest", "text=bake+bread&language=und"), 200);
    json(client.postForm("/v1/projects/topics/suggest", "text=bake+bread&language="), 200);
    JsonNode project = json(client.get("/v1/projects/topics"), 200);
    assertThat(project.get("vocab_language").asText()).isEqualTo("und");
    assertThat(project.get("vocab").get("vocab_id").asText()).isEqualTo("topics");
  }

  @Test
  void jsonNestedAThousandLevelsDeepIsA400() throws Exception {
    String deep = "[".repeat(1001) + "]".repeat(1001); // Jackson reads up to 1,000 levels
    String deepObject = "{\"documents\": " + "[".repeat(1200) + "]".repeat(1200) + "}";
    for (String path : List.of("/v1/projects/topics/suggest-batch",
        "/v1/classify4j/projects/topics/classify", "/v1/classify4j/zero-shot",
        "/v1/detect-language", "/v1/projects/topics/learn")) {
      for (String body : List.of(deep, deepObject)) {
        JsonNode p = ServerApiTest.problem(client.postJson(path, body), 400);
        assertThat(p.get("detail").asText()).as(path).contains("nested deeper than 1000 levels");
      }
      ServerApiTest.problem(client.postJson(path, "[".repeat(1000) + "]".repeat(1000)), 400);
    }
  }

  @Test
  void vocabsAreEachProjectsLabelSpace() throws Exception {
    client.get("/v1/classify4j/projects/sparse"); // loads its model
    JsonNode v = json(client.get("/v1/vocabs"), 200);
    JsonNode sparse = null;
    List<String> ids = new ArrayList<>();
    for (JsonNode x : v.get("vocabs")) {
      ids.add(x.get("vocab_id").asText());
      if (x.get("vocab_id").asText().equals("sparse")) {
        sparse = x;
      }
      assertThat(x.get("languages").toString()).isEqualTo("[\"und\"]");
    }
    assertThat(ids).containsExactly("topics", "sparse", "many");
    assertThat(sparse.get("loaded").asBoolean()).isTrue();
    assertThat(sparse.get("size").asInt()).isEqualTo(3);
  }

  @Test
  void detectLanguageAmongCandidatesAsAnnif() throws Exception {
    JsonNode en = json(client.postJson("/v1/detect-language", "{\"text\": \"The quick brown fox"
        + " jumps over the lazy dog while the children are playing in the garden.\","
        + " \"languages\": [\"fi\", \"en\", \"sv\"]}"), 200).get("results");
    assertThat(en).hasSize(4);
    assertThat(en.get(0).get("language").asText()).isEqualTo("en");
    assertThat(en.get(0).get("score").asDouble()).isGreaterThan(0.8);
    assertThat(en.get(3).get("language").isNull()).isTrue(); // the unknown language, last
    JsonNode fi = json(client.postJson("/v1/detect-language", "{\"text\": \"Kansalliskirjasto on"
        + " Suomen vanhin ja suurin tieteellinen kirjasto, joka sijaitsee Helsingissä.\","
        + " \"languages\": [\"en\", \"fi\"]}"), 200).get("results");
    assertThat(fi.get(0).get("language").asText()).isEqualTo("fi");
    JsonNode p = ServerApiTest.problem(client.postJson("/v1/detect-language",
        "{\"text\": \"x\", \"languages\": [\"en\", \"xx\"]}"), 400);
    assertThat(p.get("detail").asText()).isEqualTo("unsupported candidate languages");
    ServerApiTest.problem(client.postJson("/v1/detect-language",
        "{\"text\": \"x\", \"languages\": [\"en\", \"fi\", \"sv\", \"de\", \"fr\", \"it\"]}"), 400);
    ServerApiTest.problem(client.postJson("/v1/detect-language", "{\"languages\": [\"en\"]}"),
        400);
  }

  @Test
  void learnAnswersAsAnnifForABackendThatCannotLearn() throws Exception {
    String docs = "[{\"text\": \"bake bread\", \"subjects\": [{\"uri\": \"cooking\"}]}]";
    HttpResponse<String> r = client.postJson("/v1/projects/topics/learn", docs);
    JsonNode p = ServerApiTest.problem(r, 503);
    assertThat(p.get("detail").asText())
        .isEqualTo("Project 'topics': Learning not supported by backend");
    ServerApiTest.problem(client.postJson("/v1/projects/none/learn", docs), 404);
    ServerApiTest.problem(client.postJson("/v1/projects/topics/learn", "{}"), 400);
  }
}
