package org.classify4j.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.classify4j.app.AppEnvironment;
import org.classify4j.app.ModelRegistry;
import org.classify4j.app.ProjectsFile;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.persist.SavableModel;
import org.classify4j.data.Document;
import org.classify4j.data.Dataset;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.method.MethodParams;
import org.classify4j.method.Methods;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.LoadedModel;
import org.classify4j.persist.ModelStore;
import org.classify4j.persist.Provenance;
import org.classify4j.testkit.Fixtures;

/**
 * Servers for tests: projects trained on the testkit's topics fixture with the hashing embedder,
 * saved to a temporary directory, served on a free loopback port; and an HTTP client.
 */
final class TestService {
  static final String EMBEDDER = "hashing:64";

  private TestService() {}

  /** Trains and saves a model of {@code method} on the topics fixture. */
  static Path model(Path dir, String method) {
    return model(dir, method, Fixtures.topics());
  }

  static Path model(Path dir, String method, Dataset train) {
    try (LoadContext ctx = LoadContext.standard()) {
      var spec = Methods.create(method, MethodParams.of(Map.of("model", EMBEDDER)), ctx);
      SavableModel m = (SavableModel) spec.fit(train);
      ModelStore.save(m, dir, Provenance.of(spec, train));
    }
    return dir;
  }

  /** The topics fixture with each label a vocabulary subject: URI http://example.org/NAME. */
  static Dataset topicsWithUris() {
    Dataset d = Fixtures.topics();
    List<Label> labels = new java.util.ArrayList<>();
    for (Label l : d.labels().labels()) {
      labels.add(new Label(l.name(), l.description(), l.synonyms(), "",
          "http://example.org/" + l.name()));
    }
    return new Dataset(LabelSpace.of(labels), d.examples(), d.multiLabel());
  }

  /**
   * Two projects: "topics" (centroid) and "topics-linear" (linear, labels with vocabulary URIs,
   * limit rule from the project).
   */
  static List<ServedProject> projects(Path tmp) {
    Path centroid = model(tmp.resolve("topics"), "centroid");
    Path linear = model(tmp.resolve("topics-linear"), "linear", topicsWithUris());
    return List.of(
        new ServedProject("topics", "topics", "three topics", centroid, Optional.empty()),
        new ServedProject("topics-linear", "topics-linear", "", linear,
            Optional.of(DecisionRule.limit(2, 0.2))));
  }

  /** A started server over these projects (a projects file in memory, the app's registry). */
  static ClassifyServer start(List<ServedProject> projects, UnaryOperator<ServerSettings> settings) {
    return start(catalog(projects), LoadContext.standard(), settings);
  }

  /** The projects through the application layer: a projects file and its model registry. */
  static ModelCatalog catalog(List<ServedProject> projects) {
    Map<String, ProjectsFile.Project> m = new LinkedHashMap<>();
    for (ServedProject p : projects) {
      m.put(p.id(), new ProjectsFile.Project(p.id(), p.description(), Optional.empty(),
          Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
          Optional.of(p.modelDir()), p.decision(), Map.of()));
    }
    return ModelCatalog.of(registry(new ProjectsFile(Optional.empty(), m)), List.of());
  }

  static ModelRegistry registry(ProjectsFile file) {
    return new ModelRegistry(new AppEnvironment(Map.of(), Path.of(""), Path.of("")), file);
  }

  static ClassifyServer start(ModelCatalog catalog, LoadContext ctx,
      UnaryOperator<ServerSettings> settings) {
    ServerSettings s = settings.apply(ServerSettings.defaults().withAddress("127.0.0.1", 0));
    Metrics metrics = new Metrics();
    ClassificationService service = new ClassificationService(catalog, s, metrics, ctx, EMBEDDER);
    return new ClassifyServer(s, service, metrics).start();
  }

  /** A model that waits for {@code gate} before scoring (to hold requests in flight). */
  record GatedModel(ClassifierModel inner, CountDownLatch gate, CountDownLatch entered)
      implements ClassifierModel {
    @Override
    public LabelSpace classes() {
      return inner.classes();
    }

    @Override
    public boolean multiLabel() {
      return inner.multiLabel();
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      entered.countDown();
      try {
        if (!gate.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return inner.predictProba(documents);
    }
  }

  /** A catalog of one project, "slow", whose model waits for {@code gate}. */
  static ModelCatalog gated(Path tmp, LoadContext ctx, CountDownLatch gate,
      CountDownLatch entered) {
    Path dir = model(tmp.resolve("slow"), "centroid");
    ServedProject p = new ServedProject("slow", "Slow", "", dir, Optional.empty());
    return new ModelCatalog(List.of(p), sp -> {
      LoadedModel lm = ModelStore.load(sp.modelDir(), ctx);
      return new LoadedModel(new GatedModel(lm.model(), gate, entered), lm.decisionRule(),
          lm.provenance(), lm.directory());
    }, ctx);
  }

  /** HTTP on loopback with a short timeout. */
  static final class Client {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    Optional<String> token = Optional.empty();

    Client(ClassifyServer s) {
      this("http://127.0.0.1:" + s.port());
    }

    /** A client with its own connections to {@code base}. */
    Client(String base) {
      this.base = base;
    }

    Client withToken(String t) {
      token = Optional.of(t);
      return this;
    }

    HttpResponse<String> get(String path) {
      return send(builder(path).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
      return send(builder(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postForm(String path, String form) {
      return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpRequest.Builder builder(String path) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(30));
      token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
      return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
      try {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static String form(Map<String, String> m) {
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
          .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
    });
    return b.toString();
  }

  static Instant now() {
    return Instant.now();
  }
}
