package org.classify4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.classify4j.Json;
import org.classify4j.Version;
import org.classify4j.classify.DecisionRule;
import org.classify4j.classify.Prediction;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.classify.ScoredLabel;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.ModelStore;

/**
 * The route handlers: each parses its request, makes one call to the {@link
 * ClassificationService} or {@link ModelCatalog}, and formats the answer. Annif-compatible routes
 * answer as Annif's OpenAPI document (3.0.1) says; classify4j's own add every label's score, the
 * decision rule's labels and abstention.
 */
final class Api {
  static final String JSON = "application/json";
  static final int ANNIF_DEFAULT_LIMIT = 10;
  /**
   * The most subjects one document's Annif answer holds: a larger {@code limit} is taken as this
   * (Annif sets no maximum; one batch of 32 documents on a 27,000-label project would otherwise
   * answer 80 MB).
   */
  static final int MAX_ANNIF_LIMIT = 1000;
  /** The language of every project and vocabulary: labels carry no language. */
  static final String LANGUAGE = "und";
  /** Annif's limit on candidate languages of {@code /v1/detect-language}. */
  static final int MAX_CANDIDATE_LANGUAGES = 5;
  static final int MAX_LABELS = 1000;
  static final int MAX_LABEL_CHARS = 1000;

  private final ClassificationService service;
  private final ServerSettings settings;
  private final BooleanSupplier saturated;
  private final LanguageDetection languages = new LanguageDetection();

  /**
   * @param saturated whether every in-flight slot is taken (readiness says so)
   */
  Api(ClassificationService service, ServerSettings settings, BooleanSupplier saturated) {
    this.service = service;
    this.settings = settings;
    this.saturated = saturated;
  }

  private ModelCatalog catalog() {
    return service.catalog();
  }

  // ---- Annif-compatible: GET /v1/, /v1/projects, /v1/projects/{project_id}

  void info(Context ctx) {
    ObjectNode n = obj();
    n.put("title", "classify4j REST API");
    n.put("version", Version.get());
    json(ctx, 200, n);
  }

  void projects(Context ctx) {
    ObjectNode n = obj();
    ArrayNode a = n.putArray("projects");
    catalog().projects().forEach(p -> a.add(annifProject(p)));
    json(ctx, 200, n);
  }

  void project(Context ctx) {
    String id = ctx.pathParam("project_id");
    ServedProject p = catalog().find(id).orElseThrow(() -> unknownProject(id));
    json(ctx, 200, annifProject(p));
  }

  private ObjectNode annifProject(ServedProject p) {
    ObjectNode n = obj();
    n.put("project_id", p.id());
    n.put("name", p.name());
    n.put("language", LANGUAGE);
    n.putObject("backend").put("backend_id", backendId(p));
    n.set("vocab", vocab(p));
    n.put("vocab_language", LANGUAGE);
    Path manifest = p.modelDir().resolve(ModelStore.MANIFEST);
    boolean trained = Files.isRegularFile(manifest);
    n.put("is_trained", trained);
    if (trained) {
      try {
        n.put("modification_time", Files.getLastModifiedTime(manifest).toInstant()
            .truncatedTo(ChronoUnit.SECONDS).toString());
      } catch (java.io.IOException e) {
        n.putNull("modification_time");
      }
    } else {
      n.putNull("modification_time");
    }
    return n;
  }

  private String backendId(ServedProject p) {
    if (catalog().isLoaded(p.id())) {
      return catalog().model(p.id()).loaded().provenance().method();
    }
    return "classify4j";
  }

  // ---- Annif-compatible: POST /v1/projects/{project_id}/suggest (form)

  void suggest(Context ctx) {
    String id = ctx.pathParam("project_id");
    requireProject(id);
    Map<String, String> form = Requests.form(ctx, settings.maxBodyBytes());
    String text = form.get("text");
    if (text == null) {
      throw ApiException.badRequest("form field 'text' is required");
    }
    Requests.checkText("text", text, settings.maxTextChars());
    checkLanguage(form.get("language"));
    int limit = annifLimit(form.get("limit"));
    DecisionRule rule = annifRule(limit, form.get("threshold"));
    if (limit == 0) { // Annif keeps the top 0: no subjects
      json(ctx, 200, obj().set("results", Json.mapper().createArrayNode()));
      return;
    }
    ClassificationService.Classification c = service.classify(id, List.of(text), Optional.of(rule));
    json(ctx, 200, annifResults(c, 0));
  }

