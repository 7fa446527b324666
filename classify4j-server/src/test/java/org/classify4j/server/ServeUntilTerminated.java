package org.classify4j.server;

import java.nio.file.Path;
import java.util.List;

/** A process for {@link GracefulShutdownTest}: serves one model dir, prints its port, waits. */
public final class ServeUntilTerminated {
  private ServeUntilTerminated() {}

  public static void main(String[] args) throws Exception {
    ModelCatalog catalog = ModelCatalog.of(
        TestService.registry(ServedProject.modelDirProjects(Path.of(args[0]))), List.of());
    ClassifyServer s = TestService.start(catalog, org.classify4j.method.LoadContext.standard(),
        x -> x);
    System.out.println("PORT " + s.port());
    System.out.flush();
    Termination.awaitThenClose(s);
    System.exit(0);
  }
}
