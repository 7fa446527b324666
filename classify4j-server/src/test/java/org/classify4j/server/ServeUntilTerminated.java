package org.classify4j.server;

import java.nio.file.Path;
import java.util.List;

/** A process for {@link GracefulShutdownTest}: serves one model dir, prints its port, waits. */
public final class ServeUntilTerminated {
  private ServeUntilTerminated() {}

  public static void main(String[] args) throws Exception {
    ClassifyServer s = TestService.start(List.of(ServedProject.ofModelDir(Path.of(args[0]))),
        x -> x);
    System.out.println("PORT " + s.port());
    System.out.flush();
    Termination.awaitThenClose(s);
    System.exit(0);
  }
}