  // ---- Annif-compatible: POST /v1/projects/{project_id}/suggest-batch (JSON)

  void suggestBatch(Context ctx) {
    String id = ctx.pathParam("project_id");
    requireProject(id);
    checkLanguage(ctx.queryParam("language"));
    int limit = annifLimit(ctx.queryParam("limit"));
    DecisionRule rule = annifRule(limit, ctx.queryParam("threshold"));
    JsonNode body = Requests.json(ctx, settings.maxBodyBytes());
    JsonNode docs = body.get("documents");
    if (!body.isObject() || docs == null || !docs.isArray()) {
      throw ApiException.badRequest("expected a JSON object with \"documents\": an array of"
          + " {\"text\": …, \"document_id\": …}");
    }
    if (docs.size() > settings.maxBatchDocuments()) {
      throw ApiException.badRequest("\"documents\" has " + docs.size() + " documents; at most "
          + settings.maxBatchDocuments() + " are allowed");
    }
    List<String> texts = new ArrayList<>();
    List<JsonNode> ids = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonNode d = docs.get(i);
      JsonNode t = d.get("text");
      if (!d.isObject() || t == null || !t.isTextual()) {
        throw ApiException.badRequest("documents[" + i + "]: \"text\" (a string) is required");
      }
      Requests.checkText("documents[" + i + "].text", t.asText(), settings.maxTextChars());
      texts.add(t.asText());
      JsonNode did = d.get("document_id");
      ids.add(did == null || did.isNull() ? null : did);
    }
    ArrayNode out = Json.mapper().createArrayNode();
    if (!texts.isEmpty()) {
      Optional<ClassificationService.Classification> c = limit == 0 ? Optional.empty()
          : Optional.of(service.classify(id, texts, Optional.of(rule)));
      for (int i = 0; i < texts.size(); i++) {
        ObjectNode r = c.isPresent() ? annifResults(c.get(), i)
            : obj().set("results", Json.mapper().createArrayNode());
        if (ids.get(i) == null) {
          r.putNull("document_id");
        } else {
          r.put("document_id", ids.get(i).asText());
        }
        out.add(r);
      }
    }
    json(ctx, 200, out);
  }

  /**
   * Annif's {@code limit}: default 10; 0 keeps no subject (Annif takes the top 0); more than
   * {@link #MAX_ANNIF_LIMIT} is taken as that.
   */
  private static int annifLimit(String limit) {
    return Math.min(MAX_ANNIF_LIMIT,
        Requests.integer("limit", limit, 0, Integer.MAX_VALUE).orElse(ANNIF_DEFAULT_LIMIT));
  }

  /** Annif's rule: at most {@code limit} (≥ 1) labels scoring ≥ threshold. */
  private static DecisionRule annifRule(int limit, String threshold) {
    double t = Requests.number("threshold", threshold, 0, 1).orElse(0.0);
    return DecisionRule.limit(Math.max(1, limit), t);
  }

  /**
   * Annif's {@code language}: the language of the subject labels, the project's when absent; one
   * the vocabulary does not have is Annif's 400. Labels here have one name and no language
   * ({@value #LANGUAGE}).
   */
  private static void checkLanguage(String language) {
    if (language != null && !language.isEmpty() && !language.equals(LANGUAGE)) {
      throw ApiException.badRequest("language \"" + language + "\" not supported by vocabulary");
    }
  }

  private static ObjectNode annifResults(ClassificationService.Classification c, int row) {
    LabelSpace classes = c.scores().classes();
    ObjectNode n = obj();
    ArrayNode a = n.putArray("results");
    for (ScoredLabel s : sorted(c.predictions().get(row))) {
      if (!(s.score() > 0)) { // Annif's suggestions are its nonzero scores only
        continue;
      }
      Label l = classes.get(classes.indexOf(s.label()).getAsInt());
      ObjectNode r = a.addObject();
      r.put("uri", Subjects.uri(l));
      r.put("label", Subjects.label(l));
      r.putNull("notation");
      r.put("score", s.score());
    }
    return n;
  }

  // ---- Annif-compatible: GET /v1/vocabs

  /**
   * Each project's label space is its vocabulary (id: the project's): its size once the model is
   * loaded (a request does not load it), else null, as Annif says of a vocabulary not loaded.
   */
  void vocabs(Context ctx) {
    ObjectNode n = obj();
    ArrayNode a = n.putArray("vocabs");
    catalog().projects().forEach(p -> a.add(vocab(p)));
    json(ctx, 200, n);
  }

  private ObjectNode vocab(ServedProject p) {
    ObjectNode v = obj();
    v.put("vocab_id", p.id());
    v.putArray("languages").add(LANGUAGE);
    boolean loaded = catalog().isLoaded(p.id());
    if (loaded) {
      v.put("size", catalog().model(p.id()).loaded().model().classes().size());
    } else {
      v.putNull("size");
    }
    v.put("loaded", loaded);
    return v;
  }

  // ---- Annif-compatible: POST /v1/projects/{project_id}/learn

  /**
   * No method here updates a trained model from single documents (each is retrained with {@code
   * classify4j train}), so this answers as Annif does for a backend that cannot learn: 503,
   * "Project 'ID': Learning not supported by backend". An unknown project is 404 and a body that
   * is not an array of documents 400 first, as in Annif.
   */
  void learn(Context ctx) {
    String id = ctx.pathParam("project_id");
    requireProject(id);
    JsonNode body = Requests.json(ctx, settings.maxBodyBytes());
    if (!body.isArray()) {
      throw ApiException.badRequest("expected a JSON array of documents {\"text\": …,"
          + " \"subjects\": [{\"uri\": …}]}");
    }
    for (int i = 0; i < body.size(); i++) {
      if (!body.get(i).isObject()) {
        throw ApiException.badRequest("[" + i + "] must be a document object {\"text\": …,"
            + " \"subjects\": […]}");
      }
    }
    throw new ApiException(503, "Project '" + id + "': Learning not supported by backend");
  }

  // ---- Annif-compatible: POST /v1/detect-language

  void detectLanguage(Context ctx) {
    JsonNode body = Requests.json(ctx, settings.maxBodyBytes());
    JsonNode text = body.get("text");
    JsonNode langs = body.get("languages");
    if (!body.isObject() || text == null || !text.isTextual()) {
      throw ApiException.badRequest("\"text\" (a string) is required");
    }
    if (langs == null || !langs.isArray() || langs.isEmpty()
        || langs.size() > MAX_CANDIDATE_LANGUAGES) {
      throw ApiException.badRequest("\"languages\" must be an array of 1 to "
          + MAX_CANDIDATE_LANGUAGES + " candidate languages (BCP 47 codes such as \"en\")");
    }
    List<String> candidates = new ArrayList<>();
    for (int i = 0; i < langs.size(); i++) {
      JsonNode l = langs.get(i);
      if (!l.isTextual() || l.asText().length() < 2 || l.asText().length() > 3) {
        throw ApiException.badRequest("languages[" + i + "] must be a language code of 2 or 3"
            + " letters");
      }
      candidates.add(l.asText());
    }
    if (text.asText().length() > settings.maxTextChars()) {
      throw ApiException.tooLarge("'text' has " + text.asText().length()
          + " characters, over the limit of " + settings.maxTextChars());
    }
    ObjectNode n = obj();
    ArrayNode a = n.putArray("results");
    for (LanguageDetection.Score s : languages.detect(text.asText(), candidates)) {
      ObjectNode r = a.addObject();
      if (s.language().isPresent()) {
        r.put("language", s.language().get());
      } else {
        r.putNull("language");
      }
      r.put("score", s.score());
    }
    json(ctx, 200, n);
  }

  // ---- classify4j's own: GET /v1/classify4j/projects/{project_id}

  void projectDetails(Context ctx) {
    String id = ctx.pathParam("project_id");
    requireProject(id);
    ModelCatalog.Served s = catalog().model(id);
    ObjectNode n = obj();
    n.put("project_id", id);
    n.put("name", s.project().name());
    n.put("description", s.project().description());
    n.put("method", s.loaded().provenance().method());
    n.put("multi_label", s.loaded().model().multiLabel());
    n.set("decision", Json.mapper().valueToTree(s.rule()));
    ArrayNode labels = n.putArray("labels");
    for (Label l : s.loaded().model().classes().labels()) {
      ObjectNode o = labels.addObject();
      o.put("name", l.name());
      o.put("uri", Subjects.uri(l));
      o.put("label", Subjects.label(l));
      o.put("description", l.description());
    }
    n.put("loaded_at", s.loadedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    json(ctx, 200, n);
  }

  // ---- classify4j's own: POST /v1/classify4j/projects/{project_id}/classify

  void classify(Context ctx) {
    String id = ctx.pathParam("project_id");
    requireProject(id);
    JsonNode body = Requests.json(ctx, settings.maxBodyBytes());
    List<String> texts = texts(body);
    int top = top(body);
    Optional<DecisionRule> rule = rule(body);
    ClassificationService.Classification c = service.classify(id, texts, rule);
    ObjectNode n = obj();
    n.put("project_id", id);
    n.set("results", results(c, top));
    json(ctx, 200, n);
  }

  // ---- classify4j's own: POST /v1/classify4j/zero-shot

  void zeroShot(Context ctx) {
    JsonNode body = Requests.json(ctx, settings.maxBodyBytes());
    List<String> texts = texts(body);
    List<Label> labels = labels(body.get("labels"));
    boolean multi = false;
    JsonNode m = body.get("multi_label");
    if (m != null && !m.isNull()) {
      if (!m.isBoolean()) {
        throw ApiException.badRequest("'multi_label' must be true or false");
      }
      multi = m.asBoolean();
    }
    String method = "zero-shot";
    JsonNode mm = body.get("method");
    if (mm != null && !mm.isNull()) {
      if (!mm.isTextual() || !(mm.asText().equals("zero-shot") || mm.asText().startsWith("llm-"))) {
        throw ApiException.badRequest("'method' must be \"zero-shot\" or an LLM method"
            + " (\"llm-zero-shot\")");
      }
      method = mm.asText();
    }
    ClassificationService.Classification c = service.zeroShot(
        new ClassificationService.ZeroShotKey(method, labels, multi), texts, rule(body));
    ObjectNode n = obj();
    n.put("method", method);
    n.set("results", results(c, top(body)));
    json(ctx, 200, n);
  }

  private List<String> texts(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("expected a JSON object with \"text\" or \"texts\"");
    }
    JsonNode t = body.get("text");
    JsonNode ts = body.get("texts");
    if ((t == null) == (ts == null)) {
      throw ApiException.badRequest("give exactly one of \"text\" (a string) or \"texts\" (an"
          + " array of strings)");
    }
    List<String> out = new ArrayList<>();
    if (t != null) {
      if (!t.isTextual()) {
        throw ApiException.badRequest("\"text\" must be a string");
      }
      Requests.checkText("text", t.asText(), settings.maxTextChars());
      out.add(t.asText());
      return out;
    }
    if (!ts.isArray() || ts.isEmpty()) {
      throw ApiException.badRequest("\"texts\" must be a non-empty array of strings");
    }
    if (ts.size() > settings.maxBatchDocuments()) {
      throw ApiException.badRequest("\"texts\" has " + ts.size() + " texts; at most "
          + settings.maxBatchDocuments() + " are allowed");
    }
    for (int i = 0; i < ts.size(); i++) {
      if (!ts.get(i).isTextual()) {
        throw ApiException.badRequest("texts[" + i + "] must be a string");
      }
      Requests.checkText("texts[" + i + "]", ts.get(i).asText(), settings.maxTextChars());
      out.add(ts.get(i).asText());
    }
    return out;
  }

  private static int top(JsonNode body) {
    return Requests.integer(body, "top", 0, Integer.MAX_VALUE).orElse(5);
  }

  /** {@code limit} (with {@code threshold}, default 0) or {@code threshold} alone; else none. */
  private static Optional<DecisionRule> rule(JsonNode body) {
    Optional<Integer> limit = Requests.integer(body, "limit", 1, Integer.MAX_VALUE);
    Optional<Double> threshold = Requests.number(body, "threshold", 0, 1);
    if (limit.isPresent()) {
      return Optional.of(DecisionRule.limit(limit.get(), threshold.orElse(0.0)));
    }
    return threshold.map(DecisionRule::threshold);
  }

  private static List<Label> labels(JsonNode n) {
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw ApiException.badRequest("\"labels\" must be a non-empty array of names or"
          + " {\"name\": …, \"description\": …} objects");
    }
    if (n.size() > MAX_LABELS) {
      throw ApiException.badRequest("\"labels\" has " + n.size() + " labels; at most "
          + MAX_LABELS + " are allowed");
    }
    List<Label> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode l = n.get(i);
      String name;
      String description = "";
      if (l.isTextual()) {
        name = l.asText().strip();
      } else if (l.isObject() && l.path("name").isTextual()) {
        name = l.get("name").asText().strip();
        JsonNode d = l.get("description");
        if (d != null && !d.isNull()) {
          if (!d.isTextual()) {
            throw ApiException.badRequest("labels[" + i + "].description must be a string");
          }
          description = d.asText().strip();
        }
      } else {
        throw ApiException.badRequest("labels[" + i + "] must be a name or an object with"
            + " \"name\"");
      }
      if (name.isEmpty()) {
        throw ApiException.badRequest("labels[" + i + "]: blank name");
      }
      if (name.length() + description.length() > MAX_LABEL_CHARS) {
        throw ApiException.tooLarge("labels[" + i + "] is over " + MAX_LABEL_CHARS
            + " characters");
      }
      if (!seen.add(name)) {
        throw ApiException.badRequest("labels[" + i + "]: duplicate label '" + name + "'");
      }
      out.add(Label.of(name, description));
    }
    return out;
  }

  private static ArrayNode results(ClassificationService.Classification c, int top) {
    ScoreMatrix s = c.scores();
    LabelSpace classes = s.classes();
    ArrayNode a = Json.mapper().createArrayNode();
    for (int i = 0; i < s.rows(); i++) {
      Prediction p = c.predictions().get(i);
      ObjectNode r = a.addObject();
      ArrayNode chosen = r.putArray("labels");
      for (ScoredLabel sl : sorted(p)) {
        Label l = classes.get(classes.indexOf(sl.label()).getAsInt());
        chosen.addObject().put("label", l.name()).put("uri", Subjects.uri(l))
            .put("score", sl.score());
      }
      r.put("abstained", p.abstained());
      int[] cols = top == 0 || top >= classes.size() ? s.rankedColumns(i) : s.topColumns(i, top);
      ArrayNode scores = r.putArray("scores");
      for (int j : cols) {
        scores.addObject().put("label", classes.get(j).name()).put("score", (double) s.get(i, j));
      }
    }
    return a;
  }

  private static List<ScoredLabel> sorted(Prediction p) {
    List<ScoredLabel> l = new ArrayList<>(p.labels());
    l.sort((a, b) -> Double.compare(b.score(), a.score()));
    return l;
  }

  private void requireProject(String id) {
    if (catalog().find(id).isEmpty()) {
      throw unknownProject(id);
    }
  }

  private ApiException unknownProject(String id) {
    List<String> known = catalog().projects().stream().map(ServedProject::id).toList();
    return ApiException.notFound("no project '" + id + "'; known: "
        + (known.isEmpty() ? "none" : String.join(", ", known)));
  }

  // ---- health

  void live(Context ctx) {
    json(ctx, 200, obj().put("status", "up"));
  }

  /**
   * 200 "ready" when every model is loaded and a request can take an in-flight slot now; 503
   * "loading" before, and 503 "saturated" while every slot is taken (a request would get 503).
   */
  void ready(Context ctx) {
    Map<String, Boolean> loaded = catalog().loaded();
    boolean allLoaded = !loaded.containsValue(false);
    boolean full = saturated.getAsBoolean();
    String status = !allLoaded ? "loading" : full ? "saturated" : "ready";
    ObjectNode n = obj().put("status", status);
    ObjectNode ps = n.putObject("projects");
    loaded.forEach(ps::put);
    n.put("in_flight_limit_reached", full);
    json(ctx, status.equals("ready") ? 200 : 503, n);
  }

  static ObjectNode obj() {
    return Json.mapper().createObjectNode();
  }

  static void json(Context ctx, int status, JsonNode n) {
    ctx.status(status).contentType(JSON).result(n.toString());
  }
}
