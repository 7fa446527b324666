package org.classify4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the graph that ONNX Runtime optimised for a bundled model, so that the next process loads
 * the optimised file instead of reading the model out of the jar and optimising it again (most of
 * a cold start's time after the JVM's own). One file per model in {@code
 * $CLASSIFY4J_CACHE_DIR/onnx} (default: the user's cache directory + {@code classify4j}), named by
 * a key over everything that could make it stale: the model's name and its bytes' identity in the
 * jar (CRC-32 and size of the jar entry, or size and time of a plain file), the ONNX Runtime
 * version, the optimisation level and the CPU architecture. The file is written to a temporary name
 * and moved into place, so a reader never sees half of it; a file that ONNX Runtime cannot load (a
 * damaged disk, a hand edit) is deleted and the model is read from the jar as before. A cache that
 * cannot be written (read-only home) only costs the saving. {@code CLASSIFY4J_ONNX_CACHE=off}
 * turns it off.
 */
final class OptimizedModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(OptimizedModelCache.class);

  static final String ENV_CACHE_DIR = "CLASSIFY4J_CACHE_DIR";
  static final String ENV_SWITCH = "CLASSIFY4J_ONNX_CACHE";

  private final Path dir;

  OptimizedModelCache(Path dir) {
    this.dir = dir;
  }

  /** The cache of this environment, or none when {@code CLASSIFY4J_ONNX_CACHE=off}. */
  static Optional<OptimizedModelCache> fromEnvironment(Map<String, String> env) {
    if ("off".equalsIgnoreCase(env.getOrDefault(ENV_SWITCH, "").trim())) {
      return Optional.empty();
    }
    return Optional.of(new OptimizedModelCache(defaultDirectory(env).resolve("onnx")));
  }

  /** {@code CLASSIFY4J_CACHE_DIR}, else the platform's user cache directory + classify4j. */
  static Path defaultDirectory(Map<String, String> env) {
    String explicit = env.getOrDefault(ENV_CACHE_DIR, "");
    if (!explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String local = env.getOrDefault("LOCALAPPDATA", "");
      return (local.isBlank() ? Path.of(home, "AppData", "Local") : Path.of(local))
          .resolve("classify4j")
          .resolve("cache");
    }
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Caches", "classify4j");
    }
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    return (xdg.isBlank() ? Path.of(home, ".cache") : Path.of(xdg)).resolve("classify4j");
  }

  Path directory() {
    return dir;
  }

  /**
   * The cache key of a model: a hash over its name, the identity of its bytes, the ONNX Runtime
   * version, the optimisation level and the CPU architecture.
   */
  static String key(
      String modelName, String bytesIdentity, String ortVersion, String optLevel, String arch) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {modelName, bytesIdentity, ortVersion, optLevel, arch}) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /**
   * What identifies a resource's bytes without reading them: CRC-32 and size of a jar entry, size
   * and modification time of a plain file; empty when neither can be told (no caching then).
   */
  static Optional<String> bytesIdentity(URL resource) {
    try {
      URLConnection c = resource.openConnection();
      if (c instanceof JarURLConnection jc) {
        JarEntry e = jc.getJarEntry();
        if (e == null || e.getCrc() < 0 || e.getSize() < 0) {
          return Optional.empty();
        }
        return Optional.of("jar:" + Long.toHexString(e.getCrc()) + ":" + e.getSize());
      }
      if ("file".equals(resource.getProtocol())) {
        Path p = Path.of(resource.toURI());
        return Optional.of(
            "file:" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      LOG.debug("cannot identify {}: {}", resource, e.toString());
    }
    return Optional.empty();
  }

  /** The file a model with this key is kept in. */
  Path file(String modelName, String key) {
    return dir.resolve(modelName.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + key + ".ort.onnx");
  }

  /**
   * A session on the cached optimised graph when there is a good one, else one made from {@code
   * bytes} (read only then) whose optimised graph is kept for the next time.
   *
   * @param options makes fresh session options (all optimisations); called once per attempt
   */
  OrtSession open(
      OrtEnvironment env,
      String modelName,
      String key,
      Supplier<byte[]> bytes,
      OptionsFactory options)
      throws OrtException {
    Path cached = file(modelName, key);
    if (Files.isRegularFile(cached)) {
      try (OrtSession.SessionOptions o = options.create()) {
        // the file holds the graph after every optimisation: running them again finds nothing
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        OrtSession s = env.createSession(cached.toString(), o);
        LOG.debug("{}: optimised graph from {}", modelName, cached);
        return s;
      } catch (OrtException | RuntimeException e) {
        LOG.warn(
            "{}: the cached optimised model {} cannot be loaded ({}); reading the bundled model",
            modelName,
            cached,
            e.getMessage());
        deleteQuietly(cached);
      }
    }
    byte[] model = bytes.get();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".tmp-", ".onnx");
    } catch (IOException | RuntimeException e) {
      LOG.debug("{}: model cache {} not writable: {}", modelName, dir, e.toString());
    }
    if (tmp != null) {
      try (OrtSession.SessionOptions o = options.create()) {
        o.setOptimizedModelFilePath(tmp.toString());
        // ORT warns (on stderr) that a graph optimised at this level suits this machine only:
        // it is kept on this machine, under a key with its architecture
        o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        OrtSession s = env.createSession(model, o);
        publish(tmp, cached);
        return s;
      } catch (OrtException | RuntimeException e) {
        LOG.debug("{}: optimised model not saved: {}", modelName, e.toString());
        deleteQuietly(tmp);
      }
    }
    try (OrtSession.SessionOptions o = options.create()) {
      return env.createSession(model, o);
    }
  }

  private static void publish(Path tmp, Path cached) {
    try {
      if (Files.size(tmp) == 0) {
        deleteQuietly(tmp);
        return;
      }
      try {
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("optimised model not kept at {}: {}", cached, e.toString());
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot delete {}: {}", p, e.toString());
    }
  }

  /** Fresh session options for one attempt. */
  @FunctionalInterface
  interface OptionsFactory {
    OrtSession.SessionOptions create() throws OrtException;
  }
}
