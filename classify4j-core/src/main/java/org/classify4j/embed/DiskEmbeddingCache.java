package org.classify4j.embed;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TextEmbedder} that keeps document vectors in a file, so a corpus is embedded once
 * across runs (embedding 20,000 records with MiniLM takes about 20 minutes on two cores). The
 * file holds records of a 32-byte SHA-256 of the text followed by the little-endian float32
 * vector; new vectors are appended. Label texts ({@link #embedLabels}) are kept too, under the hash
 * of the text prefixed by a NUL and "label" (models with asymmetric prefixes embed them
 * differently). Its id is the wrapped embedder's; closing it closes nothing.
 *
 * <p>Thread-safe, and instances in this and other processes may share a file: one writes at a
 * time (a monitor per file in this JVM and a file lock across processes), and an instance rereads
 * what others appended before it embeds a text it misses. A cut-off last record (a writer killed
 * mid-write) is ignored when reading and dropped before the next append. Records carry no model
 * id: use one file per embedder (and its options), as a different dimension misreads the file.
 * Meant for benchmarks: point it at target/ or /tmp, never at the repository.
 */
public final class DiskEmbeddingCache extends ForwardingTextEmbedder {
  private static final Logger LOG = LoggerFactory.getLogger(DiskEmbeddingCache.class);
  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();
  private long readBytes;

  public DiskEmbeddingCache(TextEmbedder inner, Path file) {
    super(inner);
    this.file = file;
    synchronized (vectors) {
      readNewRecords();
    }
  }

  /**
   * Reads the records appended to the file since the last read (all of them the first time):
   * another instance or process may have embedded the texts this one misses. A partly written
   * last record is left for the next read. Callers hold the lock on {@code vectors}.
   */
  private void readNewRecords() {
    if (!Files.exists(file)) {
      return;
    }
    int d = inner.dimension();
    int record = 32 + 4 * d;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      in.skipNBytes(readBytes);
      DataInputStream din = new DataInputStream(in);
      byte[] hash = new byte[32];
      byte[] vec = new byte[4 * d];
      while (true) {
        try {
          din.readFully(hash);
          din.readFully(vec);
        } catch (EOFException e) {
          break;
        }
        float[] v = new float[d];
        ByteBuffer.wrap(vec).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        vectors.putIfAbsent(HexFormat.of().formatHex(hash), v);
        readBytes += record;
      }
    } catch (EOFException e) {
      // the file is shorter than what was read before: nothing new
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    synchronized (vectors) {
      return vectors.size();
    }
  }

  @Override
  public float[][] embed(List<String> texts) {
    return cached(texts, "", inner::embed);
  }

  private float[][] cached(List<String> texts, String keyPrefix,
      java.util.function.Function<List<String>, float[][]> compute) {
    float[][] out = new float[texts.size()][];
    String[] keys = new String[texts.size()];
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      keys[i] = hash(keyPrefix + texts.get(i));
      where.add(i);
    }
    synchronized (vectors) {
      where = fillKnown(where, keys, out);
      if (!where.isEmpty()) {
        // another instance (or process) may have added them since this one read the file
        readNewRecords();
        where = fillKnown(where, keys, out);
      }
    }
    List<String> missing = new ArrayList<>(where.size());
    where.forEach(i -> missing.add(texts.get(i)));
    if (!missing.isEmpty()) {
      float[][] fresh = compute.apply(missing);
      // one writer at a time: other caches on this file in this JVM (the monitor) and in other
      // processes (the OS lock), so that their records never interleave inside a record
      synchronized (monitor(file)) {
        synchronized (vectors) {
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
              OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch))) {
            ch.lock(); // released when the channel closes, after the stream has flushed
            ch.position(endOfLastWholeRecord(ch));
            ByteBuffer buf =
                ByteBuffer.allocate(4 * inner.dimension()).order(ByteOrder.LITTLE_ENDIAN);
            for (int m = 0; m < fresh.length; m++) {
              int i = where.get(m);
              out[i] = fresh[m];
              if (vectors.putIfAbsent(keys[i], fresh[m].clone()) == null) {
                os.write(HexFormat.of().parseHex(keys[i]));
                buf.clear();
                buf.asFloatBuffer().put(fresh[m]);
                os.write(buf.array());
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return out;
  }

  /**
   * Copies the known vectors of these positions into {@code out}; returns the positions whose
   * vectors are not known. Callers hold the lock on {@code vectors}.
   */
  private List<Integer> fillKnown(List<Integer> positions, String[] keys, float[][] out) {
    List<Integer> unknown = new ArrayList<>();
    for (int i : positions) {
      float[] v = vectors.get(keys[i]);
      if (v != null) {
        out[i] = v.clone();
      } else {
        unknown.add(i);
      }
    }
    return unknown;
  }

  /**
   * Where the next record goes: the end of the file, less a cut-off last record (a writer killed
   * while writing), which is dropped so that the records after it line up. Callers hold the lock
   * on the file, so no other writer is writing that record.
   */
  private long endOfLastWholeRecord(FileChannel ch) throws IOException {
    long size = ch.size();
    long end = size - size % (32 + 4L * inner.dimension());
    if (end < size) {
      LOG.warn("{}: dropping a cut-off last record ({} bytes) before appending", file, size - end);
      ch.truncate(end);
    }
    return end;
  }

  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private static Object monitor(Path file) {
    return MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
  }

  @Override
  public float[][] embedLabels(List<String> texts) {
    return cached(texts, "\u0000label", inner::embedLabels);
  }

  static String hash(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
