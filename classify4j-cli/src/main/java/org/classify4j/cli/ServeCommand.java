package org.classify4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.classify4j.app.Backends;
import org.classify4j.app.ModelRegistry;
import org.classify4j.app.ProjectsFile;
import org.classify4j.embed.Embedders;
import org.classify4j.method.LoadContext;
import org.classify4j.persist.ModelStore;
import org.classify4j.server.ClassificationService;
import org.classify4j.server.ClassifyServer;
import org.classify4j.server.Metrics;
import org.classify4j.server.ModelCatalog;
import org.classify4j.server.ServedProject;
import org.classify4j.server.ServerSettings;
import org.classify4j.server.Termination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the REST service (Annif-compatible and classify4j's own API) and its page. */
@Command(
    name = "serve",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Serve the projects of the projects file (or one model directory) over HTTP: Annif's REST"
          + " API under /v1 (suggest, suggest-batch), classify4j's own under /v1/classify4j"
          + " (every label's score, zero-shot with labels in the request), the OpenAPI document"
          + " at /v1/openapi.json, /health/live, /health/ready, /metrics and a web page at /.",
      "With CLASSIFY4J_API_TOKEN set, every route but health and the page needs 'Authorization:"
          + " Bearer TOKEN'. Listening on an address other than loopback needs a token or"
          + " --insecure. SIGTERM or Ctrl-C stops gracefully (requests in flight finish)."
    },
    footer = {
      "%nExamples:",
      "  classify4j serve --model models/tickets --port 5000",
      "  classify4j serve --config projects.json",
      "  curl -d text='my card was declined' localhost:5000/v1/projects/tickets/suggest"
    })
final class ServeCommand extends CliCommand {

  @Option(names = {"-m", "--model"}, paramLabel = "DIR",
      description = "Serve this model directory only (project id: the directory's name).")
  Path modelDir;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Serve only these projects of the projects file (repeatable; default: every"
          + " project with a model_dir).")
  List<String> projects;

  @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "5000",
      description = "Port (default ${DEFAULT-VALUE}, Annif's; 0: any free one).")
  int port;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = ServerSettings.DEFAULT_HOST,
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--insecure",
      description = "Allow a non-loopback --host without CLASSIFY4J_API_TOKEN.")
  boolean insecure;

  @Option(names = "--embedder", paramLabel = "ID",
      description = "Embedder for zero-shot requests (default: env CLASSIFY4J_MODEL, else "
          + Embedders.DEFAULT_ID + ").")
  String embedder;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "Largest request body (default ${DEFAULT-VALUE}); larger: 413.")
  long maxBodyBytes;

  @Option(names = "--max-text-chars", paramLabel = "N", defaultValue = "100000",
      description = "Longest text of one document (default ${DEFAULT-VALUE}); longer: 413.")
  int maxTextChars;

  @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "64",
      description = "Requests served at once (default ${DEFAULT-VALUE}); more: 503, Retry-After.")
  int maxInFlight;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long a request may wait for its scores (default ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--body-timeout-ms", paramLabel = "MS", defaultValue = "5000",
      description = "How long a client may take to send a request's whole body; it is read"
          + " before the request takes an in-flight slot, later: 408 (default ${DEFAULT-VALUE}).")
  long bodyTimeoutMs;

  @Option(names = "--batch-window-ms", paramLabel = "MS", defaultValue = "2",
      description = "Micro-batching: how long a text waits for others (default ${DEFAULT-VALUE}).")
  double batchWindowMs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Micro-batching: most texts scored together (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--scoring-threads", paramLabel = "N",
      description = "Micro-batching: batches of one project scored at once (default: the"
          + " number of processors, as the embedder's own parallel calls).")
  Integer scoringThreads;

  @Override
  public Integer call() throws Exception {
    if (timeout <= 0 || batchWindowMs < 0) {
      throw new CliException("--timeout must be positive and --batch-window-ms not negative");
    }
    if (scoringThreads != null && scoringThreads < 1) {
      throw new CliException("--scoring-threads must be at least 1");
    }
    if (bodyTimeoutMs < 1) {
      throw new CliException("--body-timeout-ms must be at least 1, got " + bodyTimeoutMs);
    }
    ServerSettings serving = ServerSettings.defaults()
        .withAddress(host, port)
        .withToken(env(ServerSettings.ENV_TOKEN), insecure)
        .withLimits(maxBodyBytes, maxTextChars, maxInFlight,
            Duration.ofMillis(Math.round(timeout * 1000)))
        .withBatching(batchSize, Duration.ofNanos(Math.round(batchWindowMs * 1e6)),
            scoringThreads != null ? scoringThreads : ServerSettings.defaultScoringThreads())
        .withBodyTimeout(Duration.ofMillis(bodyTimeoutMs));
    ProjectsFile file;
    if (modelDir != null) {
      if (projects != null) {
        throw new CliException("give --model DIR or --project NAME, not both");
      }
      Path dir = path(modelDir);
      if (!Files.isRegularFile(dir.resolve(ModelStore.MANIFEST))) {
        throw new CliException(dir + ": not a model directory (no " + ModelStore.MANIFEST
            + "); train one with 'classify4j train'");
      }
      file = ServedProject.modelDirProjects(dir);
    } else {
      file = config();
    }
    String zeroShot = embedder != null ? embedder
        : env("CLASSIFY4J_MODEL").orElse(Embedders.DEFAULT_ID);
    ModelRegistry registry = new ModelRegistry(environment(), file);
    // zero-shot requests (and LLM methods, when the environment names an LLM server)
    LoadContext zeroShotContext = Backends.context(settings(Optional.empty()));
    ClassifyServer server;
    try {
      ModelCatalog catalog = ModelCatalog.of(registry, projects == null ? List.of() : projects);
      Metrics metrics = new Metrics();
      server = new ClassifyServer(serving,
          new ClassificationService(catalog, serving, metrics, zeroShotContext, zeroShot),
          metrics);
    } catch (RuntimeException e) {
      registry.close();
      zeroShotContext.close();
      throw e;
    }
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      zeroShotContext.close();
      throw new CliException("cannot listen on " + host + ":" + port + ": "
          + ExitCodes.describe(e), e);
    }
    info("classify4j serve: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + server.port() + "/ (" + server.routes().size() + " routes; "
        + (serving.token().isPresent() ? "bearer token required" : "no token") + ")");
    Thread warm = new Thread(() -> {
      ModelCatalog c = server.catalog();
      c.warmUp();
      info("classify4j serve: models loaded: " + c.loaded());
    }, "warm-up");
    warm.setDaemon(true);
    warm.start();
    String signal;
    try {
      signal = Termination.awaitThenClose(server);
    } finally {
      zeroShotContext.close();
    }
    info("classify4j serve: stopped (" + signal + ")");
    return ExitCodes.OK;
  }
}
