package org.classify4j.bench;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.embed.TextEmbedder;

/**
 * Benchmarks only: remembers every vector an embedder gave, on disk ({@code DIR/<id>.docs.bin}
 * and {@code .labels.bin}, append-only records of text and floats), so reruns of a quality
 * benchmark skip the embedding. The id of the wrapped embedder names the files, so vectors of
 * different models or options never mix.
 */
final class DiskCachedEmbedder implements TextEmbedder {
  private final TextEmbedder inner;
  private final Store docs;
  private final Store labels;

  DiskCachedEmbedder(TextEmbedder inner, Path dir) {
    this.inner = inner;
    String stem = inner.id().replaceAll("[^A-Za-z0-9._=-]+", "_");
    this.docs = new Store(dir.resolve(stem + ".docs.bin"), inner.dimension());
    this.labels = new Store(dir.resolve(stem + ".labels.bin"), inner.dimension());
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public float[][] embed(List<String> texts) {
    return docs.get(texts, inner::embed);
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    return labels.get(texts, inner::embedLabels);
  }

  /**
   * The record key of a text: the text itself, or for texts too long for {@code writeUTF} (its
   * 65,535-byte limit) a SHA-256 digest of it, so long documents (20newsgroups) are cached too.
   */
  static String key(String text) {
    if (text.length() <= MAX_INLINE) {
      return text;
    }
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "\u0000sha256:" + java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Texts up to this many chars are stored as they are (at most 3 bytes a char in modified UTF-8). */
  static final int MAX_INLINE = 20_000;

  private static final class Store {
    private final Path file;
    private final int dim;
    private final Map<String, float[]> map = new HashMap<>();

    Store(Path file, int dim) {
      this.file = file;
      this.dim = dim;
      if (Files.exists(file)) {
        try (DataInputStream in =
            new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
          while (true) {
            String t;
            try {
              t = in.readUTF();
            } catch (EOFException e) {
              break;
            }
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
              v[j] = in.readFloat();
            }
            map.put(t, v);
          }
        } catch (EOFException e) {
          // a cut-off last record: keep what was read
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    synchronized float[][] get(List<String> texts, java.util.function.Function<List<String>, float[][]> f) {
      List<String> missing = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String t : texts) {
        String k = key(t);
        if (!map.containsKey(k) && seen.add(k)) {
          missing.add(t);
        }
      }
      if (!missing.isEmpty()) {
        float[][] v = f.apply(missing);
        try {
          Files.createDirectories(file.toAbsolutePath().getParent());
          try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
              Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 20))) {
            for (int i = 0; i < missing.size(); i++) {
              String k = key(missing.get(i));
              out.writeUTF(k);
              for (float x : v[i]) {
                out.writeFloat(x);
              }
              map.put(k, v[i]);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = map.get(key(texts.get(i))).clone();
      }
      return out;
    }
  }
}
