package org.classify4j.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.classify4j.Classify4jException;
import org.classify4j.Version;
import org.classify4j.data.BadInputException;
import org.eclipse.jetty.server.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classify4j REST service: Annif-compatible routes under {@code /v1}, classify4j's own under
 * {@code /v1/classify4j}, the OpenAPI document at {@code /v1/openapi.json}, health, Prometheus
 * metrics, and a web page at {@code /}. Javalin 7 on Jetty 12.
 *
 * <p>Every route goes through one guard: bearer token (when set; health and the page's static
 * files are open), the in-flight limit (503 with Retry-After), problem+json errors and metrics.
 * No CORS headers are sent. Request texts and tokens are never logged.
 *
 * <p>{@link #close()} stops gracefully: the listening socket closes, requests in flight finish
 * (up to the grace period), new requests on open connections get 503, then Jetty stops and the
 * models are closed.
 */
public final class ClassifyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifyServer.class);
  static final String WEB = "/org/classify4j/server/web/";
  static final Map<String, String> STATIC_FILES = Map.of(
      "app.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");

  private final ServerSettings settings;
  private final ClassificationService service;
  private final Metrics metrics;
  private final Optional<BearerToken> token;
  private final Semaphore inFlight;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Route> routes;
  private final String openApi;
  private Javalin app;

  /**
   * A server for these projects; not listening until {@link #start()}.
   *
   * @throws Classify4jException when the address is not loopback and there is neither a token nor
   *     {@code insecure}
   */
  public ClassifyServer(ServerSettings settings, ClassificationService service, Metrics metrics) {
    this.settings = Objects.requireNonNull(settings);
    this.service = Objects.requireNonNull(service);
    this.metrics = Objects.requireNonNull(metrics);
    if (settings.token().isEmpty() && !settings.insecure() && !isLoopback(settings.host())) {
      throw new Classify4jException("refusing to listen on " + settings.host()
          + " without a token: set " + ServerSettings.ENV_TOKEN
          + " (clients then send 'Authorization: Bearer TOKEN'), bind a loopback address, or"
          + " give --insecure");
    }
    this.token = settings.token().map(BearerToken::new);
    this.inFlight = new Semaphore(settings.maxInFlight());
    metrics.gauges(() -> settings.maxInFlight() - inFlight.availablePermits(),
        () -> service.catalog().loaded(), service::queued);
    Api api = new Api(service, settings, this::saturated);
    this.routes = List.of(
        new Route("GET", "/", true, false, ctx -> page(ctx, "index.html", "text/html; charset=utf-8")),
        new Route("GET", "/static/{file}", true, false, this::staticFile),
        new Route("GET", "/v1/", false, false, api::info),
        new Route("GET", "/v1/projects", false, false, api::projects),
        new Route("GET", "/v1/projects/{project_id}", false, false, api::project),
        new Route("POST", "/v1/projects/{project_id}/suggest", false, true, api::suggest),
        new Route("POST", "/v1/projects/{project_id}/suggest-batch", false, true,
            api::suggestBatch),
        new Route("POST", "/v1/projects/{project_id}/learn", false, true, api::learn),
        new Route("GET", "/v1/vocabs", false, false, api::vocabs),
        new Route("POST", "/v1/detect-language", false, true, api::detectLanguage),
        new Route("GET", "/v1/classify4j/projects/{project_id}", false, true,
            api::projectDetails),
        new Route("POST", "/v1/classify4j/projects/{project_id}/classify", false, true,
            api::classify),
        new Route("POST", "/v1/classify4j/zero-shot", false, true, api::zeroShot),
        new Route("GET", "/v1/openapi.json", false, false, this::openApi),
        new Route("GET", "/health/live", true, false, api::live),
        new Route("GET", "/health/ready", true, false, api::ready),
        new Route("GET", "/metrics", false, false,
            ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.render())));
    this.openApi = resource("openapi.json").replace("${version}", Version.get());
  }

  /** The projects and their models. */
  public ModelCatalog catalog() {
    return service.catalog();
  }

  /** The routes, as registered. */
  public List<Route> routes() {
    return routes;
  }

  /** Starts listening; returns this. */
  public synchronized ClassifyServer start() {
    if (app != null) {
      throw new IllegalStateException("already started");
    }
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.startup.startupWatcherEnabled = false;
      config.http.maxRequestSize = settings.maxBodyBytes();
      config.http.prefer405over404 = false;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.jetty.modifyServer(s -> s.setStopTimeout(settings.shutdownGrace().toMillis()));
      for (Route r : routes) {
        config.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(),
            ctx -> guard(r, ctx));
      }
      config.routes.error(404, ctx -> {
        if (!isProblem(ctx)) {
          problem(ctx, new ApiException(404, "no route " + ctx.method() + " " + ctx.path()
              + "; see /v1/openapi.json"));
          metrics.request("unmatched", ctx.method().name(), 404, 0);
        }
      });
      config.routes.exception(Exception.class, (e, ctx) -> problem(ctx, toApi(e)));
    });
    app.start();
    LOG.info("classify4j serve: listening on http://{}:{}/ ({} projects{})", settings.host(),
        app.port(), service.catalog().projects().size(),
        token.isPresent() ? ", bearer token required" : "");
    return this;
  }

  /** The port listened on (the chosen one when the settings said 0). */
  public int port() {
    return app.port();
  }

  private static boolean isProblem(Context ctx) {
    String ct = ctx.res().getContentType();
    return ct != null && ct.startsWith(Problem.CONTENT_TYPE);
  }

  private void guard(Route r, Context ctx) {
    long t0 = System.nanoTime();
    active.incrementAndGet();
    boolean acquired = false;
    try {
      if (!r.open() && token.isPresent()
          && !token.get().accepts(Optional.ofNullable(ctx.header("Authorization")))) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiException(401, "a valid 'Authorization: Bearer TOKEN' header is required");
      }
      if (r.limited()) {
        if (r.method().equals("POST")) {
          // the whole body first, within its time limit: a client that announces a body and
          // sends it slowly or never holds a connection, never an in-flight slot
          try {
            Requests.readAhead(ctx, settings.maxBodyBytes(), settings.bodyTimeout());
          } catch (ApiException e) {
            if (e.status() == 408) {
              metrics.rejected("slow_body");
              ctx.header("Connection", "close");
            }
            throw e;
          }
        }
        if (stopping.get()) {
          metrics.rejected("shutting_down");
          ctx.header("Connection", "close");
          throw ApiException.unavailable("the service is shutting down", 1);
        }
        if (!inFlight.tryAcquire()) {
          metrics.rejected("in_flight");
          throw ApiException.unavailable("too many requests in flight (limit "
              + settings.maxInFlight() + "); retry shortly", 1);
        }
        acquired = true;
      }
      r.handler().handle(ctx);
    } catch (Exception e) {
      problem(ctx, toApi(e));
    } finally {
      if (acquired) {
        inFlight.release();
      }
      active.decrementAndGet();
      metrics.request(r.path(), r.method(), ctx.statusCode(), System.nanoTime() - t0);
    }
  }

  private static ApiException toApi(Exception e) {
    if (e instanceof ApiException a) {
      return a;
    }
    if (e instanceof BadInputException b) {
      return ApiException.badRequest(b.getMessage());
    }
    if (e instanceof io.javalin.http.HttpResponseException h) {
      int s = h.getStatus() >= 400 && h.getStatus() <= 599 ? h.getStatus() : 500;
      return new ApiException(s, h.getMessage());
    }
    // no request content in the log: the exception's class and message only
    LOG.warn("request failed: {}: {}", e.getClass().getName(), e.getMessage());
    LOG.debug("request failure", e);
    if (e instanceof Classify4jException c && c.retriable()) {
      return new ApiException(503, "a backend failed: " + c.getMessage(), Optional.of(5), e);
    }
    return new ApiException(500, "internal error (" + e.getClass().getSimpleName() + ")");
  }

  static void problem(Context ctx, ApiException e) {
    e.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Integer.toString(s)));
    ctx.status(e.status()).contentType(Problem.CONTENT_TYPE)
        .result(Problem.of(e.status(), e.getMessage()).toJson());
  }

  private void openApi(Context ctx) {
    ctx.contentType(Api.JSON).result(openApi);
  }

  private void staticFile(Context ctx) {
    String f = ctx.pathParam("file");
    String type = STATIC_FILES.get(f);
    if (type == null) {
      throw ApiException.notFound("no file '" + f + "'");
    }
    page(ctx, f, type);
  }

  private static void page(Context ctx, String file, String type) {
    ctx.contentType(type).header("Cache-Control", "no-cache")
        .header("X-Content-Type-Options", "nosniff")
        .result(resource(file));
  }

  static String resource(String name) {
    String path = name.endsWith(".json") ? "/org/classify4j/server/" + name : WEB + name;
    try (InputStream in = ClassifyServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether every in-flight slot is taken now: a request that needs one would get 503. */
  boolean saturated() {
    return inFlight.availablePermits() == 0;
  }

  /** Requests being handled now (all routes). */
  public int active() {
    return active.get();
  }

  /**
   * Graceful stop: closes the listening socket, lets requests in flight finish (at most the grace
   * period), then stops Jetty and closes the scoring workers and models.
   */
  @Override
  public synchronized void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    if (app == null) { // never started
      service.close();
      service.catalog().close();
      return;
    }
    LOG.info("classify4j serve: stopping; {} requests in flight", active.get());
    for (Connector c : app.jettyServer().server().getConnectors()) {
      c.shutdown();
    }
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    while (active.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (active.get() > 0) {
      LOG.warn("classify4j serve: {} requests still in flight after {} ms; stopping anyway",
          active.get(), settings.shutdownGrace().toMillis());
    }
    app.stop();
    service.close();
    service.catalog().close();
    LOG.info("classify4j serve: stopped");
  }
}
