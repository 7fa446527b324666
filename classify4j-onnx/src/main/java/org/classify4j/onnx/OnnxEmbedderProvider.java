package org.classify4j.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.embed.EmbedderProvider;
import org.classify4j.embed.TextEmbedder;

/**
 * Creates {@link OnnxTextEmbedder}s for ids {@code onnx:NAME} or bare {@code NAME} (a {@link
 * BundledModel}), {@code onnx:/path/to/model-dir}, and {@code onnx} alone (the default model).
 * Options follow a {@code ?}: {@code longText=truncate|chunk}, {@code maxLength=N}, {@code
 * batching=padded|same_length|one_by_one}, {@code batchSize=N}, {@code maxBatchTokens=N}, {@code
 * threads=N} (parallel model calls), {@code intraOp=N} (ONNX Runtime intra-op threads); for example
 * {@code onnx:all-minilm-l6-v2?longText=chunk}.
 */
public final class OnnxEmbedderProvider implements EmbedderProvider {
  private static final String SCHEME = "onnx:";

  @Override
  public Optional<TextEmbedder> create(String id) {
    String spec = id.trim();
    String query = "";
    int q = spec.indexOf('?');
    if (q >= 0) {
      query = spec.substring(q + 1);
      spec = spec.substring(0, q);
    }
    OnnxEmbedderBuilder b = OnnxTextEmbedder.builder();
    if (spec.equalsIgnoreCase("onnx")) {
      b.model(BundledModel.DEFAULT);
    } else if (spec.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      String rest = spec.substring(SCHEME.length());
      Optional<BundledModel> m = BundledModel.find(rest);
      if (m.isPresent()) {
        b.model(m.get());
      } else if (looksLikePath(rest)) {
        b.modelDirectory(Path.of(rest));
      } else {
        throw new Classify4jException(
            "unknown ONNX model '" + rest + "': not a bundled model ("
                + String.join(", ", names()) + ") nor a directory path");
      }
    } else {
      Optional<BundledModel> m = BundledModel.find(spec);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      b.model(m.get());
    }
    applyOptions(b, query, id);
    return Optional.of(b.build());
  }

  @Override
  public List<String> knownIds() {
    List<String> ids = new ArrayList<>();
    for (BundledModel m : BundledModel.available()) {
      ids.add(m.id());
    }
    return List.copyOf(ids);
  }

  private static boolean looksLikePath(String s) {
    return s.startsWith("/") || s.startsWith(".") || s.startsWith("~") || s.contains("/")
        || s.contains("\\") || (s.length() > 1 && s.charAt(1) == ':');
  }

  private static List<String> names() {
    return BundledModel.all().stream().map(BundledModel::name).toList();
  }

  private static void applyOptions(OnnxEmbedderBuilder b, String query, String id) {
    if (query.isEmpty()) {
      return;
    }
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new Classify4jException("bad option '" + kv + "' in embedder id '" + id + "'");
      }
      String k = kv.substring(0, eq).trim();
      String v = kv.substring(eq + 1).trim();
      try {
        switch (k) {
          case "longText" -> b.longTextPolicy(LongTextPolicy.valueOf(v.toUpperCase(Locale.ROOT)));
          case "maxLength" -> b.maxLength(Integer.parseInt(v));
          case "batching" -> b.batching(BatchingPolicy.valueOf(v.toUpperCase(Locale.ROOT)));
          case "batchSize" -> b.batchSize(Integer.parseInt(v));
          case "maxBatchTokens" -> b.maxBatchTokens(Integer.parseInt(v));
          case "threads" -> b.parallelism(Integer.parseInt(v));
          case "intraOp" -> b.intraOpThreads(Integer.parseInt(v));
          default -> throw new IllegalArgumentException(
              "unknown option; known: longText, maxLength, batching, batchSize, maxBatchTokens,"
                  + " threads, intraOp");
        }
      } catch (IllegalArgumentException e) {
        throw new Classify4jException(
            "bad option '" + kv + "' in embedder id '" + id + "': " + e.getMessage(), e);
      }
    }
  }
}
