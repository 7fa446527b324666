package org.classify4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classify4j.classify.DecisionRule;
import org.classify4j.data.Document;
import org.classify4j.data.Example;
import org.classify4j.data.io.DataFormat;
import org.classify4j.data.io.ReadOptions;
import org.classify4j.persist.LoadedModel;
import org.classify4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services without any face: train → registry → predict (with resume), settings. */
class AppServicesTest {
  @TempDir Path dir;

  private AppEnvironment env(Map<String, String> vars) {
    return new AppEnvironment(vars, dir, dir.resolve("home"));
  }

  private Path trainFile() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Example e : Fixtures.topics().examples()) {
      sb.append(org.classify4j.Json.mapper().writeValueAsString(Map.of(
          "id", e.document().id(), "text", e.document().text(), "labels", e.labels())))
          .append('\n');
    }
    Path f = dir.resolve("train.jsonl");
    Files.writeString(f, sb.toString());
    return f;
  }

  private TrainService.Result train(Settings s, Path out) throws Exception {
    MethodSpec spec = MethodSpec.resolve(s, "centroid", "hashing:64", List.of(), "centroid");
    return TrainService.train(s, spec, new TrainService.Request(trainFile(),
        ReadOptions.defaults(), Optional.empty(), false, out, null, 2), ProgressListener.none());
  }

  @Test
  void trainAttachesProvenanceAndTheChosenRule() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    TrainService.Result r = train(s, dir.resolve("m"));
    assertThat(r.examples()).isEqualTo(Fixtures.topics().size());
    assertThat(r.sha256()).hasSize(64);
    try (ModelRegistry reg = new ModelRegistry(env(Map.of()), ProjectsFile.empty())) {
      LoadedModel m = reg.directory(Path.of("m"));
      assertThat(m.provenance().method()).isEqualTo("centroid");
      assertThat(m.provenance().training()).containsKey("file");
      assertThat(m.decisionRule()).isEqualTo(DecisionRule.limit(2, 0.0));
      // loaded once, shared
      assertThat(reg.directory(dir.resolve("m"))).isSameAs(m);
    }
  }

  @Test
  void anEnsembleTrainsAndLoadsThroughTheRegistryTheRestServiceAndSparkUse() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    MethodSpec spec = MethodSpec.resolve(s, "ensemble", "hashing:64",
        List.of("members=centroid,knn,linear", "C=10"), "centroid");
    TrainService.train(s, spec, new TrainService.Request(trainFile(), ReadOptions.defaults(),
        Optional.empty(), false, dir.resolve("ens"), null, null), ProgressListener.none());
    try (ModelRegistry reg = new ModelRegistry(env(Map.of()), ProjectsFile.empty())) {
      LoadedModel m = reg.directory(Path.of("ens"));
      assertThat(m.model()).isInstanceOf(org.classify4j.embed.EnsembleClassifier.Savable.class);
      assertThat(m.provenance().method()).isEqualTo("ensemble");
      var docs = Fixtures.topicsTest().stream().map(Example::document).toList();
      var picked = m.decisionRule().decideAll(m.model().predictProba(docs));
      long right = 0;
      for (int i = 0; i < docs.size(); i++) {
        if (picked.get(i).labelNames().equals(Fixtures.topicsTest().get(i).labels())) {
          right++;
        }
      }
      assertThat(right).isGreaterThanOrEqualTo(docs.size() - 1);
    }
  }

  @Test
  void predictResumesWithoutRepeatingIds() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    train(s, dir.resolve("m"));
    List<Document> docs = new ArrayList<>();
    for (Example e : Fixtures.topicsTest()) {
      docs.add(e.document());
    }
    Path out = dir.resolve("out.jsonl");
    try (ModelRegistry reg = new ModelRegistry(env(Map.of()), ProjectsFile.empty())) {
      LoadedModel m = reg.directory(dir.resolve("m"));
      try (PredictionOutput o = PredictionOutput.create(out, DataFormat.JSONL, 3, false)) {
        PredictService.Summary sum = PredictService.run(m.model(), m.decisionRule(),
            docs.subList(0, 3).iterator(), o, 2, ProgressListener.none().start("t", -1, "d"));
        assertThat(sum.written()).isEqualTo(3);
      }
      // a torn last line, as a kill mid-write leaves it
      Files.writeString(out, "{\"id\": \"torn", java.nio.file.StandardOpenOption.APPEND);
      try (PredictionOutput o = PredictionOutput.resume(out, DataFormat.JSONL, 3)) {
        PredictService.Summary sum = PredictService.run(m.model(), m.decisionRule(),
            docs.iterator(), o, 2, ProgressListener.none().start("t", -1, "d"));
        assertThat(sum.skipped()).isEqualTo(3);
        assertThat(sum.written()).isEqualTo(docs.size() - 3);
      }
    }
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(docs.size());
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(',')))).doesNotHaveDuplicates();
  }

  @Test
  void predictWritesToAWriterAndRefusesHugeBatches() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    train(s, dir.resolve("m"));
    StringWriter w = new StringWriter();
    try (ModelRegistry reg = new ModelRegistry(env(Map.of()), ProjectsFile.empty());
        PredictionOutput o = PredictionOutput.to(w, DataFormat.JSONL, 1)) {
      LoadedModel m = reg.directory(dir.resolve("m"));
      assertThatThrownBy(() -> PredictService.run(m.model(), m.decisionRule(),
          List.of(Document.of("a", "x")).iterator(), o, Integer.MAX_VALUE,
          ProgressListener.none().start("t", -1, "d")))
          .isInstanceOf(AppException.class).hasMessageContaining("batch size");
      PredictService.run(m.model(), m.decisionRule(),
          List.of(Document.of("a", "the match ended in a draw")).iterator(), o, 8,
          ProgressListener.none().start("t", -1, "d"));
    }
    assertThat(w.toString()).startsWith("{\"id\":\"a\"");
  }

  @Test
  void projectModelsComeFromTheProjectsFileWithTheProjectsRule() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    train(s, dir.resolve("models/t"));
    Files.writeString(dir.resolve("classify4j.json"), "{\"projects\": {\"t\": {\"model_dir\":"
        + " \"models/t\", \"decision\": {\"rule\": \"threshold\", \"threshold\": 0.4}},"
        + " \"empty\": {}}}");
    ProjectsFile pf = ProjectsFile.locate(Optional.empty(), env(Map.of()));
    try (ModelRegistry reg = new ModelRegistry(env(Map.of()), pf)) {
      assertThat(reg.isLoaded("t")).isFalse();
      LoadedModel m = reg.project("t");
      assertThat(reg.isLoaded("t")).isTrue();
      assertThat(m.decisionRule()).isEqualTo(DecisionRule.threshold(0.4));
      assertThatThrownBy(() -> reg.project("empty")).hasMessageContaining("no \"model_dir\"");
      assertThatThrownBy(() -> reg.project("nope")).hasMessageContaining("unknown project 'nope'");
    }
  }

  @Test
  void settingsResolveFlagOverEnvironmentOverProjectOverDefault() throws Exception {
    Files.writeString(dir.resolve("p.json"), "{\"projects\": {\"p\": {\"method\": \"knn\","
        + " \"backend\": {\"base_url\": \"http://project\", \"concurrency\": \"4\","
        + " \"api_key_env\": \"MY_KEY\"}}}}");
    AppEnvironment e = env(Map.of("CLASSIFY4J_LLM_CONCURRENCY", "16", "MY_KEY", "secret"));
    ProjectsFile pf = ProjectsFile.locate(Optional.of(Path.of("p.json")), e);
    Settings s = Settings.of(e, Optional.of(pf.project("p")));
    assertThat(s.resolve(null, "CLASSIFY4J_METHOD", Optional.of("knn"), "centroid"))
        .isEqualTo("knn");
    assertThat(s.resolve("linear", "CLASSIFY4J_METHOD", Optional.of("knn"), "centroid"))
        .isEqualTo("linear");
    Map<String, String> c = s.backendConfig();
    assertThat(c).containsEntry(Settings.LLM_BASE_URL, "http://project")
        .containsEntry(Settings.LLM_CONCURRENCY, "16") // environment over project
        .containsEntry(Settings.LLM_API_KEY, "secret");
    assertThat(s.withBackend(Settings.LLM_CONCURRENCY, 32).backendConfig())
        .containsEntry(Settings.LLM_CONCURRENCY, "32"); // flag over environment
    assertThat(MethodSpec.resolve(s, null, null, List.of(), "centroid").method()).isEqualTo("knn");
  }

  private Path testFile() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (Example e : Fixtures.topicsTest()) {
      sb.append(org.classify4j.Json.mapper().writeValueAsString(Map.of(
          "id", e.document().id(), "text", e.document().text(), "labels", e.labels())))
          .append('\n');
    }
    Path f = dir.resolve("test.jsonl");
    Files.writeString(f, sb.toString());
    return f;
  }

  private EvaluateService.Request evalRequest(Optional<Path> model, Optional<Path> train,
      Optional<Path> test, Integer shots, Integer cv, int bootstrap) {
    return new EvaluateService.Request(model, train, test, ReadOptions.defaults(),
        Optional.empty(), false, null, null, shots, shots == null ? null : 2, cv, 7, bootstrap,
        16);
  }

  @Test
  void evaluateRunsEachProtocolAndRefusesEmptyGold() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    MethodSpec spec = MethodSpec.resolve(s, "centroid", "hashing:64", List.of(), "centroid");
    Path train = trainFile();
    Path test = testFile();
    EvaluateService.Evaluation one = EvaluateService.evaluateMethod(s, spec,
        evalRequest(Optional.empty(), Optional.of(train), Optional.of(test), null, null, 50),
        ProgressListener.none());
    assertThat(one.runs()).hasSize(1);
    assertThat(one.intervals()).containsKeys("accuracy", "macro_f1");
    assertThat(one.toJson().get("info").get("method").asText()).isEqualTo("centroid");
    EvaluateService.Evaluation few = EvaluateService.evaluateMethod(s, spec,
        evalRequest(Optional.empty(), Optional.of(train), Optional.of(test), 1, null, 0),
        ProgressListener.none());
    assertThat(few.runs()).hasSize(2);
    assertThat(few.toJson().get("runs").asInt()).isEqualTo(2);
    EvaluateService.Evaluation cv = EvaluateService.evaluateMethod(s, spec,
        evalRequest(Optional.empty(), Optional.of(train), Optional.empty(), null, 2, 0),
        ProgressListener.none());
    assertThat(cv.runs()).hasSize(2);

    train(s, dir.resolve("m"));
    EvaluateService.Evaluation model = EvaluateService.evaluateModel(s,
        evalRequest(Optional.of(dir.resolve("m")), Optional.empty(), Optional.of(test), null,
            null, 0), ProgressListener.none());
    assertThat(model.info()).containsKey("model");
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    assertThatThrownBy(() -> EvaluateService.evaluateModel(s,
        evalRequest(Optional.of(dir.resolve("m")), Optional.empty(), Optional.of(empty), null,
            null, 0), ProgressListener.none()))
        .isInstanceOf(AppException.class).hasMessageContaining("no gold documents");
    assertThatThrownBy(() -> EvaluateService.validate(
        evalRequest(Optional.of(dir.resolve("m")), Optional.empty(), Optional.of(test), null,
            null, -5), true))
        .hasMessageContaining("--bootstrap must be in 0..");
  }

  @Test
  void tuneSavesTheRuleUnlessDryRunAndRefusesUnlabelledValidation() throws Exception {
    Settings s = Settings.of(env(Map.of()), Optional.empty());
    train(s, dir.resolve("m"));
    Path m = dir.resolve("m");
    String before = Files.readString(m.resolve("decision.json"));
    TuneService.Goal goal = new TuneService.Goal(
        org.classify4j.eval.Metrics.byName("accuracy"), false, null, null);
    TuneService.Result dry = TuneService.tune(s, new TuneService.Request(m, testFile(),
        ReadOptions.defaults(), goal, 8, true), ProgressListener.none());
    assertThat(Files.readString(m.resolve("decision.json"))).isEqualTo(before);
    assertThat(dry.after().size()).isEqualTo(Fixtures.topicsTest().size());
    Path unlabelled = Files.writeString(dir.resolve("u.jsonl"),
        "{\"id\": \"1\", \"text\": \"a goal\"}\n");
    assertThatThrownBy(() -> TuneService.tune(s, new TuneService.Request(m, unlabelled,
        ReadOptions.defaults(), goal, 8, false), ProgressListener.none()))
        .isInstanceOf(AppException.class).hasMessageContaining("no validation document has a label");
    assertThat(Files.readString(m.resolve("decision.json"))).isEqualTo(before);
    TuneService.tune(s, new TuneService.Request(m, testFile(), ReadOptions.defaults(), goal, 8,
        false), ProgressListener.none());
    DecisionRule saved = org.classify4j.Json.mapper().readValue(
        m.resolve("decision.json").toFile(), DecisionRule.class);
    assertThat(saved).isEqualTo(dry.tuned().rule()).isNotEqualTo(dry.previous());
  }
}
