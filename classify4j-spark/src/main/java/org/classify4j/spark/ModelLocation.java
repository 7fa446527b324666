package org.classify4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;
import org.classify4j.Classify4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code modelDir} a user gave into a local directory on this JVM (driver or executor):
 *
 * <ol>
 *   <li>a path (or {@code file:} URI) that exists here: shared storage mounted on every node
 *       (NFS, a Kubernetes volume) or a directory baked into the image;
 *   <li>a Hadoop file system URI ({@code hdfs://}, {@code s3a://}, {@code gs://}, {@code abfs://}):
 *       copied once per JVM into a local temporary directory (the file system's client must be on
 *       the class path, as it is on a cluster that reads such URIs);
 *   <li>a name Spark shipped: {@code --archives model.zip#model} (unpacked in the working
 *       directory) or {@code --files}/{@code SparkContext.addFile(dir, true)} ({@link
 *       SparkFiles#get}).
 * </ol>
 */
final class ModelLocation {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLocation.class);
  private static final ConcurrentHashMap<String, Path> COPIED = new ConcurrentHashMap<>();

  private ModelLocation() {}

  /** The local model directory for {@code location}; an error names every place looked at. */
  static Path resolve(String location) {
    List<String> tried = new ArrayList<>();
    Optional<URI> uri = uri(location);
    String scheme = uri.map(URI::getScheme).orElse(null);
    if (scheme != null && !scheme.equals("file") && scheme.length() > 1) {
      return COPIED.computeIfAbsent(location, ModelLocation::copyToLocal);
    }
    Path local = scheme == null ? Path.of(location) : Path.of(uri.get());
    tried.add(local.toAbsolutePath().toString());
    if (isModelDir(local)) {
      return local.toAbsolutePath().normalize();
    }
    String name = local.getFileName() == null ? location : local.getFileName().toString();
    try {
      Path shipped = Path.of(SparkFiles.get(name));
      tried.add(shipped.toString() + " (SparkFiles)");
      if (isModelDir(shipped)) {
        return shipped.toAbsolutePath().normalize();
      }
    } catch (RuntimeException e) {
      // no SparkEnv on this JVM (not inside Spark): nothing shipped to look at
      LOG.debug("SparkFiles not available: {}", e.toString());
    }
    throw new Classify4jException("no classify4j model directory (with manifest.json) at '"
        + location + "'; looked at " + String.join(", ", tried) + ". Give a path every executor"
        + " can read, a Hadoop URI (hdfs://, s3a://), or ship it with --archives model.zip#model");
  }

  private static boolean isModelDir(Path p) {
    return Files.isRegularFile(p.resolve("manifest.json"));
  }

  private static Optional<URI> uri(String location) {
    // Windows drive letters ("C:\…") and plain paths are not URIs with a scheme
    if (!location.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(location));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Path copyToLocal(String location) {
    try {
      Path target = Files.createTempDirectory("classify4j-model-");
      target.toFile().deleteOnExit();
      org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(location);
      FileSystem fs = src.getFileSystem(new Configuration());
      long started = System.nanoTime();
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(src)) {
        if (st.isFile()) {
          Path dest = target.resolve(st.getPath().getName());
          dest.toFile().deleteOnExit();
          fs.copyToLocalFile(false, st.getPath(), new org.apache.hadoop.fs.Path(dest.toUri()), true);
        }
      }
      if (!isModelDir(target)) {
        throw new Classify4jException(location + " is not a classify4j model directory (no"
            + " manifest.json)");
      }
      LOG.info("copied model {} to {} in {} ms", location, target,
          (System.nanoTime() - started) / 1_000_000);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the model directory " + location
          + " to local disk: " + e.getMessage(), e);
    }
  }
}
