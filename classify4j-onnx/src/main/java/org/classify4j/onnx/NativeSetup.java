package org.classify4j.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native-library setup for the ONNX models of this module.
 *
 * <p>Keeps DJL's tokenizer loader offline. DJL ships the CPU build of the Hugging Face tokenizers
 * library inside its jar, but on a machine with CUDA it would look for (and try to download) a
 * CUDA build. Setting {@code RUST_FLAVOR=cpu} makes it use the one in the jar. A value the user set
 * (environment or system property) is left alone.
 *
 * <p>Keeps ONNX Runtime's native libraries extracted: by itself ONNX Runtime inflates its 24 MB
 * library out of the jar into a fresh temporary directory in every process (a fifth of a cold
 * start). {@link #useCachedOrtLibraries} extracts them once into the cache directory, under a
 * folder named by the jar entries' CRC-32 and size (a new ONNX Runtime gets a new folder), and
 * points ONNX Runtime at it with {@code onnxruntime.native.path}. A path the user set is left
 * alone; when anything fails ONNX Runtime loads as it would without this.
 */
public final class NativeSetup {
  private static final Logger LOG = LoggerFactory.getLogger(NativeSetup.class);
  static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";
  private static boolean ortChecked;

  private NativeSetup() {}

  public static void preferCpuTokenizers() {
    if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
      System.setProperty("RUST_FLAVOR", "cpu");
    }
  }

  /**
   * Before ONNX Runtime's first use in this process: points it at a cached extraction of its native
   * libraries (made now if missing). Off with {@code CLASSIFY4J_ONNX_CACHE=off}.
   */
  public static synchronized void useCachedOrtLibraries() {
    if (ortChecked) {
      return;
    }
    ortChecked = true;
    if (System.getProperty(ORT_PATH_PROPERTY) != null) {
      return;
    }
    Map<String, String> env = System.getenv();
    if ("off".equalsIgnoreCase(env.getOrDefault(OptimizedModelCache.ENV_SWITCH, "").trim())) {
      return;
    }
    cachedOrtLibraries(OptimizedModelCache.defaultDirectory(env).resolve("native"))
        .ifPresent(dir -> System.setProperty(ORT_PATH_PROPERTY, dir.toString()));
  }

  /** The folder holding ONNX Runtime's libraries for this platform, extracting them when missing. */
  static Optional<Path> cachedOrtLibraries(Path root) {
    Optional<String> platform = ortPlatform();
    if (platform.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = List.of(
        System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
    List<URL> urls = new ArrayList<>();
    StringBuilder id = new StringBuilder(platform.get());
    for (String n : names) {
      Optional<URL> u = BundledModel.resource("ai/onnxruntime/native/" + platform.get() + "/" + n);
      if (u.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> ident = OptimizedModelCache.bytesIdentity(u.get());
      if (ident.isEmpty()) {
        return Optional.empty();
      }
      urls.add(u.get());
      id.append('|').append(n).append('|').append(ident.get());
    }
    Path dir = root.resolve("onnxruntime-" + OptimizedModelCache.key("onnxruntime", id.toString(), "", "", ""));
    try {
      for (int i = 0; i < names.size(); i++) {
        Path target = dir.resolve(names.get(i));
        long size = urls.get(i).openConnection().getContentLengthLong();
        // a file of another size is a damaged or cut extraction: made again
        if (!Files.isRegularFile(target) || (size >= 0 && Files.size(target) != size)) {
          Files.createDirectories(dir);
          Path tmp = Files.createTempFile(dir, ".tmp-", ".lib");
          try (InputStream in = urls.get(i).openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
              Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
      }
      return Optional.of(dir);
    } catch (IOException | RuntimeException e) {
      LOG.debug("ONNX Runtime libraries not cached in {}: {}", dir, e.toString());
      return Optional.empty();
    }
  }

  /** ONNX Runtime's name for this platform's resource folder ({@code linux-x64}, …). */
  static Optional<String> ortPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : "";
    String a = switch (arch) {
      case "amd64", "x86_64" -> "x64";
      case "aarch64", "arm64" -> "aarch64";
      default -> "";
    };
    return o.isEmpty() || a.isEmpty() ? Optional.empty() : Optional.of(o + "-" + a);
  }
}
