package org.classify4j.openai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.llm.ChatResponse;
import org.classify4j.llm.cache.CacheKey;
import org.classify4j.llm.cache.ResponseCache;
import org.classify4j.llm.cache.ResponseCodec;

/**
 * A persistent {@link ResponseCache} in an embedded H2 database file ({@code responses.mv.db}) in
 * a directory: by default {@code $CLASSIFY4J_CACHE_DIR}, else the user's cache directory
 * ({@code $XDG_CACHE_HOME/classify4j} or {@code ~/.cache/classify4j} on Linux, {@code
 * ~/Library/Caches/classify4j} on macOS, {@code %LOCALAPPDATA%\classify4j\cache} on Windows).
 * Stores the key (a hash), the model id, the answer as JSON and when it was stored — never the
 * prompt. Thread-safe (one connection, synchronized). One process at a time may open a directory
 * (H2's file lock); close it when done.
 */
public final class H2ResponseCache implements ResponseCache {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(H2ResponseCache.class);
  public static final String ENV_CACHE_DIR = "CLASSIFY4J_CACHE_DIR";

  private final Connection conn;
  private final Path dir;
  private final PreparedStatement get;
  private final PreparedStatement put;
  private final PreparedStatement count;

  private H2ResponseCache(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      String url = "jdbc:h2:file:" + dir.resolve("responses").toAbsolutePath()
          // several processes may share one cache directory: the first to open it serves the
          // others over a local socket, and one of them takes over when it exits
          + ";AUTO_SERVER=TRUE";
      conn = DriverManager.getConnection(url, "sa", "");
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS responses (k CHAR(64) PRIMARY KEY,"
            + " model VARCHAR(1000) NOT NULL, body CLOB NOT NULL,"
            + " created TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      get = conn.prepareStatement("SELECT body FROM responses WHERE k = ?");
      put = conn.prepareStatement("MERGE INTO responses (k, model, body, created) KEY (k)"
          + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)");
      count = conn.prepareStatement("SELECT COUNT(*) FROM responses");
    } catch (IOException | SQLException e) {
      throw new Classify4jException("cannot open the response cache in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** Opens (creating) the cache in {@code dir}. */
  public static H2ResponseCache open(Path dir) {
    return new H2ResponseCache(dir);
  }

  /** Opens the cache in the default directory ({@link #defaultDirectory(Map)} of the environment). */
  public static H2ResponseCache openDefault() {
    return open(defaultDirectory(System.getenv()));
  }

  /** {@code CLASSIFY4J_CACHE_DIR}, else the platform's user cache directory + classify4j. */
  public static Path defaultDirectory(Map<String, String> env) {
    String explicit = env.getOrDefault(ENV_CACHE_DIR, "");
    if (!explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String local = env.getOrDefault("LOCALAPPDATA", "");
      return (local.isBlank() ? Path.of(home, "AppData", "Local") : Path.of(local))
          .resolve("classify4j").resolve("cache");
    }
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Caches", "classify4j");
    }
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    return (xdg.isBlank() ? Path.of(home, ".cache") : Path.of(xdg)).resolve("classify4j");
  }

  public Path directory() {
    return dir;
  }

  @Override
  public synchronized Optional<ChatResponse> get(CacheKey key) {
    try {
      get.setString(1, key.sha256());
      try (ResultSet rs = get.executeQuery()) {
        return rs.next() ? Optional.of(ResponseCodec.fromJson(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      // a cache is a saving, not a dependency: a read that fails (the database closed by the JVM
      // exiting under Ctrl-C, a serving process gone) is a miss
      LOG.warn("response cache read failed ({}): asking the model", e.getMessage());
      return Optional.empty();
    }
  }

  /** Stores an answer; the model id is recorded for housekeeping. */
  public synchronized void put(CacheKey key, String modelId, ChatResponse response) {
    try {
      put.setString(1, key.sha256());
      put.setString(2, modelId);
      put.setString(3, ResponseCodec.toJson(response));
      put.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("response cache write failed ({}): the answer is not cached", e.getMessage());
    }
  }

  @Override
  public void put(CacheKey key, ChatResponse response) {
    put(key, "", response);
  }

  @Override
  public synchronized long size() {
    try (ResultSet rs = count.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new Classify4jException("response cache count failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new Classify4jException("closing the response cache failed: " + e.getMessage(), e);
    }
  }
}
